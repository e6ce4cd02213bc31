/** Formatting shared by the screens: times in the browser's zone, numbers per language. */

/** How much of a time to show: `full` with the year and the zone, `short` month to minute, `seconds` full to the second without the zone. */
export type TimeStyle = 'full' | 'short' | 'seconds';

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  full: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  short: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  seconds: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  },
};
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${language}|${style}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { ...OPTIONS[style], hourCycle: 'h23' });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A time in the browser's zone (`2026/11/25 19:20 GMT+8` in full); `empty` when absent or
 * not a time. `withZone: false` is the full style without the zone.
 */
export function formatDateTime(
  iso: string | null | undefined,
  language: string,
  withZone: boolean | TimeStyle = true,
  empty = '—',
): string {
  if (!iso) return empty;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return empty;
  if (withZone === false) {
    const { timeZoneName: _zone, ...rest } = OPTIONS.full;
    return new Intl.DateTimeFormat(language, { ...rest, hourCycle: 'h23' }).format(date);
  }
  return dateTimeFormat(language, withZone === true ? 'full' : withZone).format(date);
}

/** The browser's time zone as people read it (`GMT+8`, `UTC`). */
export function localZoneName(language: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat(language, { timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatNumber(value: number, language: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

/** A ratio 0..1 as a percentage (`87 %` / `87%` per language). */
export function formatPercent(ratio: number | null, language: string): string {
  if (ratio === null || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    ratio,
  );
}
