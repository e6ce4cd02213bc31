/** Formatting shared by the port screens: local time with its zone, numbers per language. */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string, withZone: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withZone ? { timeZoneName: 'short' } : {}),
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A time in the browser's zone, the zone shown (`2026/11/25 19:20 GMT+8`); `—` when absent. */
export function formatDateTime(
  iso: string | null | undefined,
  language: string,
  withZone = true,
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return dateTimeFormat(language, withZone).format(date);
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
