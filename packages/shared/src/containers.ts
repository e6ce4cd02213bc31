import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';
import { ContainerNumberSchema, containerLengthFeet, IsoSizeTypeSchema } from './iso6346.ts';

/** DCSA equipmentEventTypeCode, plus PICK/DROP for yard moves inside a terminal. */
export const EquipmentEventTypeSchema = z.enum([
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
]);
export type EquipmentEventType = z.infer<typeof EquipmentEventTypeSchema>;
export const EventClassifierSchema = z.enum(['PLN', 'EST', 'ACT']);
export const EmptyIndicatorSchema = z.enum(['EMPTY', 'LADEN']);
export const ContainerPlaceSchema = z.enum(['TERMINAL', 'VESSEL', 'FACILITY', 'OUTSIDE']);
export type ContainerPlace = z.infer<typeof ContainerPlaceSchema>;

/**
 * A size-type the yard can stack: 20 ft (length code 2), 40 ft (4) or 45 ft (L). A 45-ft unit
 * stands on a 40-ft footprint (its overhang sits above the aisle), so the yard treats it as 40.
 */
export const YardSizeTypeSchema = IsoSizeTypeSchema.refine(
  (code) => ['2', '4', 'L'].includes(code.charAt(0)),
  'Harbor tracks 20, 40 and 45 ft units: the size-type starts with 2, 4 or L (e.g. 22G1, 42G1, L5G1)',
);

/** How many 20-ft yard slots (bays) a unit covers: 1 for 20 ft, 2 for 40 and 45 ft. */
export function baysCovered(isoSizeType: string): 1 | 2 {
  return (containerLengthFeet(isoSizeType) ?? 20) > 20 ? 2 : 1;
}

/**
 * A 20-ft position in a yard block. Convention: bays are numbered 1..bays along the block; a
 * 40/45-ft unit stands on an odd bay and covers it and the next one (bays 1+2, 3+4, ...), the
 * way a pair of 20-ft bays makes one 40-ft bay. Rows go across, tiers count up from 1 (ground).
 */
export const YardSlotInput = z.object({
  yardBlockId: IdSchema,
  bay: z.number().int().min(1),
  row: z.number().int().min(1),
  tier: z.number().int().min(1),
});
export type YardSlotInput = z.infer<typeof YardSlotInput>;

/**
 * One equipment event to record. The container's place moves only with ACT events; PLN and
 * EST ones are kept as plans. `emptyIndicator` defaults to the container's current one (it is
 * required the first time Harbor sees a container); STUF makes it LADEN, STRP EMPTY.
 */
export const RecordEquipmentEventInput = z.object({
  containerNumber: ContainerNumberSchema,
  /** Needed the first time Harbor sees the container; checked against it afterwards. */
  isoSizeType: YardSizeTypeSchema.optional(),
  eventType: EquipmentEventTypeSchema,
  eventClassifier: EventClassifierSchema.default('ACT'),
  emptyIndicator: EmptyIndicatorSchema.optional(),
  eventAt: IsoDateTime,
  terminalId: IdSchema.optional(),
  /** A facility (depot, warehouse) outside the terminals, or the gate it passed. */
  zoneId: IdSchema.optional(),
  slot: YardSlotInput.optional(),
  vesselVisitId: IdSchema.optional(),
  vehicleId: IdSchema.optional(),
  note: OptionalText(500),
});
export type RecordEquipmentEventInput = z.input<typeof RecordEquipmentEventInput>;

export const EquipmentEventSchema = z.object({
  id: IdSchema,
  eventType: EquipmentEventTypeSchema,
  eventClassifier: EventClassifierSchema,
  emptyIndicator: EmptyIndicatorSchema,
  eventAt: IsoDateTime,
  eventCreatedAt: IsoDateTime,
  terminalId: IdSchema.nullable(),
  zoneId: IdSchema.nullable(),
  yardBlockId: IdSchema.nullable(),
  bay: z.number().int().nullable(),
  row: z.number().int().nullable(),
  tier: z.number().int().nullable(),
  vesselVisitId: IdSchema.nullable(),
  vehicleId: IdSchema.nullable(),
  dispatchJobId: IdSchema.nullable(),
  recordedById: IdSchema.nullable(),
  note: z.string().nullable(),
});
export type EquipmentEvent = z.infer<typeof EquipmentEventSchema>;

/** Where a container is now, derived from its ACT events; OUTSIDE when it never arrived. */
export const ContainerStateSchema = z.object({
  containerId: IdSchema,
  containerNumber: z.string(),
  isoSizeType: z.string(),
  place: ContainerPlaceSchema,
  emptyIndicator: EmptyIndicatorSchema.nullable(),
  terminalId: IdSchema.nullable(),
  terminalCode: z.string().nullable(),
  zoneId: IdSchema.nullable(),
  zoneCode: z.string().nullable(),
  yardBlockId: IdSchema.nullable(),
  yardBlockCode: z.string().nullable(),
  /** First 20-ft bay it stands on; a 40/45-ft unit also covers bay + 1. */
  bay: z.number().int().nullable(),
  row: z.number().int().nullable(),
  tier: z.number().int().nullable(),
  vesselVisitId: IdSchema.nullable(),
  vehicleId: IdSchema.nullable(),
  lastEventId: IdSchema.nullable(),
  lastEventType: EquipmentEventTypeSchema.nullable(),
  lastEventAt: IsoDateTime.nullable(),
  /** Arrival at the current terminal or facility; dwell counts from here. */
  arrivedAt: IsoDateTime.nullable(),
  dwellHours: z.number().nullable(),
});
export type ContainerStateView = z.infer<typeof ContainerStateSchema>;

/**
 * A container the caller may see in full (port staff; a container its organization handles, or
 * every one under a grant): its place and every event, oldest first (by when it happened).
 * For anyone but port staff, links to other organizations' trucks, jobs and people are null.
 */
export const ContainerSchema = z.object({
  access: z.literal('FULL'),
  id: IdSchema,
  number: z.string(),
  isoSizeType: z.string(),
  tareKg: z.number().int().nullable(),
  maxGrossKg: z.number().int().nullable(),
  state: ContainerStateSchema,
  events: z.array(EquipmentEventSchema),
});
export type Container = z.infer<typeof ContainerSchema>;

/**
 * Where another organization's container is now, as a port community system tells anyone
 * who has its number: the place, the terminal or facility, the vessel visit it is on, the
 * last event's type and time. No yard slot, no history, no trucks, jobs or people.
 */
export const ContainerStatusSchema = z.object({
  place: ContainerPlaceSchema,
  terminalId: IdSchema.nullable(),
  terminalCode: z.string().nullable(),
  zoneId: IdSchema.nullable(),
  zoneCode: z.string().nullable(),
  vesselVisitId: IdSchema.nullable(),
  lastEventType: EquipmentEventTypeSchema.nullable(),
  lastEventAt: IsoDateTime.nullable(),
});
export type ContainerStatus = z.infer<typeof ContainerStatusSchema>;

/** A container looked up by its exact number that the caller's organization does not handle. */
export const ContainerStatusOnlySchema = z.object({
  access: z.literal('STATUS'),
  number: z.string(),
  isoSizeType: z.string(),
  status: ContainerStatusSchema,
});
export type ContainerStatusOnly = z.infer<typeof ContainerStatusOnlySchema>;

/** What containers.get answers: the full view, or the current status only (see above). */
export const ContainerViewSchema = z.discriminatedUnion('access', [
  ContainerSchema,
  ContainerStatusOnlySchema,
]);
export type ContainerView = z.infer<typeof ContainerViewSchema>;

export const GetContainerInput = z.object({ number: ContainerNumberSchema });
export type GetContainerInput = z.infer<typeof GetContainerInput>;

export const RecordEventResultSchema = z.object({
  event: EquipmentEventSchema,
  state: ContainerStateSchema,
});

export const SearchContainersInput = PageInput.extend({
  /** The start of a number, as typed (`msc`, `MSCU 12`). */
  numberPrefix: z
    .string()
    .transform((text) => text.toUpperCase().replace(/[\s\-/.]/g, ''))
    .pipe(z.string().regex(/^[A-Z]{0,4}[0-9]{0,7}$/, 'expected the start of a container number'))
    .optional(),
  /** Containers this vessel visit discharged or loaded. */
  vesselVisitId: IdSchema.optional(),
  yardBlockId: IdSchema.optional(),
  terminalId: IdSchema.optional(),
  place: ContainerPlaceSchema.optional(),
});
export type SearchContainersInput = z.infer<typeof SearchContainersInput>;

export const ContainerSummarySchema = z.object({
  id: IdSchema,
  number: z.string(),
  isoSizeType: z.string(),
  state: ContainerStateSchema,
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

export const OverDwellInput = z.object({
  hours: z
    .number()
    .min(0)
    .max(24 * 365),
  terminalId: IdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type OverDwellInput = z.infer<typeof OverDwellInput>;
