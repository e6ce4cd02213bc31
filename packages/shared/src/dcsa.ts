import { z } from 'zod';
import { EquipmentEventTypeSchema } from './containers.ts';

/**
 * Harbor's DCSA Track & Trace 2.2 face: `GET /v2/events` serves equipment events in the shape
 * of DCSA's EVENT_DOMAIN equipmentEvent, and the OpenAPI document is generated from these
 * schemas (z.toJSONSchema), so the contract and the document cannot drift apart.
 */

/**
 * DCSA equipmentEventTypeCode (T&T 2.1.2 added PICK, DROP, INSP, RSEA, RMVD): Harbor records
 * its equipment events in DCSA's own codes, so the two lists are one.
 */
export const DcsaEquipmentEventTypeCode = EquipmentEventTypeSchema;
export const DcsaEventType = z.enum(['SHIPMENT', 'TRANSPORT', 'EQUIPMENT']);

/**
 * DCSA array query parameters are one comma-separated value (`style: form, explode: false`);
 * every item must be one of `values`.
 */
function commaList<const V extends readonly string[]>(values: V) {
  const allowed = new Set<string>(values);
  return z.string().transform((text, ctx) => {
    const items = text.split(',').map((item) => item.trim());
    const unknown = items.filter((item) => !allowed.has(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown value ${unknown.join(', ')}; expected ${values.join(', ')}`,
      });
      return z.NEVER;
    }
    // Every item was just checked against `values`.
    return items as V[number][];
  });
}

const DateTimeParam = z.iso.datetime({ offset: true });

export const DCSA_MAX_LIMIT = 1000;

/**
 * Query parameters of `GET /v2/events`. Unknown parameters are refused (400) rather than
 * silently ignored: a filter Harbor cannot apply must not widen the answer.
 */
export const DcsaEventsQuery = z.strictObject({
  eventType: commaList(DcsaEventType.options).optional().meta({
    description:
      'Comma-separated event types. Harbor publishes EQUIPMENT events only: a list without EQUIPMENT answers an empty list.',
  }),
  equipmentEventTypeCode: commaList(DcsaEquipmentEventTypeCode.options)
    .optional()
    .meta({ description: 'Comma-separated equipment event type codes (OR).' }),
  equipmentReference: z
    .string()
    .max(15)
    .optional()
    .meta({ description: 'The container number (ISO 6346), e.g. CSQU3054383.' }),
  eventCreatedDateTime: DateTimeParam.optional().meta({
    description: 'Events created exactly at this time.',
  }),
  'eventCreatedDateTime:gte': DateTimeParam.optional().meta({
    description: 'Created at or after.',
  }),
  'eventCreatedDateTime:gt': DateTimeParam.optional().meta({ description: 'Created after.' }),
  'eventCreatedDateTime:lte': DateTimeParam.optional().meta({
    description: 'Created at or before.',
  }),
  'eventCreatedDateTime:lt': DateTimeParam.optional().meta({ description: 'Created before.' }),
  'eventCreatedDateTime:eq': DateTimeParam.optional().meta({ description: 'Created exactly at.' }),
  limit: z
    .string()
    .regex(/^[0-9]+$/, 'limit is a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(DCSA_MAX_LIMIT))
    .optional()
    .meta({ description: `Page size, 1..${DCSA_MAX_LIMIT}; default 100.` }),
  cursor: z.string().max(2000).optional().meta({
    description:
      'The Next-Page-Cursor of the previous page. It carries the filters of the first request, so the other filters are ignored with it.',
  }),
});
export type DcsaEventsQuery = z.infer<typeof DcsaEventsQuery>;

export const DcsaLocation = z
  .object({
    locationName: z.string().optional(),
    UNLocationCode: z.string().length(5),
    facilityCode: z.string().max(6).optional(),
    facilityCodeListProvider: z.enum(['BIC', 'SMDG']).optional(),
  })
  .meta({ id: 'location' });

export const DcsaVessel = z
  .object({
    vesselIMONumber: z.string().optional(),
    vesselName: z.string().optional(),
    vesselFlag: z.string().optional(),
    vesselCallSignNumber: z.string().optional(),
  })
  .meta({ id: 'vessel' });

export const DcsaTransportCall = z
  .object({
    transportCallID: z.string(),
    exportVoyageNumber: z.string().optional(),
    UNLocationCode: z.string().length(5),
    facilityCode: z.string().max(6).optional(),
    facilityCodeListProvider: z.enum(['BIC', 'SMDG']).optional(),
    facilityTypeCode: z.literal('POTE'),
    modeOfTransport: z.literal('VESSEL'),
    location: DcsaLocation.optional(),
    vessel: DcsaVessel,
  })
  .meta({ id: 'transportCall' });

export const DcsaEquipmentEvent = z
  .object({
    eventID: z.uuid(),
    eventType: z.literal('EQUIPMENT'),
    eventClassifierCode: z.enum(['PLN', 'EST', 'ACT']),
    eventCreatedDateTime: z.iso.datetime({ offset: true }),
    eventDateTime: z.iso.datetime({ offset: true }),
    equipmentEventTypeCode: DcsaEquipmentEventTypeCode,
    equipmentReference: z.string(),
    ISOEquipmentCode: z.string(),
    emptyIndicatorCode: z.enum(['EMPTY', 'LADEN']),
    eventLocation: DcsaLocation.optional(),
    transportCall: DcsaTransportCall.optional(),
  })
  .meta({ id: 'equipmentEvent' });
export type DcsaEquipmentEvent = z.infer<typeof DcsaEquipmentEvent>;

export const DcsaEventsResponse = z.array(DcsaEquipmentEvent);

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
