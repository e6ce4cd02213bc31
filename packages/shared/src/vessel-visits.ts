import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';
import { ImoSchema, MmsiSchema, VesselDiscrepancySchema } from './vessels.ts';

export const VesselVisitStatusSchema = z.enum([
  'PLANNED',
  'APPROACHING',
  'AT_ANCHOR',
  'BERTHING',
  'BERTHED',
  'SHIFTING',
  'DEPARTED',
  'CANCELLED',
]);
export type VesselVisitStatus = z.infer<typeof VesselVisitStatusSchema>;

/** A visit is open (the AIS track may still move it on) until it departs or is cancelled. */
export const OPEN_VISIT_STATUSES = [
  'PLANNED',
  'APPROACHING',
  'AT_ANCHOR',
  'BERTHING',
  'BERTHED',
  'SHIFTING',
] as const;

export const PortCallEventKindSchema = z.enum([
  'ARRIVED',
  'PILOT_BOARDED',
  'ANCHORED',
  'ANCHOR_AWEIGH',
  'BERTHING',
  'BERTHED',
  'UNBERTHED',
  'DEPARTED',
]);
export type PortCallEventKind = z.infer<typeof PortCallEventKindSchema>;

/**
 * The vessel as a visit shows it: its effective particulars (curated, else AIS), where the
 * AIS values differ from the curated ones, and the ETA its own AIS type 5 message last reported.
 */
export const VisitVesselSchema = z.object({
  id: IdSchema,
  mmsi: z.number().int(),
  imo: z.number().int().nullable(),
  name: z.string().nullable(),
  callSign: z.string().nullable(),
  lengthM: z.number().nullable(),
  draughtM: z.number().nullable(),
  aisEta: IsoDateTime.nullable(),
  discrepancies: z.array(VesselDiscrepancySchema),
});
export type VisitVessel = z.infer<typeof VisitVesselSchema>;

export const VesselVisitSchema = z.object({
  id: IdSchema,
  vessel: VisitVesselSchema,
  portId: IdSchema,
  terminalId: IdSchema.nullable(),
  terminalCode: z.string().nullable(),
  /** Where the vessel is or was once berthed (BERTHED, DEPARTED); before that, the planned berth. */
  berthId: IdSchema.nullable(),
  berthCode: z.string().nullable(),
  /** The berth the schedule assigned, kept when the vessel berths elsewhere. */
  plannedBerthId: IdSchema.nullable(),
  plannedBerthCode: z.string().nullable(),
  /** The berth the vessel actually took: null until it berths. */
  actualBerthId: IdSchema.nullable(),
  actualBerthCode: z.string().nullable(),
  /** The vessel berthed elsewhere than planned (both known and different). */
  isBerthChanged: z.boolean(),
  voyageNumber: z.string().nullable(),
  status: VesselVisitStatusSchema,
  eta: IsoDateTime.nullable(),
  /** Arrival at the berth predicted from the AIS track along the fairway. */
  predictedEta: IsoDateTime.nullable(),
  /** Arrival at the pilot boarding ground predicted the same way; null once passed. */
  predictedPilotEta: IsoDateTime.nullable(),
  /** Arrival in the port: entry into its approach area or an anchorage. */
  arrivedAt: IsoDateTime.nullable(),
  anchoredAt: IsoDateTime.nullable(),
  ata: IsoDateTime.nullable(),
  etd: IsoDateTime.nullable(),
  atd: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type VesselVisit = z.infer<typeof VesselVisitSchema>;

export const TimelineEntrySchema = z.object({
  at: IsoDateTime,
  kind: z.enum([
    'PLANNED_ETA',
    'AIS_ETA',
    'PREDICTED_ETA',
    'ARRIVED',
    'PILOT_BOARDED',
    'ANCHORED',
    'ANCHOR_AWEIGH',
    'BERTHING',
    'BERTHED',
    'BERTH_CHANGED',
    'UNBERTHED',
    'DEPARTED',
    'PLANNED_ETD',
  ]),
  label: z.string(),
  zoneCode: z.string().nullable(),
  /** Something differs from the plan (a vessel berthed at another berth than planned). */
  isFlagged: z.boolean(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const VesselVisitDetailSchema = VesselVisitSchema.extend({
  timeline: z.array(TimelineEntrySchema),
});
export type VesselVisitDetail = z.infer<typeof VesselVisitDetailSchema>;

/** Exactly one of the vessel's id, MMSI or IMO number. */
export const VesselRefSchema = z.union(
  [
    z.object({ id: IdSchema }).strict(),
    z.object({ mmsi: MmsiSchema }).strict(),
    z.object({ imo: ImoSchema }).strict(),
  ],
  { message: 'name the vessel by exactly one of id, mmsi or imo' },
);
export type VesselRef = z.infer<typeof VesselRefSchema>;

const laterThanEta = (visit: { eta?: string | undefined; etd?: string | undefined }) =>
  !visit.eta || !visit.etd || Date.parse(visit.etd) > Date.parse(visit.eta);
const ETD_AFTER_ETA = {
  message: 'ETD is after ETA',
  path: ['etd'],
  params: { rule: 'etd-after-eta' },
};

export const CreateVisitInput = z
  .object({
    vessel: VesselRefSchema,
    terminalId: IdSchema,
    berthId: IdSchema.optional(),
    voyageNumber: OptionalText(20),
    eta: IsoDateTime.optional(),
    etd: IsoDateTime.optional(),
  })
  .refine(laterThanEta, ETD_AFTER_ETA);
export type CreateVisitInput = z.infer<typeof CreateVisitInput>;

export const UpdateVisitInput = z
  .object({
    id: IdSchema,
    terminalId: IdSchema.optional(),
    /** null clears the planned berth. */
    berthId: IdSchema.nullable().optional(),
    voyageNumber: OptionalText(20),
    eta: IsoDateTime.optional(),
    etd: IsoDateTime.optional(),
  })
  .refine(laterThanEta, ETD_AFTER_ETA);
export type UpdateVisitInput = z.infer<typeof UpdateVisitInput>;

export const ListVisitsInput = PageInput.extend({
  statuses: z.array(VesselVisitStatusSchema).min(1).optional(),
  terminalId: IdSchema.optional(),
  /** One vessel's calls (its port-call history). */
  vesselId: IdSchema.optional(),
  /** Visits whose stay (ata or eta .. atd or etd) overlaps [from, to]. */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type ListVisitsInput = z.infer<typeof ListVisitsInput>;

/** A berth schedule as CSV text (RFC 4180), at most 1 MB. */
export const ImportScheduleInput = z.object({ csv: z.string().min(1).max(1_000_000) });
export type ImportScheduleInput = z.infer<typeof ImportScheduleInput>;

export const ImportScheduleResult = z.object({
  visitsCreated: z.number().int(),
  vesselsCreated: z.number().int(),
  visits: z.array(VesselVisitSchema),
});
export type ImportScheduleResult = z.infer<typeof ImportScheduleResult>;

export const BerthPlanInput = z
  .object({ terminalId: IdSchema, from: IsoDateTime, to: IsoDateTime })
  .refine((range) => Date.parse(range.to) > Date.parse(range.from), {
    message: 'to is after from',
    params: { rule: 'to-after-from' },
    path: ['to'],
  })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 31 * 86_400_000, {
    message: 'a berth plan covers at most 31 days',
    params: { rule: 'period-too-long' },
    path: ['to'],
  });
export type BerthPlanInput = z.infer<typeof BerthPlanInput>;

export const BerthConflictSchema = z.object({
  kind: z.enum(['OVERLAP', 'TOO_LONG', 'TOO_DEEP']),
  /** The other visit, for an overlap. */
  otherVisitId: IdSchema.nullable(),
  message: z.string(),
});
export type BerthConflict = z.infer<typeof BerthConflictSchema>;

export const BerthPlanVisitSchema = VesselVisitSchema.extend({
  windowStart: IsoDateTime,
  windowEnd: IsoDateTime,
  /** The window comes from ata/atd (the vessel is or was at the berth), not the schedule. */
  isActual: z.boolean(),
  conflicts: z.array(BerthConflictSchema),
});
export type BerthPlanVisit = z.infer<typeof BerthPlanVisitSchema>;

export const BerthPlanSchema = z.object({
  terminalId: IdSchema,
  from: IsoDateTime,
  to: IsoDateTime,
  berths: z.array(
    z.object({
      berthId: IdSchema,
      code: z.string(),
      lengthM: z.number(),
      depthM: z.number(),
      visits: z.array(BerthPlanVisitSchema),
    }),
  ),
  conflictCount: z.number().int(),
});
export type BerthPlan = z.infer<typeof BerthPlanSchema>;

/**
 * A visit moved on the berth plan: to a berth (of any terminal: the visit follows it) and a
 * new stay. Only a visit still to come moves; the tracker places a vessel at the berth.
 */
export const ReplanVisitInput = z
  .object({ id: IdSchema, berthId: IdSchema, eta: IsoDateTime, etd: IsoDateTime })
  .refine((visit) => Date.parse(visit.etd) > Date.parse(visit.eta), ETD_AFTER_ETA)
  .refine((visit) => Date.parse(visit.etd) - Date.parse(visit.eta) <= 31 * 86_400_000, {
    message: 'a stay lasts at most 31 days',
    path: ['etd'],
  });
export type ReplanVisitInput = z.infer<typeof ReplanVisitInput>;

/** The moved visit, and the conflicts it now has at its berth (saved all the same). */
export const ReplanVisitResult = z.object({
  visit: VesselVisitSchema,
  conflicts: z.array(BerthConflictSchema),
});
export type ReplanVisitResult = z.infer<typeof ReplanVisitResult>;
