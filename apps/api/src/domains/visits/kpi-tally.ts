import type { PortKpiFigures } from '@harbor/shared';
import { wallClockToUtc } from '../../core/wall-clock.ts';
import type { CallFacts } from './call-facts.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A calendar day of a port: from its local midnight to the next one. */
export type PortDay = { date: string; start: Date; end: Date };

/**
 * The days `from` to `to` (both counted) in an IANA time zone, each from local midnight to
 * local midnight: 24 hours in Shanghai, 23 or 25 on a daylight-saving change elsewhere.
 */
export function portDays(from: string, to: string, timezone: string): PortDay[] {
  const days: PortDay[] = [];
  const midnight = (date: string) => wallClockToUtc(`${date}T00:00`, timezone);
  for (let day = Date.parse(from); day <= Date.parse(to); day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    const next = new Date(day + DAY_MS).toISOString().slice(0, 10);
    days.push({ date, start: midnight(date), end: midnight(next) });
  }
  return days;
}

/** The index of the last day starting at or before `at` (days in order), -1 before the first. */
function dayIndex(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] ?? 0) <= at) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Running sums of one terminal over one day, or over more. */
type Tally = {
  berths: number;
  availableMs: number;
  arrivals: number;
  berthings: number;
  waitMs: number;
  berthMs: number;
  callsAtBerth: Set<string>;
  departures: number;
  turnaroundMs: number;
  scheduledCalls: number;
  onTimeCalls: number;
  absDeviationMs: number;
};

const emptyTally = (berths: number): Tally => ({
  berths,
  availableMs: 0,
  arrivals: 0,
  berthings: 0,
  waitMs: 0,
  berthMs: 0,
  callsAtBerth: new Set(),
  departures: 0,
  turnaroundMs: 0,
  scheduledCalls: 0,
  onTimeCalls: 0,
  absDeviationMs: 0,
});

/** `into` plus `tally`; berths are added only when `addBerths` (terminals, not days). */
function addTally(into: Tally, tally: Tally, addBerths: boolean): void {
  if (addBerths) into.berths += tally.berths;
  into.availableMs += tally.availableMs;
  into.arrivals += tally.arrivals;
  into.berthings += tally.berthings;
  into.waitMs += tally.waitMs;
  into.berthMs += tally.berthMs;
  for (const call of tally.callsAtBerth) into.callsAtBerth.add(call);
  into.departures += tally.departures;
  into.turnaroundMs += tally.turnaroundMs;
  into.scheduledCalls += tally.scheduledCalls;
  into.onTimeCalls += tally.onTimeCalls;
  into.absDeviationMs += tally.absDeviationMs;
}

const hoursOf = (ms: number) => ms / HOUR_MS;
const meanHours = (ms: number, count: number) => (count === 0 ? null : hoursOf(ms) / count);

function figures(tally: Tally): PortKpiFigures {
  return {
    berths: tally.berths,
    arrivals: tally.arrivals,
    berthings: tally.berthings,
    anchorageWaitHours: hoursOf(tally.waitMs),
    meanAnchorageWaitHours: meanHours(tally.waitMs, tally.berthings),
    berthHours: hoursOf(tally.berthMs),
    callsAtBerth: tally.callsAtBerth.size,
    occupancy: tally.availableMs === 0 ? null : tally.berthMs / tally.availableMs,
    departures: tally.departures,
    meanTurnaroundHours: meanHours(tally.turnaroundMs, tally.departures),
    scheduledCalls: tally.scheduledCalls,
    onTimeCalls: tally.onTimeCalls,
    onTimeShare: tally.scheduledCalls === 0 ? null : tally.onTimeCalls / tally.scheduledCalls,
    meanAbsDeviationHours: meanHours(tally.absDeviationMs, tally.scheduledCalls),
  };
}

/** A terminal shown, with its berths and its port's days. */
export type TallyTerminal = { id: string; berths: number; days: PortDay[] };

export type TallyResult<T extends TallyTerminal> = {
  /** Per terminal (in the order given), its days' figures in order and the period's. */
  terminals: {
    terminal: T;
    days: { date: string; figures: PortKpiFigures }[];
    period: PortKpiFigures;
  }[];
  total: PortKpiFigures;
};

/**
 * Tallies calls into terminal-days. A call counts at the terminal of its first berth (see
 * CallFacts.terminalId) for its arrival (day of ARRIVED), its berthing, anchorage wait and
 * schedule deviation (day of the first BERTHED) and its turnaround (day of the last
 * UNBERTHED); its berth stays count at each berth's own terminal, clipped to the days. A stay
 * still open runs to `now`. Occupancy divides by the berths × the part of the day gone by at
 * `now` (the whole day once it is over); two ships sharing one berth can take it past 1.
 */
export function tallyPortKpis<T extends TallyTerminal>(
  calls: readonly CallFacts[],
  terminals: readonly T[],
  options: { now: Date; onTimeWindowMs: number },
): TallyResult<T> {
  const now = options.now.getTime();
  /** Per terminal: its days' bounds as epoch ms, and their tallies. */
  const cells = new Map<string, { starts: number[]; ends: number[]; tallies: Tally[] }>();
  for (const terminal of terminals) {
    const starts = terminal.days.map((day) => day.start.getTime());
    const ends = terminal.days.map((day) => day.end.getTime());
    const tallies = terminal.days.map((_, index) => {
      const tally = emptyTally(terminal.berths);
      const gone = Math.min(ends[index] ?? 0, now) - (starts[index] ?? 0);
      tally.availableMs = terminal.berths * Math.max(0, gone);
      return tally;
    });
    cells.set(terminal.id, { starts, ends, tallies });
  }
  /** The tally of the terminal's day holding `at`, if the terminal is shown and `at` in the period. */
  const cellAt = (terminalId: string | null, at: Date | null): Tally | undefined => {
    const cell = terminalId ? cells.get(terminalId) : undefined;
    if (!cell || !at) return undefined;
    const index = dayIndex(cell.starts, at.getTime());
    const end = cell.ends[index];
    return end !== undefined && at.getTime() < end ? cell.tallies[index] : undefined;
  };

  for (const call of calls) {
    const arrived = cellAt(call.terminalId, call.arrivedAt);
    if (arrived) arrived.arrivals += 1;
    const berthed = cellAt(call.terminalId, call.firstBerthedAt);
    if (berthed && call.firstBerthedAt) {
      berthed.berthings += 1;
      berthed.waitMs += call.anchorageWaitMs;
      if (call.eta) {
        const deviationMs = Math.abs(call.firstBerthedAt.getTime() - call.eta.getTime());
        berthed.scheduledCalls += 1;
        berthed.absDeviationMs += deviationMs;
        if (deviationMs <= options.onTimeWindowMs) berthed.onTimeCalls += 1;
      }
    }
    const left = cellAt(call.terminalId, call.lastUnberthedAt);
    if (left && call.lastUnberthedAt && call.arrivedAt) {
      left.departures += 1;
      left.turnaroundMs += call.lastUnberthedAt.getTime() - call.arrivedAt.getTime();
    }
    for (const stay of call.stays) {
      const cell = stay.terminalId ? cells.get(stay.terminalId) : undefined;
      if (!cell) continue;
      const start = stay.start.getTime();
      const end = stay.end?.getTime() ?? now;
      // The days from the one the stay begins in (or the first) to the one it ends in.
      for (
        let index = Math.max(0, dayIndex(cell.starts, start));
        index < cell.tallies.length;
        index++
      ) {
        const dayStart = cell.starts[index] ?? 0;
        if (dayStart >= end) break;
        const ms = Math.min(end, cell.ends[index] ?? 0) - Math.max(start, dayStart);
        const tally = cell.tallies[index];
        if (ms <= 0 || !tally) continue;
        tally.berthMs += ms;
        tally.callsAtBerth.add(call.visitId);
      }
    }
  }

  const total = emptyTally(0);
  const result: TallyResult<T>['terminals'] = [];
  for (const terminal of terminals) {
    const tallies = cells.get(terminal.id)?.tallies ?? [];
    const period = emptyTally(terminal.berths);
    for (const tally of tallies) addTally(period, tally, false);
    addTally(total, period, true);
    result.push({
      terminal,
      days: terminal.days.map((day, index) => ({
        date: day.date,
        figures: figures(tallies[index] ?? emptyTally(terminal.berths)),
      })),
      period: figures(period),
    });
  }
  return { terminals: result, total: figures(total) };
}
