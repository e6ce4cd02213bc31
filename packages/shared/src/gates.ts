import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';

/** What a truck does at a terminal's gates, as terminals count their capacity. */
export const GateMoveKindSchema = z.enum(['EXPORT_DROP_OFF', 'IMPORT_PICK_UP', 'EMPTY']);
export type GateMoveKind = z.infer<typeof GateMoveKindSchema>;

export const GateCapacityInput = z.object({ terminalId: IdSchema });
export type GateCapacityInput = z.infer<typeof GateCapacityInput>;

export const GateCapacitySchema = z.object({
  terminalId: IdSchema,
  moveKind: GateMoveKindSchema,
  trucksPerHour: z.number().int(),
});
export type GateCapacity = z.infer<typeof GateCapacitySchema>;

export const SetGateCapacityInput = z.object({
  terminalId: IdSchema,
  moveKind: GateMoveKindSchema,
  /** 0 closes the gates to that kind of move. */
  trucksPerHour: z.number().int().min(0).max(2_000),
});
export type SetGateCapacityInput = z.infer<typeof SetGateCapacityInput>;

/** A time on the hour (UTC): a slot's start. */
const OnTheHour = IsoDateTime.refine((iso) => Date.parse(iso) % 3_600_000 === 0, {
  message: 'a slot starts on the hour',
});

export const BookAppointmentInput = z.object({
  vehicleId: IdSchema,
  terminalId: IdSchema,
  moveKind: GateMoveKindSchema,
  slotStart: OnTheHour,
  /** The truck's job the visit is for. */
  jobId: IdSchema.optional(),
});
export type BookAppointmentInput = z.infer<typeof BookAppointmentInput>;

/**
 * How a truck kept its slot: through the gate before the hour's half-hour grace (EARLY), in it
 * (ON_TIME), after the hour (LATE), not at all within three hours of it (NO_SHOW), or not yet
 * known (PENDING).
 */
export const PunctualitySchema = z.enum(['PENDING', 'EARLY', 'ON_TIME', 'LATE', 'NO_SHOW']);
export type Punctuality = z.infer<typeof PunctualitySchema>;

export const TruckAppointmentSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  terminalId: IdSchema,
  moveKind: GateMoveKindSchema,
  slotStart: IsoDateTime,
  vehicle: z.object({ id: IdSchema, plate: z.string() }),
  dispatchJobId: IdSchema.nullable(),
  status: z.enum(['BOOKED', 'CANCELLED']),
  /** The truck's first entry into the terminal's gate zone around its slot. */
  arrivedAt: IsoDateTime.nullable(),
  punctuality: PunctualitySchema,
  createdAt: IsoDateTime,
});
export type TruckAppointment = z.infer<typeof TruckAppointmentSchema>;

export const ListAppointmentsInput = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  terminalId: IdSchema.optional(),
});
export type ListAppointmentsInput = z.infer<typeof ListAppointmentsInput>;

export const GateLoadInput = z.object({ terminalId: IdSchema, from: IsoDateTime, to: IsoDateTime });
export type GateLoadInput = z.infer<typeof GateLoadInput>;

/** One hour at a terminal's gates for one move kind: what it takes, what is booked, who came. */
export const GateLoadHourSchema = z.object({
  hourStart: IsoDateTime,
  moveKind: GateMoveKindSchema,
  capacity: z.number().int(),
  booked: z.number().int(),
  /** Booked trucks that came through the gate (at any time around their slot). */
  arrived: z.number().int(),
});
export type GateLoadHour = z.infer<typeof GateLoadHourSchema>;

export const PunctualityInput = ListAppointmentsInput;
export type PunctualityInput = ListAppointmentsInput;

/** How one company's trucks kept their booked slots over a range. */
export const CompanyPunctualitySchema = z.object({
  organizationId: IdSchema,
  organizationName: z.string(),
  organizationNameZh: z.string().nullable(),
  booked: z.number().int(),
  early: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  noShow: z.number().int(),
  pending: z.number().int(),
});
export type CompanyPunctuality = z.infer<typeof CompanyPunctualitySchema>;

export const GateQueueInput = z.object({ terminalId: IdSchema });
export type GateQueueInput = z.infer<typeof GateQueueInput>;

/** A truck waiting on the road up to a terminal's gate. */
export const QueuedTruckSchema = z.object({
  vehicleId: IdSchema,
  plate: z.string(),
  organizationId: IdSchema,
  /** When it drove into the gate approach. */
  since: IsoDateTime,
  /** Its booked slot at this terminal around now, if it has one. */
  slotStart: IsoDateTime.nullable(),
});
export type QueuedTruck = z.infer<typeof QueuedTruckSchema>;

/**
 * The queue at a terminal's gate now: every truck in its gate approach zones, counted for
 * anyone; the trucks themselves for those who see them (their company, the terminal's
 * operator, the port authority).
 */
export const GateQueueSchema = z.object({
  terminalId: IdSchema,
  at: IsoDateTime,
  count: z.number().int(),
  /** How long the truck waiting longest has waited, seconds; 0 with no queue. */
  longestWaitS: z.number().int(),
  averageWaitS: z.number().int(),
  /** Of the trucks waiting, those with a booked slot. */
  booked: z.number().int(),
  trucks: z.array(QueuedTruckSchema),
});
export type GateQueue = z.infer<typeof GateQueueSchema>;
