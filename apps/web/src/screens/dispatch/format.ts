import type { DispatchJob } from '@harbor/shared';
import { formatDateTime } from '../../ui/format.ts';

/** A timestamp in the browser's time zone, short (month, day, hours, minutes); '' for none. */
export const formatLocalTime = (iso: string | null | undefined, language: string): string =>
  formatDateTime(iso, language, 'short', '');

const compact = (text: string) => text.toUpperCase().replace(/[\s\-/.]/g, '');

/**
 * Whether a job matches the board's text filter: part of its reference (any case) or of its
 * container number (spaces, dashes and dots ignored, as the api's search does).
 */
export function jobMatchesSearch(job: DispatchJob, search: string): boolean {
  const text = search.trim();
  if (!text) return true;
  if (job.reference.toUpperCase().includes(text.toUpperCase())) return true;
  const number = compact(text);
  return (
    number.length > 0 &&
    job.containerNumber !== null &&
    compact(job.containerNumber).includes(number)
  );
}

/** An ISO timestamp as the value of a `datetime-local` input (local time, minutes). */
export function toLocalInput(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A `datetime-local` value (local time) as ISO 8601 in UTC; '' when blank or invalid. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}
