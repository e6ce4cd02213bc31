import { z } from 'zod';
import { EquipmentEventTypeSchema } from './containers.ts';

/**
 * Harbor's DCSA Track & Trace 2.2.0 face: `GET /v2/events` serves equipment events and the
 * transport events (ARRI, DEPA) of port calls in the shapes of DCSA's EVENT_DOMAIN 1.0.4, and
 * the OpenAPI document is generated from these schemas (z.toJSONSchema). The conformance
 * tests hold both to DCSA's published spec (apps/api/test/fixtures/dcsa-tnt-2.2).
 */

/**
 * DCSA equipmentEventTypeCode (T&T 2.1.2 added PICK, DROP, INSP, RSEA, RMVD): Harbor records
 * its equipment events in DCSA's own codes, so the two lists are one.
 */
export const DcsaEquipmentEventTypeCode = EquipmentEventTypeSchema;
export const DcsaEventType = z.enum(['SHIPMENT', 'TRANSPORT', 'EQUIPMENT']);
export const DcsaTransportEventTypeCode = z.enum(['ARRI', 'DEPA']);
export type DcsaTransportEventTypeCode = z.infer<typeof DcsaTransportEventTypeCode>;
export const DcsaEventClassifierCode = z.enum(['PLN', 'EST', 'ACT']);
export type DcsaEventClassifierCode = z.infer<typeof DcsaEventClassifierCode>;
/** Shipment event and document codes: filters DCSA defines; Harbor has no shipment events. */
const ShipmentEventTypeCode = z.enum([
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
]);
const DocumentTypeCode = z
  .enum(['CBR', 'BKG', 'SHI', 'SRM', 'TRD', 'ARN', 'VGM', 'CAS', 'CUS', 'DGD', 'OOG'])
  .meta({ maxLength: 3 });

/**
 * A DCSA array query parameter: one comma-separated value (`style: form, explode: false`),
 * each item one of `values`. A codec, so the document shows the array DCSA declares.
 */
function commaList<const T extends z.ZodEnum>(item: T) {
  return z.codec(z.string(), z.array(item), {
    // The items are checked against `item` right after: the codec validates its output.
    decode: (text) => text.split(',').map((part) => part.trim()) as z.input<T>[],
    encode: (items) => items.join(','),
  });
}

const DateTimeParam = z.iso.datetime({ offset: true });

/** The most events one page holds; a larger `limit` (DCSA sets no maximum) gives this many. */
export const DCSA_MAX_LIMIT = 1000;
const INT32_MAX = 2_147_483_647;

const created = (description: string) => DateTimeParam.optional().meta({ description });

/**
 * Query parameters of `GET /v2/events`: every one DCSA T&T 2.2.0 declares, each with DCSA's
 * schema, plus `eventCreatedDateTime`'s operator forms, which DCSA describes in that
 * parameter's text. A filter on data Harbor does not hold (bookings, documents, shipment
 * events, schedules, services) is accepted and matches no event, as DCSA answers a filter no
 * event meets: an empty page. Other parameters are refused (400): a filter Harbor does not
 * know must not silently widen the answer.
 */
export const DcsaEventsQuery = z.strictObject({
  eventType: commaList(DcsaEventType).optional().meta({
    description:
      'Comma-separated event types (OR); default all. Harbor publishes EQUIPMENT and TRANSPORT events; SHIPMENT matches none.',
  }),
  shipmentEventTypeCode: commaList(ShipmentEventTypeCode).optional().meta({
    description: 'Shipment events only: Harbor has none, so any value answers an empty page.',
  }),
  documentTypeCode: commaList(DocumentTypeCode).optional().meta({
    description: 'Shipment events only: Harbor has none, so any value answers an empty page.',
  }),
  carrierBookingReference: z.string().max(35).optional().meta({
    description:
      'Harbor holds no bookings: no event relates to one, so this answers an empty page.',
  }),
  bookingReference: z.string().optional().meta({
    deprecated: true,
    description: 'Deprecated by DCSA. Harbor holds no bookings: an empty page.',
  }),
  transportDocumentID: z.uuid().optional().meta({
    deprecated: true,
    description: 'Deprecated by DCSA. Harbor holds no transport documents: an empty page.',
  }),
  transportDocumentReference: z.string().max(20).optional().meta({
    description: 'Harbor holds no transport documents: an empty page.',
  }),
  transportEventTypeCode: commaList(DcsaTransportEventTypeCode).optional().meta({
    description: 'Comma-separated ARRI, DEPA (OR); only transport events match.',
  }),
  scheduleID: z.uuid().optional().meta({
    deprecated: true,
    description: 'Deprecated by DCSA. Harbor has no schedule ids: an empty page.',
  }),
  transportCallID: z.string().max(100).optional().meta({
    description:
      "The port call (Harbor's vessel visit id): its transport events and the equipment events of its vessel.",
  }),
  vesselIMONumber: z.string().max(7).optional().meta({
    description: "The vessel's IMO number, as the port curated it.",
  }),
  carrierVoyageNumber: z.string().max(50).optional().meta({
    deprecated: true,
    description:
      "Deprecated by DCSA for exportVoyageNumber; both match the port call's voyage number.",
  }),
  exportVoyageNumber: z.string().max(50).optional().meta({
    description: "The port call's voyage number.",
  }),
  carrierServiceCode: z.string().max(5).optional().meta({
    description: 'Harbor holds no service codes: an empty page.',
  }),
  UNLocationCode: z.string().max(5).optional().meta({
    description: "Events at this UN/LOCODE: the port of the event's place or transport call.",
  }),
  equipmentEventTypeCode: commaList(DcsaEquipmentEventTypeCode).optional().meta({
    description: 'Comma-separated equipment event type codes (OR); only equipment events match.',
  }),
  equipmentReference: z.string().max(15).optional().meta({
    description: 'The container number (ISO 6346); only equipment events match.',
  }),
  eventCreatedDateTime: created(
    'Created exactly at this time; `eventCreatedDateTime:gte|gt|lte|lt|eq=` compare instead (several combine with AND).',
  ),
  'eventCreatedDateTime:gte': created('Created at or after.'),
  'eventCreatedDateTime:gt': created('Created after.'),
  'eventCreatedDateTime:lte': created('Created at or before.'),
  'eventCreatedDateTime:lt': created('Created before.'),
  'eventCreatedDateTime:eq': created('Created exactly at.'),
  limit: z
    .codec(
      z.string().regex(/^[0-9]+$/, 'limit is a whole number'),
      z.number().int().min(1).max(INT32_MAX),
      {
        decode: Number,
        encode: String,
      },
    )
    .optional()
    .meta({
      format: 'int32',
      description: `The most events to return; default 100. A page holds at most ${DCSA_MAX_LIMIT}.`,
    }),
  cursor: z.string().optional().meta({
    description:
      'From the Next-Page link of the previous page. It carries the filters and sort of the first request, so the other parameters are ignored with it.',
  }),
  sort: z.string().optional().meta({
    description:
      'eventCreatedDateTime:ASC (default) or eventCreatedDateTime:DESC. A field no Harbor event carries leaves the order as it is; sorting on another field Harbor emits is refused (400).',
  }),
});
export type DcsaEventsQuery = z.infer<typeof DcsaEventsQuery>;
/** The `eventCreatedDateTime` comparisons, as DCSA names them after the colon. */
export const DCSA_CREATED_OPERATORS = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;

/** A date and time with its offset; DCSA asks eventDateTime in the place's local time. */
const DateTime = z.iso.datetime({ offset: true });

/** DCSA `location` (EVENT_DOMAIN 1.0.4), as far as Harbor fills it. */
export const DcsaLocation = z
  .object({
    locationName: z.string().max(100).optional(),
    UNLocationCode: z.string().length(5),
    facilityCode: z.string().max(6).optional(),
    facilityCodeListProvider: z.enum(['BIC', 'SMDG']).optional(),
  })
  .meta({ id: 'location' });
export type DcsaLocation = z.infer<typeof DcsaLocation>;

/** DCSA `vessel`: DCSA requires the IMO number, so Harbor sends it only with one. */
export const DcsaVessel = z
  .object({
    vesselIMONumber: z.string().max(7),
    vesselName: z.string().max(35).optional(),
    vesselFlag: z.string().max(2).optional(),
    vesselCallSignNumber: z.string().max(10).optional(),
  })
  .meta({ id: 'vessel' });

/** DCSA `transportCall`: a port call of a vessel at a port terminal. */
export const DcsaTransportCall = z
  .object({
    transportCallID: z.string().max(100),
    carrierVoyageNumber: z.string().max(50).optional(),
    exportVoyageNumber: z.string().max(50).optional(),
    UNLocationCode: z.string().length(5),
    facilityCode: z.string().max(6).optional(),
    facilityCodeListProvider: z.enum(['BIC', 'SMDG']).optional(),
    facilityTypeCode: z.literal('POTE'),
    otherFacility: z.string().max(50).optional(),
    modeOfTransport: z.literal('VESSEL'),
    location: DcsaLocation.optional(),
    vessel: DcsaVessel.optional(),
  })
  .meta({ id: 'transportCall' });
export type DcsaTransportCall = z.infer<typeof DcsaTransportCall>;

export const DcsaEquipmentEvent = z
  .object({
    eventID: z.uuid(),
    eventType: z.literal('EQUIPMENT'),
    eventClassifierCode: DcsaEventClassifierCode,
    eventCreatedDateTime: DateTime,
    eventDateTime: DateTime,
    equipmentEventTypeCode: DcsaEquipmentEventTypeCode,
    equipmentReference: z.string().max(15),
    ISOEquipmentCode: z.string().max(4),
    emptyIndicatorCode: z.enum(['EMPTY', 'LADEN']),
    eventLocation: DcsaLocation.optional(),
    transportCall: DcsaTransportCall.optional(),
  })
  .meta({ id: 'equipmentEvent' });
export type DcsaEquipmentEvent = z.infer<typeof DcsaEquipmentEvent>;

/** An arrival or departure of a port call, planned, estimated or actual. */
export const DcsaTransportEvent = z
  .object({
    eventID: z.uuid(),
    eventType: z.literal('TRANSPORT'),
    eventClassifierCode: DcsaEventClassifierCode,
    eventCreatedDateTime: DateTime,
    eventDateTime: DateTime,
    transportEventTypeCode: DcsaTransportEventTypeCode,
    transportCall: DcsaTransportCall,
  })
  .meta({ id: 'transportEvent' });
export type DcsaTransportEvent = z.infer<typeof DcsaTransportEvent>;

export const DcsaEvent = z.discriminatedUnion('eventType', [
  DcsaTransportEvent,
  DcsaEquipmentEvent,
]);
export type DcsaEvent = z.infer<typeof DcsaEvent>;
export const DcsaEventsResponse = z.array(DcsaEvent);
/** A page asked with `eventType=EQUIPMENT`. */
export const DcsaEquipmentEventsResponse = z.array(DcsaEquipmentEvent);

/** DCSA ERROR_DOMAIN 1.0.0 `error`. */
export const DcsaError = z
  .object({
    httpMethod: z.string(),
    requestUri: z.string(),
    statusCode: z.number().int(),
    statusCodeText: z.string(),
    errorDateTime: z.iso.datetime({ offset: true }),
    errors: z.array(z.object({ reason: z.string(), message: z.string() })),
  })
  .meta({ id: 'error' });
export type DcsaError = z.infer<typeof DcsaError>;
