import type { Db } from '@harbor/db';
import type { Jt808Body } from '@harbor/protocols/jt808';
import type { ListTerminalMediaInput, SessionUser, TerminalMedia } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { findVisibleVehicle } from './service.ts';

/** A terminal's multimedia data upload (0x0801), put back together from its packages. */
export type MediaUpload = Extract<Jt808Body, { messageId: 0x0801 }>;

/** JT/T 808 multimedia format codes (0x0800/0x0801 table): 0 JPEG, 1 TIF, 2 MP3, 3 WAV, 4 WMV. */
const CONTENT_TYPES = ['image/jpeg', 'image/tiff', 'audio/mpeg', 'audio/wav', 'video/x-ms-wmv'];
const KINDS = ['IMAGE', 'AUDIO', 'VIDEO'] as const;

export const contentTypeOf = (format: number): string =>
  CONTENT_TYPES[format] ?? 'application/octet-stream';

// The device's organization at the time of the upload; nothing when the device is gone. A
// terminal sending the same upload again (its answer lost) stores nothing twice: the same
// id and time (a terminal's ids may start again after a reset).
const INSERT_MEDIA = `
  INSERT INTO "TerminalMedia" (id, "organizationId", "terminalPhone", "mediaId", "mediaType",
    format, "eventCode", "channelId", "takenAt", lat, lon, "sizeBytes", data, "receivedAt")
  SELECT gen_random_uuid()::text, d."organizationId", d."terminalPhone", $2, $3, $4, $5, $6,
    $7, $8, $9, $10, $11, $12
  FROM "Device" d WHERE d."terminalPhone" = $1
  ON CONFLICT ("terminalPhone", "mediaId", "takenAt") DO NOTHING
  RETURNING id`;

/**
 * Stores an upload with the time and position it carries; resolves once committed (the
 * terminal is answered only then). False when the terminal's device no longer exists.
 */
export async function storeMediaUpload(
  db: Pick<Db, 'sql'>,
  terminalPhone: string,
  upload: MediaUpload,
  receivedAt: Date,
): Promise<boolean> {
  const { location } = upload;
  const isPositioned = location.flags.positioned;
  const inserted = await db.sql.query(INSERT_MEDIA, [
    terminalPhone,
    upload.mediaId,
    upload.mediaType,
    upload.format,
    upload.eventCode,
    upload.channelId,
    location.time,
    isPositioned ? location.lat : null,
    isPositioned ? location.lon : null,
    upload.data.length,
    upload.data,
    receivedAt,
  ]);
  if (inserted.rows.length > 0) {
    await linkJobPhotos(db, terminalPhone);
    return true;
  }
  // Stored before (the terminal sent it again), or no such device.
  const { rows } = await db.sql.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "TerminalMedia"
       WHERE "terminalPhone" = $1 AND "mediaId" = $2 AND "takenAt" = $3) AS found`,
    [terminalPhone, upload.mediaId, location.time],
  );
  return rows[0]?.found === true;
}

// A photo a job asked for (TAKE_PHOTO with a job, whose answer named the photo's id) proves
// that job. Run on both sides of the race: when the photo is stored, and when the answer
// naming it is, whichever comes second links them.
const LINK_JOB_PHOTOS = `
  UPDATE "TerminalMedia" m SET "dispatchJobId" = c."dispatchJobId"
  FROM "TerminalCommand" c
  WHERE m."terminalPhone" = $1 AND m."dispatchJobId" IS NULL
    AND c."terminalPhone" = m."terminalPhone" AND c.kind = 'TAKE_PHOTO'
    AND c."dispatchJobId" IS NOT NULL AND c.answer IS NOT NULL
    AND (c.answer -> 'mediaIds') @> to_jsonb(m."mediaId")
    AND m."receivedAt" >= c."createdAt"`;

/** Links the terminal's photos to the jobs they were asked for; how many it linked. */
export async function linkJobPhotos(db: Pick<Db, 'sql'>, terminalPhone: string): Promise<number> {
  const { affectedRows } = await db.sql.query(LINK_JOB_PHOTOS, [terminalPhone]);
  return affectedRows;
}

type MediaRow = {
  id: string;
  terminalPhone: string;
  mediaId: bigint;
  mediaType: number;
  format: number;
  eventCode: number;
  channelId: number;
  takenAt: Date;
  lat: number | null;
  lon: number | null;
  sizeBytes: number;
  receivedAt: Date;
  dispatchJobId: string | null;
};

const LISTED = {
  id: true,
  terminalPhone: true,
  mediaId: true,
  mediaType: true,
  format: true,
  eventCode: true,
  channelId: true,
  takenAt: true,
  lat: true,
  lon: true,
  sizeBytes: true,
  receivedAt: true,
  dispatchJobId: true,
} as const;

/** The columns a list of uploads reads (not the bytes). */
export const MEDIA_LISTED = LISTED;

export function toTerminalMedia(row: MediaRow): TerminalMedia {
  return {
    id: row.id,
    terminalPhone: row.terminalPhone,
    mediaId: Number(row.mediaId),
    kind: KINDS[row.mediaType] ?? 'OTHER',
    contentType: contentTypeOf(row.format),
    eventCode: row.eventCode,
    channelId: row.channelId,
    takenAt: row.takenAt.toISOString(),
    lat: row.lat,
    lon: row.lon,
    sizeBytes: row.sizeBytes,
    receivedAt: row.receivedAt.toISOString(),
    dispatchJobId: row.dispatchJobId,
    url: `/media/${row.id}`,
  };
}

/** A truck's terminal's uploads, newest first: those of its current terminal phone. */
export async function listTerminalMedia(
  deps: { db: Db },
  user: SessionUser,
  input: ListTerminalMediaInput,
) {
  const vehicle = await findVisibleVehicle(deps, user, input.vehicleId);
  const device = await deps.db.prisma.device.findUnique({
    where: { vehicleId: vehicle.id },
    select: { terminalPhone: true },
  });
  if (!device) return { items: [], nextCursor: null };
  const scope = { terminalPhone: device.terminalPhone, organizationId: vehicle.organizationId };
  const rows = await deps.db.prisma.terminalMedia.findMany({
    where: scope,
    select: LISTED,
    orderBy: [{ takenAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(input, scope),
  });
  return toPage(rows, input.limit, toTerminalMedia);
}

/**
 * One upload's bytes for a user who may see it: the port authority sees every company's,
 * a company its own.
 */
export async function readMediaFile(
  deps: { db: Db },
  user: SessionUser,
  id: string,
): Promise<{ contentType: string; data: Uint8Array; takenAt: Date }> {
  const row = await deps.db.prisma.terminalMedia.findUnique({
    where: { id },
    select: { organizationId: true, format: true, data: true, takenAt: true },
  });
  const isVisible =
    row &&
    (user.organization.kind === 'PORT_AUTHORITY' || row.organizationId === user.organization.id);
  if (!isVisible) throw new HarborError('not-found', 'media.not-found', `no media ${id}`);
  return { contentType: contentTypeOf(row.format), data: row.data, takenAt: row.takenAt };
}
