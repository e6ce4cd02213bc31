import type { Db, SqlDriver } from '@harbor/db';
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

const INSERT_HISTORY = `INSERT INTO "PositionFix" (${COLUMNS}) ${INPUT}
ON CONFLICT ("assetKind", "assetKey", "fixAt") DO NOTHING`;

// The newest fix of each asset in the batch replaces the stored latest position only when
// it is newer: an out-of-order fix goes to history but never moves the latest backwards.
const UPSERT_LATEST = `INSERT INTO "LatestPosition" (${COLUMNS}, "updatedAt")
SELECT DISTINCT ON ("assetKind", "assetKey") *, now() FROM (${INPUT}) AS batch
ORDER BY "assetKind", "assetKey", "fixAt" DESC
ON CONFLICT ("assetKind", "assetKey") DO UPDATE SET
  "fixAt" = EXCLUDED."fixAt", "receivedAt" = EXCLUDED."receivedAt", lat = EXCLUDED.lat, lon = EXCLUDED.lon,
  "speedKnots" = EXCLUDED."speedKnots", "courseDeg" = EXCLUDED."courseDeg", "headingDeg" = EXCLUDED."headingDeg",
  "altitudeM" = EXCLUDED."altitudeM", status = EXCLUDED.status, source = EXCLUDED.source, "updatedAt" = now()
WHERE "LatestPosition"."fixAt" < EXCLUDED."fixAt"`;

function columns(fixes: readonly Fix[]): unknown[] {
  const arrays: unknown[][] = Array.from({ length: 12 }, () => new Array(fixes.length));
  fixes.forEach((fix, i) => {
    const row = [
      fix.assetKind,
      fix.assetKey,
      fix.fixAt.toISOString(),
      fix.receivedAt.toISOString(),
      fix.lat,
      fix.lon,
      fix.speedKnots,
      fix.courseDeg,
      fix.headingDeg,
      fix.altitudeM,
      fix.status,
      fix.source,
    ];
    for (let c = 0; c < 12; c++) (arrays[c] as unknown[])[i] = row[c];
  });
  return arrays;
}

const INSERT_GEOFENCE_EVENTS = `INSERT INTO "GeofenceEvent" ("zoneId", "assetKind", "assetKey", transition, at, lat, lon)
SELECT * FROM unnest($1::text[], $2::text[]::"AssetKind"[], $3::text[], $4::text[]::"GeofenceTransition"[],
  $5::timestamptz[], $6::float8[], $7::float8[])`;

/**
 * Writes a batch of validated fixes in one transaction: history, latest positions, and the
 * geofence transitions they caused, so all of it is stored together or not at all.
 */
export async function writeFixes(
  db: Pick<Db, 'sql'>,
  fixes: readonly Fix[],
  transitions: readonly GeofenceTransition[] = [],
): Promise<WriteResult> {
  if (fixes.length === 0) return { inserted: 0, duplicates: 0, latestMoved: 0 };
  const params = columns(fixes);
  return db.sql.transaction(async (tx: Omit<SqlDriver, 'transaction'>) => {
    const history = await tx.query(INSERT_HISTORY, params);
    const latest = await tx.query(UPSERT_LATEST, params);
    if (transitions.length > 0) {
      await tx.query(INSERT_GEOFENCE_EVENTS, [
        transitions.map((t) => t.zoneId),
        transitions.map((t) => t.assetKind),
        transitions.map((t) => t.assetKey),
        transitions.map((t) => t.transition),
        transitions.map((t) => t.at.toISOString()),
        transitions.map((t) => t.lat),
        transitions.map((t) => t.lon),
      ]);
    }
    return {
      inserted: history.affectedRows,
      duplicates: fixes.length - history.affectedRows,
      latestMoved: latest.affectedRows,
    };
  });
}
