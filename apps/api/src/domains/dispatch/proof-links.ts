import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '@harbor/db';
import type {
  DispatchJobStatus,
  ProofLink,
  ProofLinkInput,
  ProofPhotoQuery,
  ProofUploadJob,
  SessionUser,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { findOwnJob } from './jobs.ts';

/**
 * Proof of delivery from the driver's phone, for a truck without a camera: the job's company
 * makes a link (`/pod/<token>`), the driver opens it without logging in and uploads photos.
 * The token is the credential: 32 random bytes, only its SHA-256 kept on the job; a job has
 * one link at a time (a new one replaces it), good until a day after the job's window ends
 * (a day from its making at least), and none for a job cancelled or failed.
 */

type Deps = { db: Db; now: Clock };

const DAY_MS = 24 * 3_600_000;
/** A link's token as made here: 32 bytes, base64url, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/**
 * Photos a job takes from phones: a delivery needs a few, and a link in the wrong hands must
 * not fill the database (8 MB each, this is 160 MB at most).
 */
export const MAX_PHONE_PHOTOS = 20;
/** Jobs that take no more photos: their link stops working. */
const CLOSED: readonly DispatchJobStatus[] = ['CANCELLED', 'FAILED'];

export function proofTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function refuseClosed(status: DispatchJobStatus): void {
  if (CLOSED.includes(status))
    throw new HarborError(
      'invalid',
      'proof-link.job-closed',
      `the job is ${status}: it takes no proof of delivery`,
      { params: { status } },
    );
}

const unknownLink = () =>
  new HarborError('not-found', 'proof-link.not-found', 'no such upload link, or it has expired');

/** `dispatch.proofLink`: a new link for the job, replacing any earlier one. */
export async function makeProofLink(
  deps: Deps,
  user: SessionUser,
  input: ProofLinkInput,
): Promise<ProofLink> {
  const job = await findOwnJob(deps, user, input.jobId);
  refuseClosed(job.status);
  const now = deps.now().getTime();
  const expiresAt = new Date(Math.max(job.windowEnd.getTime(), now) + DAY_MS);
  const token = randomBytes(32).toString('base64url');
  await deps.db.prisma.dispatchJob.update({
    where: { id: job.id },
    data: { proofLinkHash: proofTokenHash(token), proofLinkExpiresAt: expiresAt },
  });
  return { url: `/pod/${token}`, expiresAt: expiresAt.toISOString() };
}

/** The job a live link names; an unknown, replaced or expired one is NOT_FOUND alike. */
async function linkedJob(deps: Deps, token: string) {
  if (!TOKEN_PATTERN.test(token)) throw unknownLink();
  const job = await deps.db.prisma.dispatchJob.findUnique({
    where: { proofLinkHash: proofTokenHash(token) },
    select: {
      id: true,
      reference: true,
      status: true,
      proofLinkExpiresAt: true,
      vehicle: { select: { plate: true } },
      container: { select: { number: true } },
      dropoffZone: { select: { code: true, name: true, nameZh: true } },
    },
  });
  const expiresAt = job?.proofLinkExpiresAt;
  if (!job || !expiresAt || expiresAt <= deps.now()) throw unknownLink();
  return { ...job, expiresAt };
}

/** `GET /api/pod/<token>`: what the driver's page shows, nothing of the company or its people. */
export async function proofUploadJob(deps: Deps, token: string): Promise<ProofUploadJob> {
  const job = await linkedJob(deps, token);
  const photoCount = await deps.db.prisma.deliveryPhoto.count({ where: { dispatchJobId: job.id } });
  return {
    reference: job.reference,
    plate: job.vehicle?.plate ?? null,
    containerNumber: job.container?.number ?? null,
    dropoffZone: job.dropoffZone,
    status: job.status,
    expiresAt: job.expiresAt.toISOString(),
    photoCount,
  } satisfies ProofUploadJob;
}

/**
 * Refuses, before a photo is read, an upload through a link that is not live or to a job
 * that takes no more photos.
 */
export async function checkProofUpload(deps: Deps, token: string): Promise<void> {
  const job = await linkedJob(deps, token);
  refuseClosed(job.status);
  const photos = await deps.db.prisma.deliveryPhoto.count({ where: { dispatchJobId: job.id } });
  if (photos >= MAX_PHONE_PHOTOS)
    throw new HarborError(
      'conflict',
      'proof-photo.too-many',
      `the job has ${MAX_PHONE_PHOTOS} photos from phones already`,
      { params: { max: MAX_PHONE_PHOTOS } },
    );
}

// One statement, so the photo goes to the job only while the link is still its live one: a
// link replaced, expired or of a job closed while the photo was on its way stores nothing.
const INSERT_PHOTO = `
  INSERT INTO "DeliveryPhoto"
    (id, "organizationId", "dispatchJobId", "uploadedAt", lat, lon, "sizeBytes", data)
  SELECT $2, j."organizationId", j.id, $3, $4, $5, $6, $7
  FROM "DispatchJob" j
  WHERE j."proofLinkHash" = $1 AND j."proofLinkExpiresAt" > $3
    AND j.status NOT IN ('CANCELLED', 'FAILED')
    AND (SELECT count(*) FROM "DeliveryPhoto" p WHERE p."dispatchJobId" = j.id) < ${MAX_PHONE_PHOTOS}
  RETURNING id`;

/**
 * Stores a photo (a JPEG the edge has checked) with where the phone was; resolves with its
 * id once committed.
 */
export async function storeDeliveryPhoto(
  deps: Deps,
  token: string,
  photo: { data: Uint8Array; position: ProofPhotoQuery },
): Promise<{ id: string }> {
  if (!TOKEN_PATTERN.test(token)) throw unknownLink();
  const { rows } = await deps.db.sql.query<{ id: string }>(INSERT_PHOTO, [
    proofTokenHash(token),
    randomUUID(),
    deps.now(),
    photo.position.lat ?? null,
    photo.position.lon ?? null,
    photo.data.byteLength,
    photo.data,
  ]);
  const [stored] = rows;
  if (stored) return stored;
  // Why not: the link is gone, the job closed meanwhile, or its photos are full.
  await checkProofUpload(deps, token);
  throw unknownLink();
}
