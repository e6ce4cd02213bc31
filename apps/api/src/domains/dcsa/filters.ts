import {
  DCSA_CREATED_OPERATORS,
  DcsaEquipmentEventTypeCode,
  type DcsaEventsQuery,
  DcsaTransportEventTypeCode,
} from '@harbor/shared';
import { z } from 'zod';
import { HarborError } from '../../core/errors.ts';

/**
 * What a page of `GET /v2/events` is filtered and sorted by, read once from the first request's
 * query; the cursor carries it, so `?cursor=` alone gives the next page.
 */
const FiltersSchema = z.object({
  /** Harbor's event types the query can match; empty when no event can (an empty page). */
  kinds: z.array(z.enum(['EQUIPMENT', 'TRANSPORT'])),
  equipmentEventTypeCode: z.array(DcsaEquipmentEventTypeCode).optional(),
  transportEventTypeCode: z.array(DcsaTransportEventTypeCode).optional(),
  equipmentReference: z.string().optional(),
  transportCallID: z.string().optional(),
  imo: z.number().int().optional(),
  voyageNumber: z.string().optional(),
  unlocode: z.string().optional(),
  created: z.array(z.tuple([z.enum(DCSA_CREATED_OPERATORS), z.iso.datetime({ offset: true })])),
  /** eventCreatedDateTime:DESC: newest first. */
  descending: z.boolean(),
});
export type Filters = z.infer<typeof FiltersSchema>;

/** Where a page starts: after this event in the sort order (eventCreatedDateTime, eventID). */
export type Position = { at: Date; id: string };

const CursorSchema = z.object({
  f: FiltersSchema,
  /** The last event of the previous page; absent in the link to the first page. */
  at: z.iso.datetime().optional(),
  id: z.uuid().optional(),
});

/**
 * Top-level fields of the events Harbor emits (EVENT_DOMAIN 1.0.4 equipmentEvent and
 * transportEvent): a sort on one of them that Harbor cannot order by is refused, since
 * ignoring it would answer in an order the caller did not ask for. A sort on a field none of
 * Harbor's events carries (carrierBookingReference) orders nothing and leaves the order as it is.
 */
const EMITTED_FIELDS = new Set([
  'eventID',
  'eventType',
  'eventClassifierCode',
  'eventDateTime',
  'equipmentEventTypeCode',
  'equipmentReference',
  'ISOEquipmentCode',
  'emptyIndicatorCode',
  'eventLocation',
  'transportCall',
  'transportEventTypeCode',
]);

/** A query Harbor refuses (400), naming the parameter. */
function badQuery(parameter: string, message: string, cause?: unknown): HarborError {
  return new HarborError('invalid', 'input.invalid', message, {
    fieldErrors: { [parameter]: [message] },
    cause,
  });
}

/**
 * DCSA's `sort`: comma-separated `field`, `field:ASC` or `field:DESC` (DCSA_DOMAIN 1.0.3).
 * Harbor orders by eventCreatedDateTime (then eventID); true when that is to be descending.
 */
function descendingOf(sort: string | undefined): boolean {
  let descending = false;
  for (const term of (sort ?? '').split(',')) {
    if (term.trim() === '') continue;
    const [field = '', direction = 'ASC', ...rest] = term.trim().split(':');
    if (rest.length > 0 || !['ASC', 'DESC'].includes(direction.toUpperCase())) {
      throw badQuery('sort', `sort: "${term}" is not field, field:ASC or field:DESC`);
    }
    if (field === 'eventCreatedDateTime') descending = direction.toUpperCase() === 'DESC';
    else if (EMITTED_FIELDS.has(field)) {
      throw badQuery(
        'sort',
        `sort: Harbor orders events by eventCreatedDateTime only, not ${field}`,
      );
    }
  }
  return descending;
}

/** Both voyage filters name Harbor's one voyage number; two different ones match nothing. */
function voyageOf(query: DcsaEventsQuery): { voyageNumber?: string; none: boolean } {
  const given = [query.carrierVoyageNumber, query.exportVoyageNumber].filter(
    (value): value is string => value !== undefined,
  );
  const [first] = given;
  return {
    ...(first ? { voyageNumber: first } : {}),
    none: given.some((value) => value !== first),
  };
}

export function filtersOf(query: DcsaEventsQuery): Filters {
  const created: Filters['created'] = [];
  if (query.eventCreatedDateTime) created.push(['eq', query.eventCreatedDateTime]);
  for (const op of DCSA_CREATED_OPERATORS) {
    const value = query[`eventCreatedDateTime:${op}`];
    if (value) created.push([op, value]);
  }
  const voyage = voyageOf(query);
  // Filters on data Harbor does not hold relate to no event (DCSA answers an empty list).
  const unheld =
    query.shipmentEventTypeCode ??
    query.documentTypeCode ??
    query.carrierBookingReference ??
    query.bookingReference ??
    query.transportDocumentID ??
    query.transportDocumentReference ??
    query.scheduleID ??
    query.carrierServiceCode;
  const imoValid = query.vesselIMONumber === undefined || /^[0-9]{7}$/.test(query.vesselIMONumber);
  const types = new Set(query.eventType ?? ['EQUIPMENT', 'TRANSPORT']);
  // A type-specific filter matches only events of its type (EVENT_DOMAIN: "only relevant
  // when filtering on ..."; DCSA's own example of two such filters answers an empty list).
  const equipment = types.has('EQUIPMENT') && !query.transportEventTypeCode && unheld === undefined;
  const transport =
    types.has('TRANSPORT') &&
    !query.equipmentEventTypeCode &&
    !query.equipmentReference &&
    unheld === undefined;
  const matchesAny = imoValid && !voyage.none;
  return {
    kinds: matchesAny
      ? [...(equipment ? ['EQUIPMENT' as const] : []), ...(transport ? ['TRANSPORT' as const] : [])]
      : [],
    ...(query.equipmentEventTypeCode
      ? { equipmentEventTypeCode: query.equipmentEventTypeCode }
      : {}),
    ...(query.transportEventTypeCode
      ? { transportEventTypeCode: query.transportEventTypeCode }
      : {}),
    ...(query.equipmentReference
      ? { equipmentReference: query.equipmentReference.toUpperCase() }
      : {}),
    ...(query.transportCallID ? { transportCallID: query.transportCallID } : {}),
    ...(query.vesselIMONumber && imoValid ? { imo: Number(query.vesselIMONumber) } : {}),
    ...(voyage.voyageNumber ? { voyageNumber: voyage.voyageNumber } : {}),
    ...(query.UNLocationCode ? { unlocode: query.UNLocationCode.toUpperCase() } : {}),
    created,
    descending: descendingOf(query.sort),
  };
}

export function encodeCursor(filters: Filters, after?: Position): string {
  const cursor: z.infer<typeof CursorSchema> = {
    f: filters,
    ...(after ? { at: after.at.toISOString(), id: after.id } : {}),
  };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): { filters: Filters; after: Position | null } {
  let cursor: z.infer<typeof CursorSchema>;
  try {
    cursor = CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch (error) {
    throw badQuery('cursor', 'cursor: cursor is not one this server gave out', error);
  }
  return {
    filters: cursor.f,
    after: cursor.at && cursor.id ? { at: new Date(cursor.at), id: cursor.id } : null,
  };
}
