import { describe, expect, it } from 'vitest';
import {
  createLineAgent,
  SCHEDULE_WINDOW_MS,
  type ScheduledCall,
  scheduleCsv,
} from './line-agent.ts';
import type { SimReport } from './reports.ts';
import { createScenario } from './scenario.ts';

const START = new Date('2026-11-25T08:00:00Z');
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const OPTIONS = { seed: 'line-agent', start: START, vessels: 20 };
const at = (hours: number) => new Date(START.getTime() + hours * HOUR_MS);

/** The berthings and departures the scenario itself shows (AIS status 5 on and off). */
function berthMoves(reports: SimReport[]) {
  const status = new Map<number, number>();
  const berthed: { mmsi: number; atMs: number }[] = [];
  const departed: { mmsi: number; atMs: number }[] = [];
  for (const report of reports) {
    if (report.kind !== 'ais') continue;
    for (const message of report.messages) {
      if (message.type !== 1 || !('status' in message)) continue;
      const before = status.get(report.mmsi);
      status.set(report.mmsi, message.status);
      const atMs = report.sentAt.getTime();
      if (message.status === 5 && before !== 5)
        berthed.push({ mmsi: report.mmsi, atMs: before === undefined ? START.getTime() : atMs });
      if (message.status !== 5 && before === 5) departed.push({ mmsi: report.mmsi, atMs });
    }
  }
  return { berthed, departed };
}

const agent = createLineAgent(OPTIONS);
const calls = agent.callsBerthingBy(at(48));

describe('createLineAgent', () => {
  it("foresees the berthings of the scenario's cargo ships, trucks and all", () => {
    const scenario = createScenario(OPTIONS);
    const moves = berthMoves(scenario.advanceTo(at(12)));
    const cargo = new Set(scenario.vessels.filter((v) => v.berth).map((v) => v.mmsi));
    const craft = scenario.vessels.filter((v) => !v.berth).map((v) => v.mmsi);
    expect(scenario.vessels.some((v) => v.kind === 'tug')).toBe(true);
    const expected = moves.berthed.filter((move) => cargo.has(move.mmsi));
    expect(expected.length).toBeGreaterThan(8);
    const early = agent.callsBerthingBy(at(12));
    expect(early.map((call) => ({ mmsi: call.mmsi, atMs: call.berthedAt.getTime() }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(early).toHaveLength(expected.length);
    for (const move of moves.departed.filter((m) => cargo.has(m.mmsi)))
      expect(early.find((call) => call.departedAt?.getTime() === move.atMs)?.mmsi).toBe(move.mmsi);
    // Tugs and pilot boats are tracked, not scheduled.
    expect(calls.every((call) => cargo.has(call.mmsi) && !craft.includes(call.mmsi))).toBe(true);
  });

  it('plans each call within hours of its berthing, with the errors of a real schedule', () => {
    const { vessels } = createScenario(OPTIONS);
    const alongside = calls.filter((call) => call.berthedAt.getTime() === START.getTime());
    const later = calls.filter((call) => call.berthedAt > START);
    expect(alongside.length).toBeGreaterThan(3);
    expect(later.length).toBeGreaterThan(15);
    for (const call of alongside) {
      expect(call.eta.getTime()).toBeGreaterThanOrEqual(at(-8).getTime());
      expect(call.eta.getTime()).toBeLessThanOrEqual(at(-2).getTime());
    }
    const errorsMs = later.map((call) => call.eta.getTime() - call.berthedAt.getTime());
    for (const errorMs of errorsMs) expect(Math.abs(errorMs)).toBeLessThanOrEqual(4 * HOUR_MS);
    const sdMs = Math.sqrt(errorsMs.reduce((sum, e) => sum + e * e, 0) / errorsMs.length);
    expect(sdMs).toBeGreaterThan(45 * MINUTE_MS);
    expect(sdMs).toBeLessThan(150 * MINUTE_MS);
    expect(errorsMs.some((e) => e > 0) && errorsMs.some((e) => e < 0)).toBe(true);

    for (const call of calls) {
      const vessel = vessels.find((v) => v.mmsi === call.mmsi);
      expect(`${call.terminal}-${call.berth}`).toBe(vessel?.berth?.code);
      expect(call.vesselName).toBe(vessel?.name);
      expect(call.eta.getTime() % MINUTE_MS).toBe(0);
      expect(call.etd > call.eta).toBe(true);
      // Every call berthing in the window has been seen leaving: its ETD is that moment.
      expect(call.departedAt).not.toBeNull();
      expect(Math.abs(call.etd.getTime() - (call.departedAt?.getTime() ?? 0))).toBeLessThanOrEqual(
        MINUTE_MS / 2,
      );
      expect(call.voyage).toBe(call.eta.toISOString().slice(2, 13).replace(/[-T]/g, ''));
    }
    const keys = calls.map((call) => `${call.mmsi}/${call.voyage}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Some ships call twice in two days.
    expect(new Set(calls.map((call) => call.mmsi)).size).toBeLessThan(calls.length);
  });

  it('gives the same schedule for the same options, however far it is asked at a time', () => {
    const stepwise = createLineAgent(OPTIONS);
    const firstDay = stepwise.callsBerthingBy(at(24));
    expect(stepwise.callsBerthingBy(at(48))).toEqual(calls);
    expect(calls).toEqual(expect.arrayContaining(firstDay));
    expect(calls.length).toBeGreaterThan(firstDay.length);
    const other = createLineAgent({ ...OPTIONS, seed: 'another line' }).callsBerthingBy(at(1));
    expect(other.map((call) => call.mmsi)).not.toEqual(
      calls.slice(0, other.length).map((call) => call.mmsi),
    );
  });
});

describe('scheduleCsv', () => {
  it("writes the calls in the columns of Harbor's schedule import", () => {
    const call: ScheduledCall = {
      mmsi: 477_123_000,
      vesselName: 'COSCO "ONE", 2',
      voyage: '26112514',
      terminal: 'YSP4',
      berth: 'B01',
      eta: new Date('2026-11-25T14:00:00Z'),
      etd: new Date('2026-11-26T09:30:00Z'),
      berthedAt: new Date('2026-11-25T14:41:07Z'),
      departedAt: new Date('2026-11-26T09:30:12Z'),
    };
    expect(scheduleCsv([call])).toBe(
      'vessel,vessel name,voyage,terminal,berth,eta,etd\r\n' +
        '477123000,"COSCO ""ONE"", 2",26112514,YSP4,B01,2026-11-25T14:00:00Z,2026-11-26T09:30:00Z',
    );
    expect(SCHEDULE_WINDOW_MS).toBe(48 * HOUR_MS);
  });
});
