import type { Db, Prisma } from '@harbor/db';
import type { DeliveryPhoto, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { organizationScope } from '../auth/scope.ts';

/** The columns a job's list of phone photos reads (not the bytes). */
export const DELIVERY_PHOTO_LISTED = {
  id: true,
  dispatchJobId: true,
  uploadedAt: true,
  lat: true,
  lon: true,
  sizeBytes: true,
} as const satisfies Prisma.DeliveryPhotoSelect;

type DeliveryPhotoRow = Prisma.DeliveryPhotoGetPayload<{ select: typeof DELIVERY_PHOTO_LISTED }>;

export function toDeliveryPhoto(row: DeliveryPhotoRow): DeliveryPhoto {
  return {
    id: row.id,
    dispatchJobId: row.dispatchJobId,
    uploadedAt: row.uploadedAt.toISOString(),
    lat: row.lat,
    lon: row.lon,
    sizeBytes: row.sizeBytes,
    contentType: 'image/jpeg',
    url: `/media/delivery/${row.id}`,
  } satisfies DeliveryPhoto;
}

/**
 * A phone photo's bytes (`GET /media/delivery/<id>`) for a user who sees its job: the job's
 * company and port staff; to anyone else it does not exist.
 */
export async function readDeliveryPhotoFile(
  deps: { db: Db },
  user: SessionUser,
  id: string,
): Promise<{ data: Uint8Array; uploadedAt: Date }> {
  const row = await deps.db.prisma.deliveryPhoto.findFirst({
    where: { id, ...organizationScope(user) },
    select: { data: true, uploadedAt: true },
  });
  if (!row) throw new HarborError('not-found', 'media.not-found', `no photo ${id}`);
  return row;
}
