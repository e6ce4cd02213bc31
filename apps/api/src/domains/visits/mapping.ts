import type { Prisma, VesselVisitStatus } from '@harbor/db';
import type { VesselVisit } from '@harbor/shared';
import { fieldDetailsOf, HarborError, type Issue } from '../../core/errors.ts';
import { toVisitVessel } from '../vessels/particulars.ts';

/** What every visit read includes, so `toVesselVisit` can name the vessel, terminal and berth. */
export const visitInclude = {
  vessel: true,
  terminal: { select: { code: true } },
  berth: { select: { code: true } },
  plannedBerth: { select: { code: true } },
} satisfies Prisma.VesselVisitInclude;

export type VisitRow = Prisma.VesselVisitGetPayload<{ include: typeof visitInclude }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Once a vessel has berthed, `berthId` is the berth it took rather than the plan. */
export const hasBerthed = (visit: { status: VesselVisitStatus }) =>
  visit.status === 'BERTHED' || visit.status === 'DEPARTED';

/** The vessel took another berth than the schedule assigned (neither side unknown). */
export function isBerthChanged(visit: {
  status: VesselVisitStatus;
  berthId: string | null;
  plannedBerthId: string | null;
}): boolean {
  return (
    hasBerthed(visit) &&
    visit.berthId !== null &&
    visit.plannedBerthId !== null &&
    visit.berthId !== visit.plannedBerthId
  );
}

export function toVesselVisit(row: VisitRow): VesselVisit {
  const isBerthed = hasBerthed(row);
  return {
    id: row.id,
    // Effective particulars (curated, else AIS): the berth plan's conflicts are computed on these.
    vessel: toVisitVessel(row.vessel),
    portId: row.portId,
    terminalId: row.terminalId,
    terminalCode: row.terminal?.code ?? null,
    berthId: row.berthId,
    berthCode: row.berth?.code ?? null,
    plannedBerthId: row.plannedBerthId,
    plannedBerthCode: row.plannedBerth?.code ?? null,
    actualBerthId: isBerthed ? row.berthId : null,
    actualBerthCode: isBerthed ? (row.berth?.code ?? null) : null,
    isBerthChanged: isBerthChanged(row),
    voyageNumber: row.voyageNumber,
    status: row.status,
    eta: iso(row.eta),
    predictedEta: iso(row.predictedEta),
    predictedPilotEta: iso(row.predictedPilotEta),
    arrivedAt: iso(row.arrivedAt),
    anchoredAt: iso(row.anchoredAt),
    ata: iso(row.ata),
    etd: iso(row.etd),
    atd: iso(row.atd),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies VesselVisit;
}

/**
 * Problems found after parsing (an unknown berth, a CSV cell), listed under `fieldErrors` like
 * a zod failure's: `input.invalid`, or the import's own refusal.
 */
export function fieldErrors(
  issues: (Issue & { path: (string | number)[] })[],
  code: 'input.invalid' | 'visit.import-refused' = 'input.invalid',
): HarborError {
  const message = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', ');
  return new HarborError('invalid', code, message, fieldDetailsOf(issues));
}
