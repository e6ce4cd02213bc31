import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';

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
  status: VehicleStatusSchema,
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
  status: VehicleStatusSchema.default('AVAILABLE'),
});
export type CreateVehicleInput = z.infer<typeof CreateVehicleInput>;

export const UpdateVehicleInput = z.object({
  id: IdSchema,
  plate: PlateSchema.optional(),
  vin: VinSchema.optional(),
  model: OptionalText(100),
  status: VehicleStatusSchema.optional(),
});
export type UpdateVehicleInput = z.infer<typeof UpdateVehicleInput>;
