import type { Db } from '@harbor/db';
import type { FenceZone } from './geofence-engine.ts';

type Ring = number[][];

function isPolygon(value: unknown): value is FenceZone['polygon'] {
  const polygon = value as { type?: unknown; coordinates?: unknown };
  return (
    polygon?.type === 'Polygon' &&
    Array.isArray(polygon.coordinates) &&
    (polygon.coordinates as Ring[]).every(Array.isArray)
  );
}

/** Every zone of the port with a valid GeoJSON polygon; a malformed one is skipped and reported. */
export async function loadFenceZones(
  db: Pick<Db, 'prisma'>,
): Promise<{ zones: FenceZone[]; skipped: string[] }> {
  const rows = await db.prisma.zone.findMany({
    select: {
      id: true,
      code: true,
      kind: true,
      polygon: true,
      minLon: true,
      minLat: true,
      maxLon: true,
      maxLat: true,
      speedLimitKnots: true,
      speedLimitKmh: true,
    },
  });
  const zones: FenceZone[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    if (isPolygon(row.polygon)) zones.push({ ...row, polygon: row.polygon });
    else skipped.push(row.code);
  }
  return { zones, skipped };
}
