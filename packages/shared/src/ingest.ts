import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';
import { AssetKindSchema } from './fixes.ts';

/** One fix as an integrator sends it to `POST /ingest/fixes`. */
export const IngestFixSchema = z
  .object({
    /** A registered device of the key's organization (vehicles), or an MMSI (vessels, port feeds). */
    deviceId: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/, 'deviceId is letters, digits, - and _'),
    assetKind: AssetKindSchema.default('VEHICLE'),
    /** When the position was taken, ISO 8601 with an offset. */
    time: IsoDateTime,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    speedKnots: z.number().min(0).max(1000).optional(),
    speedKmh: z.number().min(0).max(2000).optional(),
    courseDeg: z.number().min(0).lt(360).optional(),
    headingDeg: z.number().min(0).lt(360).optional(),
    altitudeM: z.number().min(-1000).max(100_000).optional(),
    status: z.string().max(64).optional(),
  })
  .refine((fix) => fix.speedKnots === undefined || fix.speedKmh === undefined, {
    message: 'give speedKnots or speedKmh, not both',
    params: { rule: 'one-speed-unit' },
    path: ['speedKmh'],
  });
export type IngestFix = z.infer<typeof IngestFixSchema>;

/** At most this many fixes per request; larger feeds send several. */
export const MAX_INGEST_FIXES = 10_000;

export const IngestRejectionSchema = z.object({
  index: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export const IngestResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(IngestRejectionSchema),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const ApiKeySchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Port authority admins may create a key for another organization. */
  organizationId: IdSchema.optional(),
});
