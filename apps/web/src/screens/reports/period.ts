/** The report periods: presets relative to now, or a custom from/to in the URL. */
export const PRESETS = ['today', '24h', '7d', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export type Period = { preset: Preset; from: Date; to: Date };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest report the api makes, and the longest gate-move window. */
export const MAX_REPORT_MS = 31 * DAY_MS;
export const MAX_GATE_MOVES_MS = 7 * DAY_MS;

/** A preset's from/to at `now` (today: since local midnight). */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, now: Date): Period {
  const to = new Date(now);
  switch (preset) {
    case 'today':
      return {
        preset,
        from: new Date(now.getFullYear(), now.getMonth(), now.getDate()),
        to,
      };
    case '24h':
      return { preset, from: new Date(now.getTime() - DAY_MS), to };
    case '7d':
      return { preset, from: new Date(now.getTime() - 7 * DAY_MS), to };
  }
}

function parseTime(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The period the URL asks for: `?period=today|24h|7d` (relative to now, so a bookmark stays
 * current), else `?from=&to=` as a custom period, else the last 24 hours.
 */
export function periodFromParams(params: URLSearchParams, now: Date): Period {
  const preset = params.get('period');
  if (preset === 'today' || preset === '24h' || preset === '7d') return presetPeriod(preset, now);
  const from = parseTime(params.get('from'));
  const to = parseTime(params.get('to'));
  if (from && to) return { preset: 'custom', from, to };
  return presetPeriod('24h', now);
}

/** Why the api would refuse a period, if it would. */
export function periodProblem(period: { from: Date; to: Date }): 'order' | 'tooLong' | null {
  const length = period.to.getTime() - period.from.getTime();
  if (length <= 0) return 'order';
  if (length > MAX_REPORT_MS) return 'tooLong';
  return null;
}

/** The gate moves to chart: the period's last 7 days at most (the api's limit). */
export function gateMovesWindow(period: { from: Date; to: Date }): { from: Date; to: Date } {
  const from = Math.max(period.from.getTime(), period.to.getTime() - MAX_GATE_MOVES_MS);
  return { from: new Date(from), to: period.to };
}

/** The CSV download of the vehicles report (same origin, the session cookie goes along). */
export function csvHref(period: { from: Date; to: Date }, language = 'en'): string {
  const query = new URLSearchParams({
    from: period.from.toISOString(),
    to: period.to.toISOString(),
  });
  // The header row in the user's language.
  if (language === 'zh-CN') query.set('lang', 'zh-CN');
  return `/reports/vehicles.csv?${query.toString()}`;
}

/** A time as a `datetime-local` input shows it (local, to the minute). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) as a Date; null when empty or invalid. */
export function fromLocalInput(value: string): Date | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  return new Date(y ?? 0, (mo ?? 1) - 1, d, h, mi);
}
