import type { EquipmentEvent, EquipmentEventType } from '@harbor/shared';
import { formatDateTime } from '../../ui/format.ts';

export type TimelineOrder = 'newest' | 'oldest';

/** Events by when they happened (then by when they were recorded), newest or oldest first. */
export function orderEvents<T extends Pick<EquipmentEvent, 'eventAt' | 'eventCreatedAt' | 'id'>>(
  events: readonly T[],
  order: TimelineOrder,
): T[] {
  const sorted = [...events].sort(
    (a, b) =>
      Date.parse(a.eventAt) - Date.parse(b.eventAt) ||
      Date.parse(a.eventCreatedAt) - Date.parse(b.eventCreatedAt) ||
      a.id.localeCompare(b.id),
  );
  return order === 'newest' ? sorted.reverse() : sorted;
}

/** The i18n key of an event type's readable label (`containers:event.GTIN`). */
export function eventLabelKey(eventType: EquipmentEventType): `event.${EquipmentEventType}` {
  return `event.${eventType}`;
}

/** A time in the browser's local time zone, e.g. `2026/11/25 19:05`. */
export const formatLocalTime = (iso: string, locale: string): string =>
  formatDateTime(iso, locale, false);

/** Dwell as days and hours (`2 d 5 h`) or hours alone under a day. */
export function dwellParts(hours: number): { days: number; hours: number } {
  const whole = Math.max(0, Math.floor(hours));
  return { days: Math.floor(whole / 24), hours: whole % 24 };
}
