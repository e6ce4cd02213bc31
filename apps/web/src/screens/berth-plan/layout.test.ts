import type { BerthPlan, BerthPlanVisit } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { importProblems } from './import-errors.ts';
import {
  layoutLanes,
  nowPosition,
  parseDays,
  parseFrom,
  periodOf,
  shiftPeriod,
  spanIn,
  timeTicks,
  toDateParam,
} from './layout.ts';

const window = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') };

function visit(id: string, start: string, end: string, conflicts: string[] = []): BerthPlanVisit {
  return {
    id,
    windowStart: start,
    windowEnd: end,
    isActual: false,
    conflicts: conflicts.map((message) => ({ kind: 'OVERLAP', otherVisitId: null, message })),
  } as unknown as BerthPlanVisit;
}

describe('period from the URL', () => {
  it('takes a date as local midnight and the number of days', () => {
    const period = periodOf('2026-12-01', '7', new Date());
    expect(period.from).toEqual(new Date(2026, 11, 1));
    expect(period.to.getTime() - period.from.getTime()).toBe(7 * 86_400_000);
    expect(period.days).toBe(7);
  });
  it('takes a time with an offset as written', () => {
    expect(parseFrom('2026-12-01T08:00:00+08:00', new Date()).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });
  it('falls back to today and 3 days', () => {
    const now = new Date(2026, 10, 25, 15, 30);
    expect(parseFrom(null, now)).toEqual(new Date(2026, 10, 25));
    expect(parseFrom('yesterday', now)).toEqual(new Date(2026, 10, 25));
    expect(parseDays('5')).toBe(3);
    expect(parseDays(null)).toBe(3);
    expect(parseDays('1')).toBe(1);
  });
  it('moves by whole windows and writes local dates', () => {
    const period = periodOf('2026-12-01', '3', new Date());
    expect(toDateParam(shiftPeriod(period, 1))).toBe('2026-12-04');
    expect(toDateParam(shiftPeriod(period, -1))).toBe('2026-11-28');
  });
});

describe('bar geometry', () => {
  it('places a bar by its times as percentages of the window', () => {
    const span = spanIn(new Date('2026-12-01T06:00:00Z'), new Date('2026-12-01T18:00:00Z'), window);
    expect(span).toEqual({ left: 25, width: 50, clippedStart: false, clippedEnd: false });
  });
  it('clips bars to the window and says so', () => {
    const span = spanIn(new Date('2026-11-30T18:00:00Z'), new Date('2026-12-01T06:00:00Z'), window);
    expect(span).toEqual({ left: 0, width: 25, clippedStart: true, clippedEnd: false });
    const late = spanIn(new Date('2026-12-01T18:00:00Z'), new Date('2026-12-03T00:00:00Z'), window);
    expect(late).toEqual({ left: 75, width: 25, clippedStart: false, clippedEnd: true });
  });
  it('drops bars outside the window', () => {
    expect(
      spanIn(new Date('2026-12-02T00:00:00Z'), new Date('2026-12-02T05:00:00Z'), window),
    ).toBeNull();
    expect(
      spanIn(new Date('2026-11-30T00:00:00Z'), new Date('2026-12-01T00:00:00Z'), window),
    ).toBeNull();
  });
  it('places now, and not outside the window', () => {
    expect(nowPosition(new Date('2026-12-01T12:00:00Z'), window)).toBe(50);
    expect(nowPosition(new Date('2026-12-03T12:00:00Z'), window)).toBeNull();
  });
});

describe('lanes', () => {
  const plan = {
    terminalId: 't',
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    conflictCount: 2,
    berths: [
      {
        berthId: 'b1',
        code: 'B01',
        lengthM: 300,
        depthM: 14,
        visits: [
          visit('late', '2026-12-01T12:00:00Z', '2026-12-01T20:00:00Z'),
          visit('a', '2026-12-01T02:00:00Z', '2026-12-01T10:00:00Z', ['overlaps b']),
          visit('b', '2026-12-01T08:00:00Z', '2026-12-01T11:00:00Z', ['overlaps a', 'too deep']),
          visit('gone', '2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z'),
        ],
      },
      { berthId: 'b2', code: 'B02', lengthM: 200, depthM: 12, visits: [] },
    ],
  } as BerthPlan;
  const lanes = layoutLanes(plan, window);

  it('makes one lane per berth, dropping visits outside the window', () => {
    expect(lanes.map((lane) => lane.code)).toEqual(['B01', 'B02']);
    expect(lanes[0]?.bars.map((bar) => bar.visit.id)).toEqual(['a', 'b', 'late']);
    expect(lanes[1]).toMatchObject({ rows: 1, bars: [] });
  });
  it('puts overlapping visits on separate rows and reuses freed rows', () => {
    const rows = Object.fromEntries(lanes[0]?.bars.map((bar) => [bar.visit.id, bar.row]) ?? []);
    expect(rows).toEqual({ a: 0, b: 1, late: 0 });
    expect(lanes[0]?.rows).toBe(2);
  });
  it('marks conflicts with their messages', () => {
    const b = lanes[0]?.bars.find((bar) => bar.visit.id === 'b');
    expect(b?.hasConflict).toBe(true);
    expect(lanes[0]?.bars.find((bar) => bar.visit.id === 'late')?.hasConflict).toBe(false);
  });
});

describe('axis ticks', () => {
  it('ticks every 3 hours over a day, midnight marked', () => {
    const from = new Date(2026, 11, 1);
    const ticks = timeTicks({ from, to: new Date(2026, 11, 2) }, 1);
    expect(ticks.map((tick) => tick.at.getHours())).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 0]);
    expect(ticks[0]).toMatchObject({ left: 0, isDayStart: true });
    expect(ticks[4]?.left).toBe(50);
  });
  it('starts at the first whole step after an odd start', () => {
    const from = new Date(2026, 11, 1, 7, 30);
    const ticks = timeTicks({ from, to: new Date(from.getTime() + 3 * 86_400_000) }, 3);
    expect(ticks[0]?.at).toEqual(new Date(2026, 11, 1, 12));
  });
});

describe('import problems', () => {
  it('lists problems by line, then field', () => {
    expect(
      importProblems({
        'line 10.eta': ['bad time'],
        'line 3.berth': ['no berth B09 at YSP2'],
        csv: ['no header'],
        'line 3.eta': ['missing', 'again'],
      }),
    ).toEqual([
      { line: null, field: 'csv', message: 'no header' },
      { line: 3, field: 'berth', message: 'no berth B09 at YSP2' },
      { line: 3, field: 'eta', message: 'missing' },
      { line: 3, field: 'eta', message: 'again' },
      { line: 10, field: 'eta', message: 'bad time' },
    ]);
  });
});
