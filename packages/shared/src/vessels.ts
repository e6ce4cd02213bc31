import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, PageInput } from './common.ts';

/** Maritime Mobile Service Identity: 9 digits (ITU-R M.585). */
export const MmsiSchema = z
  .number({ message: 'MMSI is a number' })
  .int()
  .min(100_000_000, 'MMSI has 9 digits')
  .max(999_999_999, 'MMSI has 9 digits');

/**
 * IMO ship identification number: 7 digits, the last a check digit: the first six
 * multiplied by 7, 6, 5, 4, 3, 2, summed, modulo 10 (IMO Resolution A.1117(30)).
 */
export function isValidImo(imo: number): boolean {
  if (!Number.isInteger(imo) || imo < 1_000_000 || imo > 9_999_999) return false;
  const digits = String(imo).split('').map(Number);
  const sum = digits.slice(0, 6).reduce((total, digit, i) => total + digit * (7 - i), 0);
  return sum % 10 === digits[6];
}

export const ImoSchema = z
  .number({ message: 'IMO number is a number' })
  .int()
  .refine(isValidImo, 'IMO number is 7 digits with a valid check digit');

export const VesselSchema = z.object({
  id: IdSchema,
  mmsi: z.number().int(),
  imo: z.number().int().nullable(),
  callSign: z.string().nullable(),
  name: z.string().nullable(),
  shipType: z.number().int().nullable(),
  lengthM: z.number().nullable(),
  beamM: z.number().nullable(),
  draughtM: z.number().nullable(),
  flag: z.string().nullable(),
  destination: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Vessel = z.infer<typeof VesselSchema>;

export const ListVesselsInput = PageInput.extend({
  /** Part of the name, or an exact MMSI or IMO number. */
  search: z.string().trim().max(100).optional(),
});
export type ListVesselsInput = z.infer<typeof ListVesselsInput>;

const vesselFields = {
  imo: ImoSchema.optional(),
  callSign: OptionalText(7),
  name: OptionalText(20),
  /** AIS ship and cargo type, ITU-R M.1371-5 table 53. */
  shipType: z.number().int().min(0).max(99).optional(),
  lengthM: z.number().positive().max(500).optional(),
  beamM: z.number().positive().max(80).optional(),
  draughtM: z.number().positive().max(30).optional(),
  flag: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'flag is an ISO 3166-1 alpha-2 code')
    .optional(),
  destination: OptionalText(20),
};

export const CreateVesselInput = z.object({ mmsi: MmsiSchema, ...vesselFields });
export type CreateVesselInput = z.infer<typeof CreateVesselInput>;

export const UpdateVesselInput = z.object({
  id: IdSchema,
  mmsi: MmsiSchema.optional(),
  ...vesselFields,
});
export type UpdateVesselInput = z.infer<typeof UpdateVesselInput>;
