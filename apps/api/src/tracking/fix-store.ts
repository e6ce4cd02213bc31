import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { GeofenceTransition } from './geofence-engine.ts';

export type WriteResult = {
  /** New history rows. */
  inserted: number;
  /** Fixes already stored for the same asset and time (or repeated within the batch). */
  duplicates: number;
  /** Assets whose latest position moved forward. */
  latestMoved: number;
};

// One statement per table over arrays (`unnest`), not one row per statement and not
// Prisma's createMany: about 15× the rows per second (see docs/architecture.md, Database).
const COLUMNS = `"assetKind", "assetKey", "fixAt", "receivedAt", lat, lon, "speedKnots", "courseDeg", "headingDeg", "altitudeM", status, source`;

const INPUT = `SELECT * FROM unnest(
  $1::text[]::"AssetKind"[], $2::text[], $3::timestamptz[], $4::timestamptz[],
  $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
  $11::text[], $12::text[]::"FixSource"[]
) AS input(${COLUMNS})`;

// The whole batch in one statement over one set of arrays: history, latest positions and
// the geofence transitions it caused. The batch crosses the wire and is parsed once, and a
// single statement is atomic without a transaction around it (one round trip, not four).
// The newest fix of each asset in the batch replaces the stored latest position only when
// it is newer: an out-of-order fix goes to history but never moves the latest backwards.
const WRITE_BATCH = `WITH input AS MATERIALIZED (${INPUT}),
history AS (
  INSERT INTO "PositionFix" (${COLUMNS}) SELECT * FROM input
  ON CONFLICT ("assetKind", "assetKey", "fixAt") DO NOTHING
  RETURNING 1
),
latest AS (
  INSERT INTO "LatestPosition" (${COLUMNS}, "updatedAt")
  SELECT DISTINCT ON ("assetKind", "assetKey") *, now() FROM input
  ORDER BY "assetKind", "assetKey", "fixAt" DESC
  ON CONFLICT ("assetKind", "assetKey") DO UPDATE SET
    "fixAt" = EXCLUDED."fixAt", "receivedAt" = EXCLUDED."receivedAt", lat = EXCLUDED.lat, lon = EXCLUDED.lon,
    "speedKnots" = EXCLUDED."speedKnots", "courseDeg" = EXCLUDED."courseDeg", "headingDeg" = EXCLUDED."headingDeg",
    "altitudeM" = EXCLUDED."altitudeM", status = EXCLUDED.status, source = EXCLUDED.source, "updatedAt" = now()
  WHERE "LatestPosition"."fixAt" < EXCLUDED."fixAt"
  RETURNING 1
),
events AS (
  INSERT INTO "GeofenceEvent" ("zoneId", "assetKind", "assetKey", transition, at, lat, lon)
  SELECT * FROM unnest($13::text[], $14::text[]::"AssetKind"[], $15::text[],
    $16::text[]::"GeofenceTransition"[], $17::timestamptz[], $18::float8[], $19::float8[])
)
SELECT (SELECT count(*) FROM history)::int AS inserted, (SELECT count(*) FROM latest)::int AS moved`;

/** The batch as one array per column, filled in place: this runs for every fix. */
function columns(fixes: readonly Fix[]): unknown[] {
  const n = fixes.length;
  const kind = new Array<string>(n);
  const key = new Array<string>(n);
  const fixAt = new Array<string>(n);
  const receivedAt = new Array<string>(n);
  const lat = new Array<number>(n);
  const lon = new Array<number>(n);
  const speed = new Array<number | null>(n);
  const course = new Array<number | null>(n);
  const heading = new Array<number | null>(n);
  const altitude = new Array<number | null>(n);
  const status = new Array<string | null>(n);
  const source = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const fix = fixes[i] as Fix;
    kind[i] = fix.assetKind;
    key[i] = fix.assetKey;
    fixAt[i] = fix.fixAt.toISOString();
    receivedAt[i] = fix.receivedAt.toISOString();
    lat[i] = fix.lat;
    lon[i] = fix.lon;
    speed[i] = fix.speedKnots;
    course[i] = fix.courseDeg;
    heading[i] = fix.headingDeg;
    altitude[i] = fix.altitudeM;
    status[i] = fix.status;
    source[i] = fix.source;
  }
  return [kind, key, fixAt, receivedAt, lat, lon, speed, course, heading, altitude, status, source];
}

/**
 * Writes a batch of validated fixes in one statement: history, latest positions, and the
 * geofence transitions they caused, so all of it is stored together or not at all.
 */
export async function writeFixes(
  db: Pick<Db, 'sql'>,
  fixes: readonly Fix[],
  transitions: readonly GeofenceTransition[] = [],
): Promise<WriteResult> {
  if (fixes.length === 0) return { inserted: 0, duplicates: 0, latestMoved: 0 };
  const { rows } = await db.sql.query<{ inserted: number; moved: number }>(WRITE_BATCH, [
    ...columns(fixes),
    transitions.map((t) => t.zoneId),
    transitions.map((t) => t.assetKind),
    transitions.map((t) => t.assetKey),
    transitions.map((t) => t.transition),
    transitions.map((t) => t.at.toISOString()),
    transitions.map((t) => t.lat),
    transitions.map((t) => t.lon),
  ]);
  const { inserted, moved } = rows[0] ?? { inserted: 0, moved: 0 };
  return { inserted, duplicates: fixes.length - inserted, latestMoved: moved };
}
