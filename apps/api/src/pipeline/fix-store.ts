import type { Db } from '@harbor/db';
import { type AssetKind, type Fix, HISTORY_ONLY_AFTER_MS, MAX_FIX_AHEAD_MS } from '@harbor/shared';
import type { GeofenceTransition, StoredPresence } from './geofence-engine.ts';
import { ensurePartitions, isMissingPartition, spanOf } from './history-partitions.ts';
import { float8ArrayBinary, numberArray, textArray, textArrayBinary } from './sql-arrays.ts';

export type WriteResult = {
  /** New history rows. */
  inserted: number;
  /** Fixes already stored for the same asset and time (or repeated within the batch). */
  duplicates: number;
  /** Assets whose latest position moved forward. */
  latestMoved: number;
};

// Rows read from arrays (`unnest`), not one row per statement and not Prisma's createMany:
// about 15× the rows per second (see docs/architecture.md, Database).
const COLUMNS = `"assetKind", "assetKey", "fixAt", "receivedAt", lat, lon, "speedKnots", "courseDeg", "headingDeg", "altitudeM", status, source`;

// Times travel as milliseconds since the epoch: turning a number into a timestamp is far
// cheaper, on both sides, than printing and parsing an ISO 8601 string per fix.
const INPUT = `SELECT kind, key, to_timestamp(fix_ms / 1000), to_timestamp(received_ms / 1000),
  lat, lon, speed, course, heading, altitude, status, source
FROM unnest(
  $1::text[]::"AssetKind"[], $2::text[], $3::float8[], $4::float8[],
  $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
  $11::text[], $12::text[]::"FixSource"[]
) AS input(kind, key, fix_ms, received_ms, lat, lon, speed, course, heading, altitude, status, source)`;

// The whole batch in one statement over one set of arrays: history, latest positions and
// the geofence transitions it caused. The batch crosses the wire and is parsed once, and a
// single statement is atomic without a transaction around it (one round trip, not four).
//
// History: a fix already stored (or repeated in the batch) is kept once. Most batches hold
// no such fix, and a plain INSERT costs PostgreSQL about two thirds of one with ON CONFLICT
// (speculative insertion, docs/benchmarks.md "The fix store alone"). So a batch is first
// written plainly; a repeated fix makes that statement fail whole (unique_violation, nothing
// written), and the batch is written again skipping repeats (writeBatch, DuplicateMemory).
//
// Latest positions: the newest fix of each asset in the batch replaces the stored latest
// position only when it is newer: an out-of-order fix goes to history but never moves the
// latest backwards. A fix received more than a day after it was taken is history only ($20,
// fix-time.ts in packages/shared). A stored latest position dated after the new fix's
// receipt by more than a device clock may run fast ($21) came from the future, before such
// fixes were refused: it is replaced, so no asset stays frozen there. Assets with a row are
// updated in place (an UPDATE costs PostgreSQL about two thirds of INSERT ... ON CONFLICT DO
// UPDATE, which locks each row first); only the rest go through the upsert: new assets, and
// fixes older than the stored one (which change nothing). An asset is one row of `newest`,
// so no row is changed twice.
const writeBatchSql = (skipRepeats: boolean) => `WITH input (${COLUMNS}) AS MATERIALIZED (${INPUT}),
history AS (
  INSERT INTO "PositionFix" (${COLUMNS}) SELECT * FROM input
  ${skipRepeats ? 'ON CONFLICT ("assetKind", "assetKey", "fixAt") DO NOTHING' : ''}
  RETURNING 1
),
newest AS (
  SELECT DISTINCT ON ("assetKind", "assetKey") * FROM input
  WHERE "fixAt" >= "receivedAt" - make_interval(secs => $20::float8)
  ORDER BY "assetKind", "assetKey", "fixAt" DESC
),
moved AS (
  UPDATE "LatestPosition" AS l SET
    "fixAt" = n."fixAt", "receivedAt" = n."receivedAt", lat = n.lat, lon = n.lon,
    "speedKnots" = n."speedKnots", "courseDeg" = n."courseDeg", "headingDeg" = n."headingDeg",
    "altitudeM" = n."altitudeM", status = n.status, source = n.source, "updatedAt" = now()
  FROM newest AS n
  WHERE l."assetKind" = n."assetKind" AND l."assetKey" = n."assetKey"
    AND (l."fixAt" < n."fixAt" OR l."fixAt" > n."receivedAt" + make_interval(secs => $21::float8))
  RETURNING l."assetKind", l."assetKey"
),
added AS (
  INSERT INTO "LatestPosition" (${COLUMNS}, "updatedAt")
  SELECT n.*, now() FROM newest AS n
  WHERE NOT EXISTS (
    SELECT 1 FROM moved AS m WHERE m."assetKind" = n."assetKind" AND m."assetKey" = n."assetKey"
  )
  ON CONFLICT ("assetKind", "assetKey") DO UPDATE SET
    "fixAt" = EXCLUDED."fixAt", "receivedAt" = EXCLUDED."receivedAt", lat = EXCLUDED.lat, lon = EXCLUDED.lon,
    "speedKnots" = EXCLUDED."speedKnots", "courseDeg" = EXCLUDED."courseDeg", "headingDeg" = EXCLUDED."headingDeg",
    "altitudeM" = EXCLUDED."altitudeM", status = EXCLUDED.status, source = EXCLUDED.source, "updatedAt" = now()
  WHERE "LatestPosition"."fixAt" < EXCLUDED."fixAt"
    OR "LatestPosition"."fixAt" > EXCLUDED."receivedAt" + make_interval(secs => $21::float8)
  RETURNING 1
),
events AS (
  INSERT INTO "GeofenceEvent" ("zoneId", "assetKind", "assetKey", transition, at, lat, lon)
  SELECT * FROM unnest($13::text[], $14::text[]::"AssetKind"[], $15::text[],
    $16::text[]::"GeofenceTransition"[], $17::timestamptz[], $18::float8[], $19::float8[])
)
SELECT (SELECT count(*) FROM history)::int AS inserted,
  ((SELECT count(*) FROM moved) + (SELECT count(*) FROM added))::int AS moved`;

const WRITE_BATCH = writeBatchSql(false);
const WRITE_BATCH_SKIPPING_REPEATS = writeBatchSql(true);

/**
 * The batch as one binary array per column (sql-arrays.ts), in one pass: this runs for every
 * fix (bench/fix-store.ts times it alone).
 */
export function columns(fixes: readonly Fix[]): Buffer[] {
  const n = fixes.length;
  const kind = new Array<string>(n);
  const key = new Array<string>(n);
  const fixAt = new Array<number>(n);
  const receivedAt = new Array<number>(n);
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
    fixAt[i] = fix.fixAt.getTime();
    receivedAt[i] = fix.receivedAt.getTime();
    lat[i] = fix.lat;
    lon[i] = fix.lon;
    speed[i] = fix.speedKnots;
    course[i] = fix.courseDeg;
    heading[i] = fix.headingDeg;
    altitude[i] = fix.altitudeM;
    status[i] = fix.status;
    source[i] = fix.source;
  }
  return [
    textArrayBinary(kind),
    textArrayBinary(key),
    float8ArrayBinary(fixAt),
    float8ArrayBinary(receivedAt),
    float8ArrayBinary(lat),
    float8ArrayBinary(lon),
    float8ArrayBinary(speed),
    float8ArrayBinary(course),
    float8ArrayBinary(heading),
    float8ArrayBinary(altitude),
    textArrayBinary(status),
    textArrayBinary(source),
  ];
}

/**
 * What a writer remembers of its last batch: whether it held fixes already stored. Such
 * fixes come in runs (a terminal sending again what it was not answered for in time, a bus
 * delivering again what a lost tracker had fetched), so the batch after one is written
 * skipping repeats at once, rather than written plainly, refused and written again.
 */
export type DuplicateMemory = { isExpected: boolean };

/**
 * Writes a batch of validated fixes in one statement: history, latest positions, and the
 * geofence transitions they caused, so all of it is stored together or not at all. Fixes
 * that are history only (isHistoryOnly) do not move latest positions. A writer passes the
 * same `memory` with each of its batches.
 */
export async function writeFixes(
  db: Pick<Db, 'sql'>,
  fixes: readonly Fix[],
  transitions: readonly GeofenceTransition[] = [],
  memory: DuplicateMemory = { isExpected: false },
): Promise<WriteResult> {
  if (fixes.length === 0) return { inserted: 0, duplicates: 0, latestMoved: 0 };
  try {
    return await writeBatch(db, fixes, transitions, memory);
  } catch (error) {
    if (!isMissingPartition(error)) throw error;
    // A day no partition holds: one the upkeep has not made ahead yet, or a day long past
    // whose partition was compacted away (a terminal's blind-area upload, a log replayed).
    // The statement wrote nothing, so make the days and write the batch again.
    await ensurePartitions(
      db,
      'PositionFix',
      fixes.map((fix) => spanOf('PositionFix', fix.fixAt.getTime())),
    );
    return writeBatch(db, fixes, transitions, memory);
  }
}

/** What the batch's statement answers: history rows written, latest positions moved. */
type Counts = { inserted: number; moved: number };

/** PostgreSQL's unique_violation: here, only a fix whose asset and time history holds. */
const isRepeatedFix = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

async function writeBatch(
  db: Pick<Db, 'sql'>,
  fixes: readonly Fix[],
  transitions: readonly GeofenceTransition[],
  memory: DuplicateMemory,
): Promise<WriteResult> {
  const parameters = [
    ...columns(fixes),
    textArray(transitions.map((t) => t.zoneId)),
    textArray(transitions.map((t) => t.assetKind)),
    textArray(transitions.map((t) => t.assetKey)),
    textArray(transitions.map((t) => t.transition)),
    textArray(transitions.map((t) => t.at.toISOString())),
    numberArray(transitions.map((t) => t.lat)),
    numberArray(transitions.map((t) => t.lon)),
    HISTORY_ONLY_AFTER_MS / 1000,
    MAX_FIX_AHEAD_MS / 1000,
  ];
  if (!memory.isExpected) {
    try {
      const { rows } = await db.sql.query<Counts>(WRITE_BATCH, parameters);
      return resultOf(fixes, rows[0]);
    } catch (error) {
      // The statement wrote nothing: the batch goes again, skipping what is stored.
      if (!isRepeatedFix(error)) throw error;
    }
  }
  const { rows } = await db.sql.query<Counts>(WRITE_BATCH_SKIPPING_REPEATS, parameters);
  const result = resultOf(fixes, rows[0]);
  memory.isExpected = result.duplicates > 0;
  return result;
}

function resultOf(fixes: readonly Fix[], counts: Counts | undefined): WriteResult {
  const { inserted, moved } = counts ?? { inserted: 0, moved: 0 };
  return { inserted, duplicates: fixes.length - inserted, latestMoved: moved };
}

/**
 * What the database knows of each asset, for the geofence engine's `restore`: its latest
 * stored fix and the zones whose last event for it is an ENTER. One statement for the lot.
 */
export async function loadPresence(
  db: Pick<Db, 'sql'>,
  assets: readonly { assetKind: AssetKind; assetKey: string }[],
): Promise<StoredPresence[]> {
  if (assets.length === 0) return [];
  const { rows } = await db.sql.query<{
    assetKind: AssetKind;
    assetKey: string;
    fixAt: Date | string | null;
    zoneIds: string[] | null;
    enteredAt: (Date | string)[] | null;
  }>(LOAD_PRESENCE, [
    textArray(assets.map((a) => a.assetKind)),
    textArray(assets.map((a) => a.assetKey)),
  ]);
  return rows.map((row) => ({
    assetKind: row.assetKind,
    assetKey: row.assetKey,
    fixAt: row.fixAt === null ? null : new Date(row.fixAt),
    zones: (row.zoneIds ?? []).map((zoneId, i) => ({
      zoneId,
      enteredAt: new Date(row.enteredAt?.[i] ?? 0),
    })),
  }));
}

const LOAD_PRESENCE = `
  WITH asset AS (
    SELECT * FROM unnest($1::"AssetKind"[], $2::text[]) AS asset(kind, key)
  )
  SELECT asset.kind AS "assetKind", asset.key AS "assetKey", latest."fixAt" AS "fixAt",
    inside."zoneIds", inside."enteredAt"
  FROM asset
  LEFT JOIN "LatestPosition" latest
    ON latest."assetKind" = asset.kind AND latest."assetKey" = asset.key
  LEFT JOIN LATERAL (
    SELECT array_agg(last."zoneId") AS "zoneIds", array_agg(last.at) AS "enteredAt"
    FROM (
      SELECT DISTINCT ON (e."zoneId") e."zoneId", e.transition, e.at
      FROM "GeofenceEvent" e
      WHERE e."assetKind" = asset.kind AND e."assetKey" = asset.key
      ORDER BY e."zoneId", e.at DESC, e.id DESC
    ) last WHERE last.transition = 'ENTER'
  ) inside ON true`;
