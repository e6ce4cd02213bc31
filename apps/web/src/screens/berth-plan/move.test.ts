import type { BerthPlan, BerthPlanVisit } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  conflictFacts,
  draggedStay,
  fromLocalInput,
  isMovable,
  previewConflicts,
  toLocalInput,
} from './move.ts';

function visit(
  id: string,
  start: string,
  end: string,
  vessel: { lengthM: number | null; draughtM: number | null },
  extra: Partial<BerthPlanVisit> = {},
): BerthPlanVisit {
  return {
    id,
    vessel: { id: `v-${id}`, mmsi: 413000000, imo: null, name: `SHIP ${id}`, ...vessel },
    status: 'PLANNED',
    windowStart: start,
    windowEnd: end,
    conflicts: [],
    ...extra,
  } as BerthPlanVisit;
}

const plan = {
  terminalId: 't',
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-02T00:00:00Z',
  conflictCount: 2,
  berths: [
    {
      berthId: 'b1',
      code: 'B01',
      lengthM: 300,
      depthM: 14,
      visits: [
        visit('a', '2026-12-01T06:00:00Z', '2026-12-01T12:00:00Z', {
          lengthM: 280,
          draughtM: null,
        }),
      ],
    },
    {
      berthId: 'b2',
      code: 'B02',
      lengthM: 250,
      depthM: 12,
      visits: [
        visit(
          'b',
          '2026-12-01T10:00:00Z',
          '2026-12-01T20:00:00Z',
          { lengthM: 260, draughtM: 13 },
          {
            conflicts: [
              { kind: 'TOO_LONG', otherVisitId: null, message: 'x' },
              { kind: 'TOO_DEEP', otherVisitId: null, message: 'y' },
            ],
          },
        ),
      ],
    },
  ],
} as BerthPlan;

describe('berth plan moves', () => {
  it('previews an overlap and a berth too short, but no depth when the draught is unknown', () => {
    const facts = previewConflicts(plan, {
      visitId: 'a',
      berthId: 'b2',
      start: new Date('2026-12-01T08:00:00Z'),
      end: new Date('2026-12-01T11:00:00Z'),
    });
    expect(facts).toEqual([
      { kind: 'OVERLAP', otherVisitId: 'b', otherName: 'SHIP b' },
      { kind: 'TOO_LONG', lengthM: 280, berthLengthM: 250 },
    ]);
  });

  it('finds nothing where the visit fits, nor against itself', () => {
    expect(
      previewConflicts(plan, {
        visitId: 'a',
        berthId: 'b1',
        start: new Date('2026-12-01T07:00:00Z'),
        end: new Date('2026-12-01T13:00:00Z'),
      }),
    ).toEqual([]);
    // Back to back is no overlap.
    expect(
      previewConflicts(plan, {
        visitId: 'a',
        berthId: 'b2',
        start: new Date('2026-12-01T20:00:00Z'),
        end: new Date('2026-12-01T22:00:00Z'),
      }).map((fact) => fact.kind),
    ).toEqual(['TOO_LONG']);
  });

  it('gives the server’s conflicts their figures', () => {
    expect(conflictFacts(plan, 'b')).toEqual([
      { kind: 'TOO_LONG', lengthM: 260, berthLengthM: 250 },
      { kind: 'TOO_DEEP', draughtM: 13, depthM: 12 },
    ]);
  });

  it('moves a dragged stay by half hours', () => {
    const window = { from: new Date(plan.from), to: new Date(plan.to) };
    const a = plan.berths[0]?.visits[0];
    if (!a) throw new Error('the plan has visit a');
    // 100 px of 1200 is 2 h; 110 px is 2 h 12 min, snapped to 2 h.
    const moved = draggedStay(a, 110, 1200, window);
    expect(moved.start.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(moved.end.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(draggedStay(a, -10, 1200, window).start.toISOString()).toBe('2026-12-01T06:00:00.000Z');
  });

  it('moves only visits still to come', () => {
    expect(isMovable({ status: 'PLANNED' })).toBe(true);
    expect(isMovable({ status: 'AT_ANCHOR' })).toBe(true);
    expect(isMovable({ status: 'BERTHED' })).toBe(false);
    expect(isMovable({ status: 'DEPARTED' })).toBe(false);
  });

  it('reads back what a datetime-local input holds', () => {
    const at = new Date(2026, 11, 1, 8, 30);
    expect(toLocalInput(at)).toBe('2026-12-01T08:30');
    expect(fromLocalInput(toLocalInput(at))?.getTime()).toBe(at.getTime());
    expect(fromLocalInput('')).toBeNull();
  });
});
