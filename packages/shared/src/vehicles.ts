import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';
import { PositionSchema } from './positions.ts';

export const VehicleStatusSchema = z.enum(['AVAILABLE', 'ON_JOB', 'OFF_DUTY', 'MAINTENANCE']);
export type VehicleStatus = z.infer<typeof VehicleStatusSchema>;

/**
 * A licence plate as registered: Chinese plates are a province character, a letter and
 * five (or six for new-energy vehicles) letters or digits, e.g. 沪D12345; foreign plates
 * are accepted as 2-12 letters, digits, spaces or dashes.
 */
export const PlateSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^(?:[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}|[A-Z0-9][A-Z0-9 -]{1,11})$/,
    'plate is like 沪D12345, or 2-12 letters and digits',
  );

/** Vehicle identification number: 17 characters, no I, O or Q (ISO 3779). */
export const VinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'VIN is 17 letters and digits without I, O or Q');

export const VehicleSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  plate: z.string(),
  vin: z.string().nullable(),
  model: z.string().nullable(),
  /** The model in Chinese, where it has one (中国重汽豪沃 T7H 牵引车). */
  modelZh: z.string().nullable(),
  /**
   * Derived: the manual setting when it is MAINTENANCE or OFF_DUTY, else ON_JOB with an
   * active dispatch job, else OFF_DUTY when no shift covers now, else AVAILABLE.
   */
  status: VehicleStatusSchema,
  /** The status as set by hand (`vehicles.update`); AVAILABLE means "let Harbor decide". */
  manualStatus: VehicleStatusSchema,
  terminalPhone: z.string().nullable(),
  position: PositionSchema.nullable(),
  currentJob: z.object({ id: IdSchema, reference: z.string(), status: z.string() }).nullable(),
  driver: z.object({ id: IdSchema, name: z.string() }).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Vehicle = z.infer<typeof VehicleSchema>;

export const ListVehiclesInput = PageInput.extend({
  search: z.string().trim().max(50).optional(),
  status: VehicleStatusSchema.optional(),
  organizationId: IdSchema.optional(),
});
export type ListVehiclesInput = z.infer<typeof ListVehiclesInput>;

export const CreateVehicleInput = z.object({
  /** Defaults to the caller's own organization. */
  organizationId: IdSchema.optional(),
  plate: PlateSchema,
  vin: VinSchema.optional(),
  model: OptionalText(100),
  modelZh: OptionalText(100),
  status: VehicleStatusSchema.default('AVAILABLE'),
});
export type CreateVehicleInput = z.infer<typeof CreateVehicleInput>;

/** A text an edit may clear: '' (or null) becomes null, absent leaves it as it is. */
const ClearableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value))
    .optional();

export const UpdateVehicleInput = z.object({
  id: IdSchema,
  plate: PlateSchema.optional(),
  vin: VinSchema.nullable().optional(),
  model: ClearableText(100),
  modelZh: ClearableText(100),
  status: VehicleStatusSchema.optional(),
});
export type UpdateVehicleInput = z.infer<typeof UpdateVehicleInput>;

/** A mainland China mobile number (11 digits from 1), or an international one with +. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(
    /^(?:1[3-9][0-9]{9}|\+[0-9]{7,15})$/,
    'phone is 11 digits like 13916001001, or +country number',
  );

export const DriverSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  currentVehicle: z.object({ id: IdSchema, plate: z.string() }).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Driver = z.infer<typeof DriverSchema>;

export const ListDriversInput = PageInput.extend({
  search: z.string().trim().max(50).optional(),
  organizationId: IdSchema.optional(),
});
export type ListDriversInput = z.infer<typeof ListDriversInput>;

/** A driving licence number: the 18-character resident identity number in China, or 5-20 letters and digits. */
const LicenseNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{5,20}$/, 'licence number is 5-20 letters and digits');

export const CreateDriverInput = z.object({
  /** Defaults to the caller's own organization. */
  organizationId: IdSchema.optional(),
  name: z.string().trim().min(1, 'name is required').max(100),
  phone: PhoneSchema.optional(),
  licenseNumber: LicenseNumberSchema.optional(),
  currentVehicleId: IdSchema.optional(),
});
export type CreateDriverInput = z.infer<typeof CreateDriverInput>;

export const UpdateDriverInput = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(100).optional(),
  phone: PhoneSchema.nullable().optional(),
  licenseNumber: LicenseNumberSchema.nullable().optional(),
  /** null takes the driver off their vehicle. */
  currentVehicleId: IdSchema.nullable().optional(),
});
export type UpdateDriverInput = z.infer<typeof UpdateDriverInput>;

export const ShiftSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  driver: z.object({ id: IdSchema, name: z.string() }),
  vehicle: z.object({ id: IdSchema, plate: z.string() }).nullable(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
});
export type Shift = z.infer<typeof ShiftSchema>;

export const ListShiftsInput = PageInput.extend({
  driverId: IdSchema.optional(),
  vehicleId: IdSchema.optional(),
  /** Shifts overlapping [from, to). */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type ListShiftsInput = z.infer<typeof ListShiftsInput>;

const MAX_SHIFT_MS = 24 * 3_600_000;
const shiftInOrder = (shift: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !shift.startsAt || !shift.endsAt || Date.parse(shift.startsAt) < Date.parse(shift.endsAt);
const shiftNotTooLong = (shift: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  !shift.startsAt ||
  !shift.endsAt ||
  Date.parse(shift.endsAt) - Date.parse(shift.startsAt) <= MAX_SHIFT_MS;

export const CreateShiftInput = z
  .object({
    driverId: IdSchema,
    vehicleId: IdSchema.optional(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
  })
  .refine(shiftInOrder, {
    message: 'a shift ends after it starts',
    path: ['endsAt'],
    params: { rule: 'shift-order' },
  })
  .refine(shiftNotTooLong, {
    message: 'a shift lasts at most 24 hours',
    path: ['endsAt'],
    params: { rule: 'shift-too-long' },
  });
export type CreateShiftInput = z.infer<typeof CreateShiftInput>;

export const UpdateShiftInput = z
  .object({
    id: IdSchema,
    vehicleId: IdSchema.nullable().optional(),
    startsAt: IsoDateTime.optional(),
    endsAt: IsoDateTime.optional(),
  })
  .refine(shiftInOrder, {
    message: 'a shift ends after it starts',
    path: ['endsAt'],
    params: { rule: 'shift-order' },
  })
  .refine(shiftNotTooLong, {
    message: 'a shift lasts at most 24 hours',
    path: ['endsAt'],
    params: { rule: 'shift-too-long' },
  });
export type UpdateShiftInput = z.infer<typeof UpdateShiftInput>;
