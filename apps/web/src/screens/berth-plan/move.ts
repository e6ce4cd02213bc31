import type { BerthConflict, BerthPlan, BerthPlanVisit, VesselVisitStatus } from '@harbor/shared';

/** A visit's conflict with the figures its text needs, so it reads in the user's language. */
export type ConflictFact =
  | { kind: 'OVERLAP'; otherVisitId: string | null; otherName: string }
  | { kind: 'TOO_LONG'; lengthM: number; berthLengthM: number }
  | { kind: 'TOO_DEEP'; draughtM: number; depthM: number };

/** A move being made: the visit, the berth it goes to and its new stay. */
export type MoveDraft = { visitId: string; berthId: string; start: Date; end: Date };

/** Statuses the plan still moves (the api's `visits.replan` rule); a vessel at a berth stays. */
const MOVABLE: readonly VesselVisitStatus[] = ['PLANNED', 'APPROACHING', 'AT_ANCHOR'];
export const isMovable = (visit: { status: VesselVisitStatus }) => MOVABLE.includes(visit.status);

/** Drags move a bar by half hours. */
export const SNAP_MS = 30 * 60_000;

export const vesselName = (visit: Pick<BerthPlanVisit, 'vessel'>) =>
  visit.vessel.name ?? `MMSI ${visit.vessel.mmsi}`;

export function findVisit(plan: BerthPlan, visitId: string) {
  for (const berth of plan.berths) {
    const visit = berth.visits.find((item) => item.id === visitId);
    if (visit) return { berth, visit };
  }
  return null;
}

/** The server's conflicts of a visit at its berth, with their figures from the plan. */
export function conflictFacts(plan: BerthPlan, visitId: string): ConflictFact[] {
  const found = findVisit(plan, visitId);
  if (!found) return [];
  return found.visit.conflicts.flatMap((conflict) => factOf(plan, found, conflict));
}

function factOf(
  plan: BerthPlan,
  { berth, visit }: NonNullable<ReturnType<typeof findVisit>>,
  conflict: BerthConflict,
): ConflictFact[] {
  const { lengthM, draughtM } = visit.vessel;
  switch (conflict.kind) {
    case 'OVERLAP': {
      const other = conflict.otherVisitId ? findVisit(plan, conflict.otherVisitId) : null;
      return [
        {
          kind: 'OVERLAP',
          otherVisitId: conflict.otherVisitId,
          otherName: other ? vesselName(other.visit) : '—',
        },
      ];
    }
    case 'TOO_LONG':
      return lengthM === null ? [] : [{ kind: 'TOO_LONG', lengthM, berthLengthM: berth.lengthM }];
    case 'TOO_DEEP':
      return draughtM === null ? [] : [{ kind: 'TOO_DEEP', draughtM, depthM: berth.depthM }];
  }
}

/**
 * The conflicts a move would bring, by the api's rules (berth-plan.ts): visits at the target
 * berth whose stay overlaps the new one, a ship longer than the berth, a draught (when known)
 * deeper than its water.
 */
export function previewConflicts(plan: BerthPlan, draft: MoveDraft): ConflictFact[] {
  const moving = findVisit(plan, draft.visitId)?.visit;
  const berth = plan.berths.find((item) => item.berthId === draft.berthId);
  if (!moving || !berth) return [];
  const facts: ConflictFact[] = [];
  const start = draft.start.getTime();
  const end = draft.end.getTime();
  for (const other of berth.visits) {
    if (other.id === moving.id) continue;
    if (Date.parse(other.windowStart) < end && Date.parse(other.windowEnd) > start)
      facts.push({ kind: 'OVERLAP', otherVisitId: other.id, otherName: vesselName(other) });
  }
  const { lengthM, draughtM } = moving.vessel;
  if (lengthM !== null && lengthM > berth.lengthM)
    facts.push({ kind: 'TOO_LONG', lengthM, berthLengthM: berth.lengthM });
  if (draughtM !== null && draughtM > berth.depthM)
    facts.push({ kind: 'TOO_DEEP', draughtM, depthM: berth.depthM });
  return facts;
}

/** A bar dragged by `dx` pixels on a track `trackPx` wide: its stay moved, snapped to half hours. */
export function draggedStay(
  visit: Pick<BerthPlanVisit, 'windowStart' | 'windowEnd'>,
  dxPx: number,
  trackPx: number,
  window: { from: Date; to: Date },
): { start: Date; end: Date } {
  const windowMs = window.to.getTime() - window.from.getTime();
  const shift = trackPx > 0 ? Math.round(((dxPx / trackPx) * windowMs) / SNAP_MS) * SNAP_MS : 0;
  return {
    start: new Date(Date.parse(visit.windowStart) + shift),
    end: new Date(Date.parse(visit.windowEnd) + shift),
  };
}

/** A time as a `datetime-local` input holds it (browser zone, to the minute). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as a time; null when empty or not a time. */
export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
