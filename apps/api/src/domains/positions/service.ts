import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, Prisma } from '@harbor/db';
import type { Position, ReplayInput, SessionUser, TrackInput, ViewportInput } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { assetSql, canSeeAsset } from '../auth/scope.ts';
import { pointAt, type TrackPoint } from '../history/track-codec.ts';
import { readTrack, readTrackColumns } from '../history/track-store.ts';
import { type DeviceDirectory, deviceOwnerSql } from '../vehicles/device-directory.ts';
import { keptForDisplay } from './simplify.ts';

type PositionRow = {
  assetKind: Position['assetKind'];
  assetKey: string;
  fixAt: Date | string;
  lat: number;
  lon: number;
  speedKnots: number | null;
  courseDeg: number | null;
  headingDeg: number | null;
  status: string | null;
  source: Position['source'];
};

const toPosition = (row: PositionRow): Position =>
  ({
    assetKind: row.assetKind,
    assetKey: row.assetKey,
    fixAt: new Date(row.fixAt).toISOString(),
    lat: row.lat,
    lon: row.lon,
    speedKnots: row.speedKnots,
    courseDeg: row.courseDeg,
    headingDeg: row.headingDeg,
    status: row.status,
    source: row.source,
  }) satisfies Position;

/** A stored fix of the asset `asset` as the api returns it. */
const pointToPosition = (
  asset: { assetKind: Position['assetKind']; assetKey: string },
  point: TrackPoint,
): Position => ({
  assetKind: asset.assetKind,
  assetKey: asset.assetKey,
  fixAt: new Date(point.fixAt).toISOString(),
  lat: point.lat,
  lon: point.lon,
  speedKnots: point.speedKnots,
  courseDeg: point.courseDeg,
  headingDeg: point.headingDeg,
  status: point.status,
  source: point.source,
});

const COLUMNS = Prisma.raw(
  `lp."assetKind", lp."assetKey", lp."fixAt", lp.lat, lp.lon, lp."speedKnots", lp."courseDeg", lp."headingDeg", lp.status, lp.source`,
);

/** The latest position of every asset the user may see inside a bounding box: one raw query on the hot path. */
export async function latestInViewport(
  deps: { db: Pick<Db, 'sql'> },
  user: SessionUser,
  input: ViewportInput,
): Promise<Position[]> {
  const { bbox } = input;
  // A truck's owner is its device's organization (the device directory's rule); none without one.
  const visible = assetSql(user, {
    assetKind: Prisma.sql`lp."assetKind"`,
    organizationId: Prisma.raw(deviceOwnerSql('lp."assetKey"')),
  });
  const query = Prisma.sql`SELECT ${COLUMNS} FROM "LatestPosition" lp
WHERE lp.lat BETWEEN ${bbox.minLat} AND ${bbox.maxLat} AND lp.lon BETWEEN ${bbox.minLon} AND ${bbox.maxLon}
  AND lp."assetKind"::text = ANY(${input.assetKinds}::text[])
  AND ${visible}
LIMIT ${input.limit}`;
  const { rows } = await deps.db.sql.query<PositionRow>(query.text, query.values);
  return rows.map(toPosition);
}

/** Vessels are port data; another company's vehicle is NOT_FOUND, like a missing one. */
export async function assertAssetVisible(
  deps: { devices: Pick<DeviceDirectory, 'ownerOf'> },
  user: SessionUser,
  asset: { assetKind: Position['assetKind']; assetKey: string },
): Promise<void> {
  const organizationId =
    asset.assetKind === 'VEHICLE' ? await deps.devices.ownerOf(asset.assetKey) : null;
  if (!canSeeAsset(user, { assetKind: asset.assetKind, organizationId }))
    throw new HarborError('not-found', 'vehicle.not-found', 'no such vehicle');
}

/** Longest pause a replay makes between two fixes, however far apart they were. */
export const REPLAY_MAX_PAUSE_MS = 2_000;
const REPLAY_PAGE = 1_000;
/** The most fixes a track reads before simplifying: about two months of a truck every 30 s. */
const MAX_TRACK_FIXES = 200_000;

/**
 * An asset's stored positions between two times, in time order, paced `speed` times faster
 * than they happened (a gap longer than REPLAY_MAX_PAUSE_MS of wall time is shortened to
 * it). Reads the history a page at a time, so a long track never sits in memory at once.
 */
export async function* replay(
  deps: { db: Pick<Db, 'sql'>; devices: Pick<DeviceDirectory, 'ownerOf'> },
  user: SessionUser,
  input: ReplayInput,
  signal: AbortSignal | undefined,
): AsyncGenerator<Position> {
  await assertAssetVisible(deps, user, input);
  let from = new Date(input.from);
  let afterFrom = false;
  let previous: number | null = null;
  while (!signal?.aborted) {
    const points = await readTrack(deps.db, {
      assetKind: input.assetKind,
      assetKey: input.assetKey,
      from,
      to: new Date(input.to),
      afterFrom,
      limit: REPLAY_PAGE,
    });
    for (const point of points) {
      const at = point.fixAt;
      if (previous !== null) {
        const pause = Math.min((at - previous) / input.speed, REPLAY_MAX_PAUSE_MS);
        if (pause > 0) {
          try {
            await sleep(pause, undefined, { signal });
          } catch {
            return;
          }
        }
      }
      previous = at;
      yield pointToPosition(input, point);
    }
    if (points.length < REPLAY_PAGE) return;
    from = new Date((points.at(-1) as TrackPoint).fixAt);
    afterFrom = true;
  }
}

/**
 * An asset's positions between two times, oldest first, simplified for display to at most
 * `maxPoints` with its shape kept (see keptForDisplay): the first and last fixes always stay.
 */
export async function track(
  deps: { db: Pick<Db, 'sql'>; devices: Pick<DeviceDirectory, 'ownerOf'> },
  user: SessionUser,
  input: TrackInput,
): Promise<Position[]> {
  await assertAssetVisible(deps, user, input);
  // As columns: a month of a truck is 100,000 fixes and more, of which a few thousand are shown.
  const fixes = await readTrackColumns(deps.db, {
    assetKind: input.assetKind,
    assetKey: input.assetKey,
    from: new Date(input.from),
    to: new Date(input.to),
    limit: MAX_TRACK_FIXES,
  });
  // Douglas-Peucker keeps the corners and turns and drops the points along straight legs.
  return keptForDisplay(fixes, input.maxPoints).map((i) =>
    pointToPosition(input, pointAt(fixes, i)),
  );
}
