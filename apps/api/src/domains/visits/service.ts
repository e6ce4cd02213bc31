import type { Db, Prisma, VesselVisitStatus } from '@harbor/db';
import {
  type CreateVisitInput,
  type ListVisitsInput,
  OPEN_VISIT_STATUSES,
  type UpdateVisitInput,
  type VesselRef,
  type VesselVisit,
  type VesselVisitDetail,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { fieldErrors, toVesselVisit, visitInclude } from './mapping.ts';
import { visitTimeline } from './timeline.ts';

type Deps = { db: Pick<Db, 'prisma'>; now: Clock };

export async function findVessel(deps: Pick<Deps, 'db'>, ref: VesselRef) {
  const where =
    'id' in ref ? { id: ref.id } : 'mmsi' in ref ? { mmsi: ref.mmsi } : { imo: ref.imo };
  const vessel = await deps.db.prisma.vessel.findUnique({ where });
  if (!vessel) throw new HarborError('not-found', 'vessel.not-found', 'no such vessel');
  return vessel;
}

/** The terminal, and the berth if one is named: it must be one of that terminal's berths. */
async function placeOf(
  deps: Pick<Deps, 'db'>,
  terminalId: string,
  berthId: string | null | undefined,
): Promise<{ portId: string; terminalId: string; berthId: string | null | undefined }> {
  const terminal = await deps.db.prisma.terminal.findUnique({ where: { id: terminalId } });
  if (!terminal) throw fieldErrors([{ path: ['terminalId'], message: 'no such terminal' }]);
  if (berthId) {
    const berth = await deps.db.prisma.berth.findUnique({ where: { id: berthId } });
    if (berth?.terminalId !== terminalId)
      throw fieldErrors([{ path: ['berthId'], message: 'no such berth at this terminal' }]);
  }
  return { portId: terminal.portId, terminalId, berthId };
}

const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

export async function createVisit(deps: Deps, input: CreateVisitInput): Promise<VesselVisit> {
  const vessel = await findVessel(deps, input.vessel);
  const place = await placeOf(deps, input.terminalId, input.berthId);
  const row = await deps.db.prisma.vesselVisit.create({
    data: {
      vesselId: vessel.id,
      portId: place.portId,
      terminalId: place.terminalId,
      // berthId follows the plan until the vessel berths; the tracker then sets the actual berth.
      berthId: place.berthId ?? null,
      plannedBerthId: place.berthId ?? null,
      voyageNumber: input.voyageNumber ?? null,
      eta: date(input.eta) ?? null,
      etd: date(input.etd) ?? null,
    },
    include: visitInclude,
  });
  return toVesselVisit(row);
}

export async function openVisit(deps: Pick<Deps, 'db'>, id: string) {
  const visit = await deps.db.prisma.vesselVisit.findUnique({ where: { id } });
  if (!visit) throw new HarborError('not-found', 'visit.not-found', 'no such visit');
  if (!(OPEN_VISIT_STATUSES as readonly string[]).includes(visit.status))
    throw new HarborError(
      'conflict',
      'visit.closed',
      `the visit is ${visit.status.toLowerCase()}`,
      {
        params: { status: visit.status },
      },
    );
  return visit;
}

export async function updateVisit(deps: Deps, input: UpdateVisitInput): Promise<VesselVisit> {
  const visit = await openVisit(deps, input.id);
  const terminalId = input.terminalId ?? visit.terminalId;
  // Moving a visit to another terminal drops a berth of the old one unless a new berth is named.
  const berthId =
    input.berthId !== undefined
      ? input.berthId
      : input.terminalId && input.terminalId !== visit.terminalId
        ? null
        : undefined;
  const place = terminalId ? await placeOf(deps, terminalId, berthId) : null;
  const eta = date(input.eta) ?? visit.eta;
  const etd = date(input.etd) ?? visit.etd;
  if (eta && etd && etd <= eta) throw fieldErrors([{ path: ['etd'], message: 'ETD is after ETA' }]);
  const row = await deps.db.prisma.vesselVisit.update({
    where: { id: input.id },
    data: {
      ...(place ? { portId: place.portId, terminalId: place.terminalId } : {}),
      ...(berthId !== undefined ? berthChange(visit.status, berthId) : {}),
      ...(input.voyageNumber !== undefined ? { voyageNumber: input.voyageNumber } : {}),
      eta,
      etd,
    },
    include: visitInclude,
  });
  return toVesselVisit(row);
}

/** A new plan; a berthed vessel stays where it is, so only the plan of a berthed visit moves. */
export function berthChange(status: VesselVisitStatus, berthId: string | null) {
  return status === 'BERTHED' ? { plannedBerthId: berthId } : { plannedBerthId: berthId, berthId };
}

/** A vessel at the berth has arrived: only a visit not yet berthed may be cancelled. */
export async function cancelVisit(deps: Deps, id: string): Promise<VesselVisit> {
  const visit = await openVisit(deps, id);
  if (visit.status === 'BERTHED')
    throw new HarborError('conflict', 'visit.berthed', 'a berthed visit cannot be cancelled');
  const row = await deps.db.prisma.vesselVisit.update({
    where: { id },
    data: { status: 'CANCELLED' },
    include: visitInclude,
  });
  return toVesselVisit(row);
}

/** Visits whose stay overlaps [from, to]: it starts (ata, else eta) by `to` and ends (atd, else etd; none: still open) from `from`. */
function windowWhere(input: ListVisitsInput): Prisma.VesselVisitWhereInput[] {
  const where: Prisma.VesselVisitWhereInput[] = [];
  if (input.to) {
    const to = new Date(input.to);
    where.push({ OR: [{ ata: { lte: to } }, { ata: null, eta: { lte: to } }] });
  }
  if (input.from) {
    const from = new Date(input.from);
    where.push({
      OR: [{ atd: { gte: from } }, { atd: null, etd: { gte: from } }, { atd: null, etd: null }],
    });
  }
  return where;
}

export async function listVisits(deps: Deps, input: ListVisitsInput) {
  const rows = await deps.db.prisma.vesselVisit.findMany({
    where: {
      ...(input.statuses ? { status: { in: input.statuses } } : {}),
      ...(input.terminalId ? { terminalId: input.terminalId } : {}),
      ...(input.vesselId ? { vesselId: input.vesselId } : {}),
      AND: windowWhere(input),
    },
    orderBy: [{ eta: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    include: visitInclude,
    // Visits are port data every logged-in user sees.
    ...pageArgs(input, {}),
  });
  return toPage(rows, input.limit, toVesselVisit);
}

export async function getVisit(deps: Deps, id: string): Promise<VesselVisitDetail> {
  const row = await deps.db.prisma.vesselVisit.findUnique({ where: { id }, include: visitInclude });
  if (!row) throw new HarborError('not-found', 'visit.not-found', 'no such visit');
  return { ...toVesselVisit(row), timeline: await visitTimeline(deps, row) };
}
