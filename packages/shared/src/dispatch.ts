import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';
import { ContainerNumberSchema } from './iso6346.ts';

export const DispatchJobStatusSchema = z.enum([
  'PLANNED',
  'ASSIGNED',
  'EN_ROUTE_PICKUP',
  'AT_PICKUP',
  'LOADED',
  'EN_ROUTE_DROPOFF',
  'DELIVERED',
  'CANCELLED',
  'FAILED',
]);
export type DispatchJobStatus = z.infer<typeof DispatchJobStatusSchema>;

export const DispatchJobKindSchema = z.enum(['CONTAINER_MOVE', 'EMPTY_PICKUP', 'EMPTY_RETURN']);
export type DispatchJobKind = z.infer<typeof DispatchJobKindSchema>;

export const ActorKindSchema = z.enum(['USER', 'GEOFENCE', 'SYSTEM']);
export type ActorKind = z.infer<typeof ActorKindSchema>;

/** A job with a truck on it: from assignment until the container is delivered. */
export const ACTIVE_JOB_STATUSES = [
  'ASSIGNED',
  'EN_ROUTE_PICKUP',
  'AT_PICKUP',
  'LOADED',
  'EN_ROUTE_DROPOFF',
] as const satisfies readonly DispatchJobStatus[];

export const FINAL_JOB_STATUSES = [
  'DELIVERED',
  'CANCELLED',
  'FAILED',
] as const satisfies readonly DispatchJobStatus[];

/**
 * The dispatch state machine (docs/architecture.md, "Data flow"): each status and where it
 * may go next. The forward path is one step at a time; CANCELLED and FAILED are reachable
 * from every status that is not final. ASSIGNED is reached through `dispatch.assign`, which names the truck.
 */
export const JOB_TRANSITIONS: Record<DispatchJobStatus, readonly DispatchJobStatus[]> = {
  PLANNED: ['ASSIGNED', 'CANCELLED', 'FAILED'],
  ASSIGNED: ['EN_ROUTE_PICKUP', 'CANCELLED', 'FAILED'],
  EN_ROUTE_PICKUP: ['AT_PICKUP', 'CANCELLED', 'FAILED'],
  AT_PICKUP: ['LOADED', 'CANCELLED', 'FAILED'],
  LOADED: ['EN_ROUTE_DROPOFF', 'CANCELLED', 'FAILED'],
  EN_ROUTE_DROPOFF: ['DELIVERED', 'CANCELLED', 'FAILED'],
  DELIVERED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Why a transition is refused, or null when the state machine allows it. */
export function jobTransitionProblem(
  from: DispatchJobStatus,
  to: DispatchJobStatus,
): string | null {
  if (JOB_TRANSITIONS[from].includes(to)) return null;
  if (JOB_TRANSITIONS[from].length === 0) return `the job is ${from}: a final status never changes`;
  return `a job cannot go from ${from} to ${to}; from ${from} it may go to ${JOB_TRANSITIONS[from].join(', ')}`;
}

const ZoneRef = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
});

export const DispatchJobSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  reference: z.string(),
  kind: DispatchJobKindSchema,
  status: DispatchJobStatusSchema,
  containerNumber: z.string().nullable(),
  pickupZone: ZoneRef,
  dropoffZone: ZoneRef,
  windowStart: IsoDateTime,
  windowEnd: IsoDateTime,
  vehicle: z.object({ id: IdSchema, plate: z.string() }).nullable(),
  driver: z.object({ id: IdSchema, name: z.string() }).nullable(),
  deliveredAt: IsoDateTime.nullable(),
  /** Proof of delivery: on DELIVERED the truck's terminal is asked for a photo. */
  requiresProofPhoto: z.boolean(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type DispatchJob = z.infer<typeof DispatchJobSchema>;

/** One status change with who or what made it: a user, a geofence (naming the zone), or Harbor. */
export const DispatchJobEventSchema = z.object({
  id: IdSchema,
  fromStatus: DispatchJobStatusSchema.nullable(),
  toStatus: DispatchJobStatusSchema,
  at: IsoDateTime,
  actorKind: ActorKindSchema,
  actorUser: z.object({ id: IdSchema, name: z.string() }).nullable(),
  note: z.string().nullable(),
  /** Where the truck was when it changed; null when unknown. */
  position: z.object({ lat: z.number(), lon: z.number() }).nullable(),
});
export type DispatchJobEvent = z.infer<typeof DispatchJobEventSchema>;

/** A job's reference as the company writes it: letters, digits and - _ / . */
export const JobReferenceSchema = z
  .string()
  .trim()
  .min(1, 'reference is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'reference is letters, digits and . _ / -');

export const ZoneCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'zone code is required')
  .max(40);

const jobFields = {
  reference: JobReferenceSchema,
  kind: DispatchJobKindSchema.default('CONTAINER_MOVE'),
  containerNumber: ContainerNumberSchema.optional(),
  pickupZoneCode: ZoneCodeSchema,
  dropoffZoneCode: ZoneCodeSchema,
  windowStart: IsoDateTime,
  windowEnd: IsoDateTime,
  note: OptionalText(500),
  requiresProofPhoto: z.boolean().default(false),
};

const windowInOrder = (job: { windowStart: string; windowEnd: string }) =>
  Date.parse(job.windowStart) < Date.parse(job.windowEnd);
const WINDOW_IN_ORDER = {
  message: 'window end must be after window start',
  path: ['windowEnd'],
  params: { rule: 'window-order' },
};
const distinctZones = (job: { pickupZoneCode: string; dropoffZoneCode: string }) =>
  job.pickupZoneCode !== job.dropoffZoneCode;
const DISTINCT_ZONES = {
  message: 'drop-off zone must differ from the pickup zone',
  params: { rule: 'distinct-zones' },
  path: ['dropoffZoneCode'],
};

export const CreateDispatchJobInput = z
  .object(jobFields)
  .refine(windowInOrder, WINDOW_IN_ORDER)
  .refine(distinctZones, DISTINCT_ZONES);
export type CreateDispatchJobInput = z.infer<typeof CreateDispatchJobInput>;

/** The columns of a CSV import, in order, as the header row names them. */
export const CSV_COLUMNS = [
  'reference',
  'kind',
  'container number',
  'pickup zone code',
  'drop-off zone code',
  'window start',
  'window end',
  'note',
] as const;

/** The CSV column each field comes from, so a row's errors name the column the user sees. */
export const CSV_COLUMN_OF: Record<string, (typeof CSV_COLUMNS)[number]> = {
  reference: 'reference',
  kind: 'kind',
  containerNumber: 'container number',
  pickupZoneCode: 'pickup zone code',
  dropoffZoneCode: 'drop-off zone code',
  windowStart: 'window start',
  windowEnd: 'window end',
  note: 'note',
};

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** One CSV row: every cell is text; blanks mean "not given", times are ISO 8601 with an offset. */
export const DispatchJobCsvRow = z
  .object({
    ...jobFields,
    kind: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
      z.preprocess(blankToUndefined, DispatchJobKindSchema.default('CONTAINER_MOVE')),
    ),
    containerNumber: z.preprocess(blankToUndefined, ContainerNumberSchema.optional()),
    windowStart: z.string().trim().pipe(IsoDateTime),
    windowEnd: z.string().trim().pipe(IsoDateTime),
  })
  .refine(windowInOrder, WINDOW_IN_ORDER)
  .refine(distinctZones, DISTINCT_ZONES);

export const ImportDispatchJobsInput = z.object({
  /** The file's text, UTF-8; at most 5,000 rows. */
  csv: z.string().min(1, 'the file is empty').max(2_000_000, 'the file is over 2 MB'),
});
export type ImportDispatchJobsInput = z.infer<typeof ImportDispatchJobsInput>;

export const ImportDispatchJobsResult = z.object({
  created: z.number().int(),
  ids: z.array(IdSchema),
});

export const JobSortSchema = z.enum(['windowStart', 'createdAt', 'reference', 'status']);

export const ListDispatchJobsInput = PageInput.extend({
  status: z.array(DispatchJobStatusSchema).min(1).optional(),
  vehicleId: IdSchema.optional(),
  /** Jobs whose time window overlaps [from, to). */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  /** Part of the reference or the container number. */
  search: z.string().trim().min(1).max(40).optional(),
  sortBy: JobSortSchema.default('windowStart'),
  sortDir: z.enum(['asc', 'desc']).default('asc'),
});
export type ListDispatchJobsInput = z.infer<typeof ListDispatchJobsInput>;

export const TransitionJobInput = z.object({
  id: IdSchema,
  to: DispatchJobStatusSchema,
  note: OptionalText(500),
});
export type TransitionJobInput = z.infer<typeof TransitionJobInput>;

export const AssignJobInput = z.object({
  id: IdSchema,
  vehicleId: IdSchema,
  driverId: IdSchema.optional(),
});
export type AssignJobInput = z.infer<typeof AssignJobInput>;

export const SuggestTrucksInput = z.object({
  jobId: IdSchema,
  limit: z.number().int().min(1).max(50).default(5),
});
export type SuggestTrucksInput = z.infer<typeof SuggestTrucksInput>;

export const TruckSuggestionSchema = z.object({
  vehicleId: IdSchema,
  plate: z.string(),
  terminalPhone: z.string(),
  fixAt: IsoDateTime,
  etaMinutes: z.number(),
  distanceKm: z.number(),
  straightLineKm: z.number(),
  viaBridge: z.boolean(),
  /** How the estimate was made, e.g. "mainland roads 6.9 km, Donghai Bridge 32.5 km, island roads 4.4 km". */
  why: z.string(),
  /** When it would reach the pickup, leaving now. */
  arrivesAt: IsoDateTime,
  /**
   * Whether it can make the job's booked slot at the gates (there before the hour is over,
   * not booked elsewhere for that hour); null when the job has no slot.
   */
  makesSlot: z.boolean().nullable(),
});
export type TruckSuggestion = z.infer<typeof TruckSuggestionSchema>;

export const JobEtasInput = z.object({ jobId: IdSchema.optional() }).optional();
export type JobEtasInput = z.infer<typeof JobEtasInput>;

/** Where a job's truck heads next: the pickup until it is loaded, then the drop-off. */
export const EtaTargetSchema = z.enum(['PICKUP', 'DROPOFF']);
export type EtaTarget = z.infer<typeof EtaTargetSchema>;

/**
 * An active job's truck where it was last seen and when it should reach its next stop and
 * the drop-off, by road (the api's routing: detour factors, road speeds, the Donghai Bridge).
 */
export const JobEtaSchema = z.object({
  jobId: IdSchema,
  vehicleId: IdSchema,
  position: z.object({ lat: z.number(), lon: z.number(), fixAt: IsoDateTime }),
  target: EtaTargetSchema,
  etaMinutes: z.number(),
  distanceKm: z.number(),
  viaBridge: z.boolean(),
  /** Expected arrival at the next stop. */
  arrivalAt: IsoDateTime,
  /** Expected arrival at the drop-off (via the pickup, with its handling time, until loaded). */
  dropoffArrivalAt: IsoDateTime,
});
export type JobEta = z.infer<typeof JobEtaSchema>;

/** A job's status change as live subscribers receive it. */
export const DispatchJobChangeSchema = z.object({
  job: DispatchJobSchema,
  event: DispatchJobEventSchema,
});
export type DispatchJobChange = z.infer<typeof DispatchJobChangeSchema>;

export const TerminalMessageStatusSchema = z.enum(['QUEUED', 'SENT', 'DELIVERED', 'FAILED']);

export const SendTerminalMessageInput = z.object({
  vehicleId: IdSchema,
  /** GBK-encoded on the wire; JT/T 808 §8.23 leaves the length to the frame (1023-byte body). */
  text: z.string().trim().min(1, 'text is required').max(400),
  /** 0x8300 flag byte (JT/T 808-2019 table 38); default: show on the terminal's display (bit 2). */
  flags: z.number().int().min(0).max(255).default(0b0000_0100),
  jobId: IdSchema.optional(),
});
export type SendTerminalMessageInput = z.infer<typeof SendTerminalMessageInput>;

export const TerminalMessageSchema = z.object({
  id: IdSchema,
  vehicleId: IdSchema,
  terminalPhone: z.string(),
  text: z.string(),
  flags: z.number().int(),
  serial: z.number().int().nullable(),
  status: TerminalMessageStatusSchema,
  result: z.number().int().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  acknowledgedAt: IsoDateTime.nullable(),
  dispatchJobId: IdSchema.nullable(),
});
export type TerminalMessage = z.infer<typeof TerminalMessageSchema>;

export const ListTerminalMessagesInput = PageInput.extend({ vehicleId: IdSchema });
export type ListTerminalMessagesInput = z.infer<typeof ListTerminalMessagesInput>;

/** A photo, recording or video a truck's terminal uploaded (JT/T 808 0x0801); its bytes at `url`. */
export const TerminalMediaSchema = z.object({
  id: IdSchema,
  terminalPhone: z.string(),
  /** The terminal's multimedia data id. */
  mediaId: z.number().int(),
  kind: z.enum(['IMAGE', 'AUDIO', 'VIDEO', 'OTHER']),
  /** The file's MIME type (image/jpeg, ...), or application/octet-stream. */
  contentType: z.string(),
  /** Why it was taken (JT/T 808 multimedia event code: 0 on a platform command, 1 timed, ...). */
  eventCode: z.number().int(),
  channelId: z.number().int(),
  takenAt: IsoDateTime,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  sizeBytes: z.number().int(),
  receivedAt: IsoDateTime,
  /** The job it proves, when it was asked for one. */
  dispatchJobId: IdSchema.nullable(),
  url: z.string(),
});
export type TerminalMedia = z.infer<typeof TerminalMediaSchema>;

/**
 * A proof-of-delivery photo the driver's phone uploaded through the job's link
 * (`dispatch.proofLink`), for a truck without a camera; its bytes at `url`.
 */
export const DeliveryPhotoSchema = z.object({
  id: IdSchema,
  dispatchJobId: IdSchema,
  uploadedAt: IsoDateTime,
  /** Where the phone was, when the driver let the page ask. */
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  sizeBytes: z.number().int(),
  contentType: z.literal('image/jpeg'),
  url: z.string(),
});
export type DeliveryPhoto = z.infer<typeof DeliveryPhotoSchema>;

/**
 * A job with its history and the photos that prove it (proof of delivery): the truck
 * terminal's camera's (`photos`) and those from the driver's phone (`deliveryPhotos`).
 */
export const DispatchJobDetailSchema = DispatchJobSchema.extend({
  events: z.array(DispatchJobEventSchema),
  photos: z.array(TerminalMediaSchema),
  deliveryPhotos: z.array(DeliveryPhotoSchema),
});
export type DispatchJobDetail = z.infer<typeof DispatchJobDetailSchema>;

export const ListTerminalMediaInput = PageInput.extend({ vehicleId: IdSchema });
export type ListTerminalMediaInput = z.infer<typeof ListTerminalMediaInput>;
