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

/**
 * What a vessel's particulars are, from either source. AIS is unauthenticated radio: what a
 * transponder reports is kept beside what the port curated, never over it.
 */
const particulars = {
  name: z.string().nullable(),
  callSign: z.string().nullable(),
  imo: z.number().int().nullable(),
  /** AIS ship and cargo type, ITU-R M.1371-5 table 53. */
  shipType: z.number().int().nullable(),
  lengthM: z.number().nullable(),
  beamM: z.number().nullable(),
  draughtM: z.number().nullable(),
  destination: z.string().nullable(),
};

/** The values port staff set (vessels.create/update, the berth schedule import, the seed). */
export const CuratedParticularsSchema = z.object({ ...particulars, flag: z.string().nullable() });
export type CuratedParticulars = z.infer<typeof CuratedParticularsSchema>;

/** The static data the vessel's AIS last reported (messages 5, 19, 24), with when. */
export const AisStaticSchema = z.object({
  ...particulars,
  /** The ETA of AIS message 5, resolved to a date. */
  eta: IsoDateTime.nullable(),
  /** When Harbor last recorded the vessel's AIS static data. */
  reportedAt: IsoDateTime,
});
export type AisStatic = z.infer<typeof AisStaticSchema>;

/** The fields whose AIS value is compared with the curated one. */
export const DISCREPANCY_FIELDS = ['imo', 'lengthM', 'beamM', 'draughtM'] as const;

/** The vessel's AIS reports another value than the port curated, by more than AIS rounds to. */
export const VesselDiscrepancySchema = z.object({
  field: z.enum(DISCREPANCY_FIELDS),
  curated: z.number(),
  ais: z.number(),
});
export type VesselDiscrepancy = z.infer<typeof VesselDiscrepancySchema>;

/**
 * A vessel. The top-level particulars are the effective ones, which port logic uses: the
 * curated value, else the AIS one when nothing was curated. `curated` and `ais` carry both
 * sources as they are; `discrepancies` the differences worth an operator's look.
 */
export const VesselSchema = z.object({
  id: IdSchema,
  mmsi: z.number().int(),
  ...particulars,
  flag: z.string().nullable(),
  curated: CuratedParticularsSchema,
  ais: AisStaticSchema.nullable(),
  discrepancies: z.array(VesselDiscrepancySchema),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Vessel = z.infer<typeof VesselSchema>;

export const ListVesselsInput = PageInput.extend({
  /** Part of the name, or an exact MMSI or IMO number (the effective name and IMO). */
  search: z.string().trim().max(100).optional(),
});
export type ListVesselsInput = z.infer<typeof ListVesselsInput>;

const vesselFields = {
  imo: ImoSchema,
  callSign: OptionalText(7),
  name: OptionalText(20),
  /** AIS ship and cargo type, ITU-R M.1371-5 table 53. */
  shipType: z.number().int().min(0).max(99),
  lengthM: z.number().positive().max(500),
  beamM: z.number().positive().max(80),
  draughtM: z.number().positive().max(30),
  flag: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'flag is an ISO 3166-1 alpha-2 code'),
  destination: OptionalText(20),
};

export const CreateVesselInput = z.object({
  mmsi: MmsiSchema,
  imo: vesselFields.imo.optional(),
  callSign: vesselFields.callSign,
  name: vesselFields.name,
  shipType: vesselFields.shipType.optional(),
  lengthM: vesselFields.lengthM.optional(),
  beamM: vesselFields.beamM.optional(),
  draughtM: vesselFields.draughtM.optional(),
  flag: vesselFields.flag.optional(),
  destination: vesselFields.destination,
});
export type CreateVesselInput = z.infer<typeof CreateVesselInput>;

/**
 * Sets curated values. A field left out (or an empty text) stays as it is; null clears the
 * curated value, so the vessel goes back to what its AIS reports.
 */
export const UpdateVesselInput = z.object({
  id: IdSchema,
  mmsi: MmsiSchema.optional(),
  imo: vesselFields.imo.nullable().optional(),
  callSign: vesselFields.callSign.nullable(),
  name: vesselFields.name.nullable(),
  shipType: vesselFields.shipType.nullable().optional(),
  lengthM: vesselFields.lengthM.nullable().optional(),
  beamM: vesselFields.beamM.nullable().optional(),
  draughtM: vesselFields.draughtM.nullable().optional(),
  flag: vesselFields.flag.nullable().optional(),
  destination: vesselFields.destination.nullable(),
});
export type UpdateVesselInput = z.infer<typeof UpdateVesselInput>;
