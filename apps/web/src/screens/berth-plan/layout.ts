import type { BerthPlan, BerthPlanVisit } from '@harbor/shared';

/** The periods a berth plan shows. */
export const PERIOD_DAYS = [1, 3, 7] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function parseDays(param: string | null): PeriodDays {
  const days = Number(param);
  return PERIOD_DAYS.find((value) => value === days) ?? 3;
}

function localMidnight(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/**
 * The start of the window from the URL: a date (`2026-12-01`) is that local midnight, a
 * time with an offset is taken as written; anything else is today's local midnight.
 */
export function parseFrom(param: string | null, now: Date): Date {
  const dateOnly = param?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (dateOnly) {
    const [, year, month, day] = dateOnly;
    return new Date(Number(year), Number(month) - 1, Number(day));
  }
  const parsed = param ? new Date(param) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  return localMidnight(now);
}

/** A local date as the URL and a date input write it (`2026-12-01`). */
export function toDateParam(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type Period = { from: Date; to: Date; days: PeriodDays };

export function periodOf(fromParam: string | null, daysParam: string | null, now: Date): Period {
  const from = parseFrom(fromParam, now);
  const days = parseDays(daysParam);
  return { from, to: new Date(from.getTime() + days * DAY_MS), days };
}

/** The same length of window moved by `steps` windows (negative: back). */
export function shiftPeriod(period: Period, steps: number): Date {
  return new Date(period.from.getTime() + steps * period.days * DAY_MS);
}

export type Span = { left: number; width: number; clippedStart: boolean; clippedEnd: boolean };

/** Where [start, end] falls in the window, as percentages; null when it lies outside. */
export function spanIn(start: Date, end: Date, window: { from: Date; to: Date }): Span | null {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const length = to - from;
  const s = start.getTime();
  const e = Math.max(end.getTime(), s);
  if (length <= 0 || e <= from || s >= to) return null;
  const left = Math.max(s, from);
  const right = Math.min(e, to);
  return {
    left: ((left - from) / length) * 100,
    width: ((right - left) / length) * 100,
    clippedStart: s < from,
    clippedEnd: e > to,
  };
}

/** Where "now" is in the window, as a percentage; null outside it. */
export function nowPosition(now: Date, window: { from: Date; to: Date }): number | null {
  const t = now.getTime();
  if (t < window.from.getTime() || t > window.to.getTime()) return null;
  return ((t - window.from.getTime()) / (window.to.getTime() - window.from.getTime())) * 100;
}

export type PlanBar = Span & {
  visit: BerthPlanVisit;
  /** The sub-row inside the lane, so overlapping visits stay visible one above the other. */
  row: number;
  hasConflict: boolean;
};
export type Lane = {
  berthId: string;
  code: string;
  lengthM: number;
  depthM: number;
  rows: number;
  bars: PlanBar[];
};

/** One lane per berth; each visit a bar in the window, overlapping ones on separate rows. */
export function layoutLanes(plan: BerthPlan, window: { from: Date; to: Date }): Lane[] {
  return plan.berths.map((berth) => {
    const spans = berth.visits
      .map((visit) => ({
        visit,
        span: spanIn(new Date(visit.windowStart), new Date(visit.windowEnd), window),
      }))
      .filter((entry): entry is { visit: BerthPlanVisit; span: Span } => entry.span !== null)
      .sort((a, b) => a.span.left - b.span.left || b.span.width - a.span.width);
    const rowEnds: number[] = [];
    const bars = spans.map(({ visit, span }) => {
      let row = rowEnds.findIndex((end) => end <= span.left);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = span.left + span.width;
      return {
        ...span,
        visit,
        row,
        hasConflict: visit.conflicts.length > 0,
      };
    });
    return {
      berthId: berth.berthId,
      code: berth.code,
      lengthM: berth.lengthM,
      depthM: berth.depthM,
      rows: Math.max(rowEnds.length, 1),
      bars,
    };
  });
}

export type Tick = { at: Date; left: number; isDayStart: boolean };

/** Axis ticks at local hours (every 3 h for a day, 6 h for 3 days, 12 h for a week). */
export function timeTicks(window: { from: Date; to: Date }, days: PeriodDays): Tick[] {
  const stepHours = days === 1 ? 3 : days === 3 ? 6 : 12;
  const first = new Date(window.from);
  first.setMinutes(0, 0, 0);
  while (first.getTime() < window.from.getTime() || first.getHours() % stepHours !== 0)
    first.setTime(first.getTime() + HOUR_MS);
  const ticks: Tick[] = [];
  for (let t = first.getTime(); t <= window.to.getTime(); t += HOUR_MS) {
    const at = new Date(t);
    if (at.getHours() % stepHours !== 0) continue;
    const left = nowPosition(at, window);
    if (left !== null) ticks.push({ at, left, isDayStart: at.getHours() === 0 });
  }
  return ticks;
}
