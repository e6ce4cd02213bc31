import { describe, expect, it } from 'vitest';
import {
  fixTimeProblem,
  HISTORY_ONLY_AFTER_MS,
  isHistoryOnly,
  isoTime,
  MAX_FIX_AHEAD_MS,
} from './fix-time.ts';
import { type Fix, FixSchema, fixProblem } from './fixes.ts';

const RECEIVED = new Date('2026-11-25T02:00:00Z');
const at = (offsetMs: number) => new Date(RECEIVED.getTime() + offsetMs);

describe('when a fix can be believed', () => {
  it('takes a fix up to a few minutes ahead of its receipt (a clock running fast), and refuses one beyond', () => {
    expect(fixTimeProblem(at(0), RECEIVED)).toBeNull();
    expect(fixTimeProblem(at(MAX_FIX_AHEAD_MS), RECEIVED)).toBeNull();
    expect(fixTimeProblem(at(MAX_FIX_AHEAD_MS + 1000), RECEIVED)).toMatch(
      /more than 5 minutes after it was received/,
    );
    expect(fixTimeProblem(new Date('9999-12-31T00:00:00Z'), RECEIVED)).toMatch(/9999-12-31/);
  });

  it('refuses a time before GPS began and a time that is not one', () => {
    expect(fixTimeProblem(new Date('1970-01-01T00:00:00Z'), RECEIVED)).toMatch(
      /before satellite positioning began/,
    );
    expect(fixTimeProblem(new Date(Number.NaN), RECEIVED)).toMatch(/no valid time/);
  });

  it('sends a fix received more than a day late to history only', () => {
    expect(isHistoryOnly({ fixAt: at(-HISTORY_ONLY_AFTER_MS), receivedAt: RECEIVED })).toBe(false);
    expect(isHistoryOnly({ fixAt: at(-HISTORY_ONLY_AFTER_MS - 1), receivedAt: RECEIVED })).toBe(
      true,
    );
  });

  it('is part of the fix contract: FixSchema names the time as the problem', () => {
    const fix: Fix = {
      assetKind: 'VEHICLE',
      assetKey: '013916001001',
      fixAt: new Date('9999-01-01T00:00:00Z'),
      receivedAt: RECEIVED,
      lat: 30.87,
      lon: 121.9,
      speedKnots: null,
      courseDeg: null,
      headingDeg: null,
      altitudeM: null,
      status: null,
      source: 'HTTP',
    };
    const result = FixSchema.safeParse(fix);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['fixAt']]);
    expect(FixSchema.safeParse({ ...fix, fixAt: RECEIVED }).success).toBe(true);
    // What the gateways ask, in one pass: is the time the problem, and why.
    expect(fixProblem(fix)).toEqual({
      isTime: true,
      message: expect.stringMatching(/more than 5 minutes after it was received/),
    });
    expect(fixProblem({ ...fix, fixAt: RECEIVED, lat: 91 })).toMatchObject({
      isTime: false,
    });
    expect(fixProblem({ ...fix, fixAt: RECEIVED })).toBeNull();
  });
});

describe('ISO times made once', () => {
  it("gives toISOString's string for any time, asked in any order, before and after the kept ones are cleared", () => {
    const times = [0, -1, 1, 1_764_036_000_123, 253_402_300_799_999, -62_198_755_200_000];
    for (let i = 0; i < 10_000; i++)
      times.push(1_764_036_000_000 + ((i * 7919) % 9_000) * 1000 + (i % 3));
    for (const round of [1, 2])
      for (const ms of round === 1 ? times : [...times].reverse())
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('refuses a time no date has, as toISOString does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
