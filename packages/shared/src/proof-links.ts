import { z } from 'zod';
import { IdSchema, IsoDateTime } from './common.ts';
import { DispatchJobStatusSchema } from './dispatch.ts';

/**
 * Proof of delivery from the driver's phone: a dispatcher makes the job a link
 * (`dispatch.proofLink`), the driver opens it (`/pod/<token>`, no login: the token is the
 * credential) and uploads a photo (`POST /api/pod/<token>/photo`).
 */

/** The largest photo a phone may upload: a phone camera's JPEG is 2-5 MB. */
export const PROOF_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

export const ProofLinkInput = z.object({ jobId: IdSchema });
export type ProofLinkInput = z.infer<typeof ProofLinkInput>;

/** A new upload link (it replaces the job's earlier one), shown once: only its hash is kept. */
export const ProofLinkSchema = z.object({
  /** The page's path, `/pod/<token>`; the web puts its own origin before it. */
  url: z.string(),
  expiresAt: IsoDateTime,
});
export type ProofLink = z.infer<typeof ProofLinkSchema>;

/** What the driver's page shows of the job (`GET /api/pod/<token>`): nothing of the company. */
export const ProofUploadJobSchema = z.object({
  reference: z.string(),
  plate: z.string().nullable(),
  containerNumber: z.string().nullable(),
  dropoffZone: z.object({ code: z.string(), name: z.string(), nameZh: z.string().nullable() }),
  status: DispatchJobStatusSchema,
  expiresAt: IsoDateTime,
  /** Photos the phone has uploaded so far through any of the job's links. */
  photoCount: z.number().int().nonnegative(),
});
export type ProofUploadJob = z.infer<typeof ProofUploadJobSchema>;

/** A query string's degrees, up to ±`limit` (an empty value is refused, not read as 0). */
const degrees = (limit: number) =>
  z.string().trim().min(1).transform(Number).pipe(z.number().min(-limit).max(limit));

/** Where the phone was (`?lat=&lon=`), both or neither. */
export const ProofPhotoQuery = z
  .object({
    lat: degrees(90).optional(),
    lon: degrees(180).optional(),
  })
  .refine((query) => (query.lat === undefined) === (query.lon === undefined), {
    message: 'give lat and lon together, or neither',
    path: ['lon'],
  });
export type ProofPhotoQuery = z.infer<typeof ProofPhotoQuery>;

/** The answer to an upload, once the photo is committed (201). */
export const ProofPhotoUploadedSchema = z.object({ id: IdSchema });
export type ProofPhotoUploaded = z.infer<typeof ProofPhotoUploadedSchema>;
