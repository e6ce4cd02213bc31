import type { EquipmentEventType, RecordEquipmentEventInput } from '@harbor/shared';

/** The record-event form as typed: every field a string, '' when left empty. */
export type RecordEventValues = {
  eventType: EquipmentEventType;
  eventClassifier: 'ACT' | 'PLN' | 'EST';
  eventAt: string;
  emptyIndicator: '' | 'EMPTY' | 'LADEN';
  isoSizeType: string;
  terminalId: string;
  zoneId: string;
  yardBlockId: string;
  bay: string;
  row: string;
  tier: string;
  vesselVisitId: string;
  note: string;
};

/** A `datetime-local` value for a moment, in the browser's time zone (`2026-11-25T19:05`). */
export function toLocalInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function emptyRecordValues(now: Date): RecordEventValues {
  return {
    eventType: 'GTIN',
    eventClassifier: 'ACT',
    eventAt: toLocalInputValue(now),
    emptyIndicator: '',
    isoSizeType: '',
    terminalId: '',
    zoneId: '',
    yardBlockId: '',
    bay: '',
    row: '',
    tier: '',
    vesselVisitId: '',
    note: '',
  };
}

/**
 * The api input for the form, or the fields the browser can already tell are wrong (keyed
 * like the api's field errors: `eventAt`, `slot`).
 */
export function buildRecordInput(
  containerNumber: string,
  values: RecordEventValues,
): { ok: true; input: RecordEquipmentEventInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const at = new Date(values.eventAt);
  if (values.eventAt === '' || Number.isNaN(at.getTime())) errors.eventAt = 'eventAt';
  const slotParts = [values.yardBlockId, values.bay, values.row, values.tier];
  const slotGiven = slotParts.filter((part) => part.trim() !== '').length;
  if (slotGiven > 0 && slotGiven < 4) errors.slot = 'slotIncomplete';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    ok: true,
    input: {
      containerNumber,
      eventType: values.eventType,
      eventClassifier: values.eventClassifier,
      eventAt: at.toISOString(),
      emptyIndicator: values.emptyIndicator === '' ? undefined : values.emptyIndicator,
      isoSizeType: text(values.isoSizeType)?.toUpperCase(),
      terminalId: text(values.terminalId),
      zoneId: text(values.zoneId),
      vesselVisitId: text(values.vesselVisitId),
      note: text(values.note),
      slot:
        slotGiven === 4
          ? {
              yardBlockId: values.yardBlockId,
              bay: Number(values.bay),
              row: Number(values.row),
              tier: Number(values.tier),
            }
          : undefined,
    },
  };
}
