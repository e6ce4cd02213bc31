import type { Db } from '@harbor/db';
import type {
  BerthConflict,
  BerthPlan,
  BerthPlanInput,
  BerthPlanVisit,
  VesselVisit,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { hasBerthed, toVesselVisit, visitInclude } from './mapping.ts';

/** A visit with no planned departure is assumed to stay this long, so it still occupies its berth. */
export const DEFAULT_STAY_MS = 24 * 3_600_000;

type Window = { start: number; end: number; isActual: boolean };

/**
 * When a visit holds its berth: from ata (else eta) to atd (else etd, else a default stay).
 * A vessel still berthed past its etd holds the berth until now at least.
 */
export function visitWindow(visit: VesselVisit, now: Date): Window | null {
  const isActual = visit.ata !== null;
  const startText = visit.ata ?? visit.eta ?? visit.predictedEta;
  if (!startText) return null;
  const start = Date.parse(startText);
  let end = visit.atd
    ? Date.parse(visit.atd)
    : visit.etd
      ? Date.parse(visit.etd)
      : start + DEFAULT_STAY_MS;
  if (visit.status === 'BERTHED' && !visit.atd) end = Math.max(end, now.getTime());
  return { start, end: Math.max(end, start), isActual };
}

/**
 * Conflicts at one berth: two visits whose windows overlap, a vessel longer than the berth,
 * a draught deeper than the water at the berth. Pure, so the rules are tested on their own.
 */
export function berthConflicts(
  berth: { lengthM: number; depthM: number },
  visits: (VesselVisit & Window)[],
): Map<string, BerthConflict[]> {
  const conflicts = new Map<string, BerthConflict[]>(visits.map((visit) => [visit.id, []]));
  const add = (id: string, conflict: BerthConflict) => conflicts.get(id)?.push(conflict);
  const name = (visit: VesselVisit) => visit.vessel.name ?? `MMSI ${visit.vessel.mmsi}`;
  for (const visit of visits) {
    const { lengthM, draughtM } = visit.vessel;
    if (lengthM !== null && lengthM > berth.lengthM)
      add(visit.id, {
        kind: 'TOO_LONG',
        otherVisitId: null,
        message: `${name(visit)} is ${lengthM} m long; the berth is ${berth.lengthM} m`,
      });
    if (draughtM !== null && draughtM > berth.depthM)
      add(visit.id, {
        kind: 'TOO_DEEP',
        otherVisitId: null,
        message: `${name(visit)} draws ${draughtM} m; the berth has ${berth.depthM} m of water`,
      });
  }
  const sorted = [...visits].sort((a, b) => a.start - b.start);
  for (const [i, a] of sorted.entries()) {
    for (const b of sorted.slice(i + 1)) {
      if (b.start >= a.end) break;
      add(a.id, { kind: 'OVERLAP', otherVisitId: b.id, message: `overlaps ${name(b)}` });
      add(b.id, { kind: 'OVERLAP', otherVisitId: a.id, message: `overlaps ${name(a)}` });
    }
  }
  return conflicts;
}

/** A berthed (or departed) vessel is shown where it actually lay; one still to come, where planned. */
export const placedAt = (visit: VesselVisit): string | null =>
  hasBerthed(visit) ? visit.actualBerthId : visit.plannedBerthId;

export async function berthPlan(
  deps: { db: Pick<Db, 'prisma'>; now: Clock },
  input: BerthPlanInput,
): Promise<BerthPlan> {
  const terminal = await deps.db.prisma.terminal.findUnique({
    where: { id: input.terminalId },
    include: { berths: { orderBy: { code: 'asc' } } },
  });
  if (!terminal) throw new HarborError('not-found', 'terminal.not-found', 'no such terminal');
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const now = deps.now();
  // A loose prefilter (a week's margin each side, so visits overlapping the range's edges are
  // there to be compared); the exact windows are computed below.
  const margin = 7 * 86_400_000;
  const late = new Date(to + margin);
  const berthIds = terminal.berths.map((berth) => berth.id);
  const rows = await deps.db.prisma.vesselVisit.findMany({
    where: {
      status: { not: 'CANCELLED' },
      AND: [
        {
          OR: [
            { status: { in: ['BERTHED', 'DEPARTED'] }, berthId: { in: berthIds } },
            { status: { notIn: ['BERTHED', 'DEPARTED'] }, plannedBerthId: { in: berthIds } },
          ],
        },
        {
          OR: [{ ata: { lte: late } }, { ata: null, eta: { lte: late } }, { ata: null, eta: null }],
        },
        { OR: [{ atd: null }, { atd: { gte: new Date(from - margin) } }] },
      ],
    },
    include: visitInclude,
  });
  // Windows depend on defaults and on now, so the overlap with the range is decided here.
  const windowed = rows.flatMap((row) => {
    const visit = toVesselVisit(row);
    const window = visitWindow(visit, now);
    return window ? [{ ...visit, ...window }] : [];
  });
  let conflictCount = 0;
  const berths = terminal.berths.map((berth) => {
    const atBerth = windowed.filter((visit) => placedAt(visit) === berth.id);
    const conflicts = berthConflicts(berth, atBerth);
    const visits = atBerth
      .filter((visit) => visit.start < to && visit.end > from)
      .sort((a, b) => a.start - b.start)
      .map(({ start, end, isActual, ...visit }): BerthPlanVisit => {
        const found = conflicts.get(visit.id) ?? [];
        conflictCount += found.length;
        return {
          ...visit,
          windowStart: new Date(start).toISOString(),
          windowEnd: new Date(end).toISOString(),
          isActual,
          conflicts: found,
        };
      });
    return {
      berthId: berth.id,
      code: berth.code,
      lengthM: berth.lengthM,
      depthM: berth.depthM,
      visits,
    };
  });
  return { terminalId: terminal.id, from: input.from, to: input.to, berths, conflictCount };
}
