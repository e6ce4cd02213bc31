/** Display helpers of the map screen. */
import { formatDateTime } from '../../ui/format.ts';

/** Decimal degrees with 5 decimals (about a metre). */
export const formatDegrees = (value: number) => value.toFixed(5);

/** A time as the user's locale shows it, to the second; '' for none. */
export const formatTime = (iso: string | null | undefined, language: string): string =>
  formatDateTime(iso, language, 'seconds', '');

/** A `datetime-local` input's value for an ISO time (local time, minutes). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An ISO time for a `datetime-local` value, or null when it is not a time. */
export function fromLocalInput(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** How long ago a time was, in the user's language ("3 min ago", "3分钟前"), to the second. */
export function formatAgo(thenMs: number, nowMs: number, language: string): string {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
    relativeFormats.set(language, format);
  }
  const seconds = Math.round((thenMs - nowMs) / 1_000);
  const size = Math.abs(seconds);
  if (size < 60) return format.format(seconds, 'second');
  if (size < 3_600) return format.format(Math.round(seconds / 60), 'minute');
  if (size < 86_400) return format.format(Math.round(seconds / 3_600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
