import type { Db, DbKind } from '@harbor/db';
import type { AssetKind } from '@harbor/shared';
import {
  DAY_MS,
  detachPartition,
  ensurePartitions,
  listPartitions,
  spanOf,
  utcDay,
} from '../../pipeline/history-partitions.ts';
import { numberArray, textArray } from '../../pipeline/sql-arrays.ts';
import type { HistoryPolicy } from './policy.ts';
import { type RetentionLookup, retentionLookup } from './retention.ts';
import { encodeTrack, type TrackPoint } from './track-codec.ts';

/**
 * Compaction: a raw history partition whose whole day is past the hot window is taken out of
 * `PositionFix` (detached, so late fixes for that day make a new partition instead of racing
 * the compactor), packed per asset and UTC day into `TrackSegment` rows, then dropped whole.
 *
 * Crash safety: the partition is recorded in `HistoryCompaction` before it is detached, and
 * the segments of each chunk are written in one transaction with the cursor of the last fix
 * they hold, so a compactor that dies resumes after the last chunk it wrote; the table is
 * dropped in the transaction that removes its record. Track reads include a table while its
 * record exists (track-store.ts), so a track never misses the fixes being compacted.
 */

export type CompactionReport = {
  /** Raw tables compacted and dropped. */
  tables: number;
  fixes: number;
  segments: number;
  /** Fixes past their retention already, not written. */
  expired: number;
};

/**
 * Rows read per chunk: a few MB, and one transaction of segments per chunk. PGlite has one
 * connection for everything: while a chunk is read or its segments written, the tracker's
 * writes wait, so there a chunk is a fifth as long (docs/benchmarks.md, "History": with
 * 50,000 ingest at half its rate fell 16% behind and waited up to 1.2 s).
 */
const CHUNK: Record<DbKind, number> = { postgres: 50_000, pglite: 10_000 };

/**
 * Compaction is background work on the cores ingest needs: after each chunk it rests as long
 * as the chunk took, so it takes at most about half of a machine that ingest keeps busy; and
 * while ingest spends most of its time writing (it is near what it can take) it rests nine
 * times as long, a tenth of the machine. Flat out it packs about 145,000 fixes/s on
 * PostgreSQL (docs/benchmarks.md, "History"), so even at a tenth it follows a day of 14,000
 * fixes/s; with a day due for a day already it keeps to half whatever ingest does, so it
 * always catches up.
 */
const REST_PER_WORK = 1;
const REST_PER_WORK_BESIDE_BUSY_INGEST = 9;

/** The share of its recent time ingest spent writing above which it counts as busy. */
export const INGEST_BUSY = 0.7;

/** How compaction shares the machine with ingest. */
export type CompactionPace = {
  /** Share of its recent time the tracker spent writing (its BusyMeter); left out: idle. */
  ingestBusy?: () => number;
  /** Measures a chunk's work; performance.now by default. */
  clock?: () => number;
  /** Waits between chunks; a timer by default. */
  rest?: (ms: number) => Promise<unknown>;
};

/** How long to rest after a chunk that took `workMs`. */
export function restAfter(workMs: number, ingestBusy: number, isDayBehind: boolean): number {
  const perWork =
    ingestBusy > INGEST_BUSY && !isDayBehind ? REST_PER_WORK_BESIDE_BUSY_INGEST : REST_PER_WORK;
  return workMs * perWork;
}

/** Encoding yields to the event loop this often, so the tracker's own work never waits long. */
const SLICE_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));

/** A raw fix of the table being compacted: its asset, and what a segment keeps of it. */
type RawRow = TrackPoint & { assetKind: AssetKind; assetKey: string };

type Cursor = { kind: AssetKind; key: string; at: number } | null;

type CompactionRow = {
  tableName: string;
  cursorKind: AssetKind | null;
  cursorKey: string | null;
  cursorMs: number | null;
  toMs: number;
};

/** Compacts every raw partition due at `now`, first finishing any a previous run left. */
export async function compactDue(
  db: Pick<Db, 'sql' | 'kind'>,
  policy: Pick<HistoryPolicy, 'hotDays' | 'keepDays'>,
  now: number,
  pace: CompactionPace = {},
): Promise<CompactionReport> {
  const report: CompactionReport = { tables: 0, fixes: 0, segments: 0, expired: 0 };
  const retention = await retentionLookup(db, policy.keepDays);
  const hotFrom = utcDay(now) - policy.hotDays * DAY_MS;
  const partitions = await listPartitions(db.sql, 'PositionFix');
  for (const partition of partitions) {
    if (partition.to > hotFrom) continue;
    // Recorded first: a crash between these two statements leaves a record whose table is
    // still attached, which the loop below detaches again.
    await db.sql.query(
      `INSERT INTO "HistoryCompaction" ("tableName", "fromAt", "toAt")
       VALUES ($1, to_timestamp($2::float8 / 1000), to_timestamp($3::float8 / 1000))
       ON CONFLICT ("tableName") DO NOTHING`,
      [partition.name, partition.from, partition.to],
    );
  }
  const { rows } = await db.sql.query<CompactionRow>(
    `SELECT "tableName", "cursorKind", "cursorKey",
       (extract(epoch FROM "cursorAt") * 1000)::float8 AS "cursorMs",
       (extract(epoch FROM "toAt") * 1000)::float8 AS "toMs"
     FROM "HistoryCompaction" ORDER BY "toAt"`,
  );
  const attached = new Set(partitions.map((partition) => partition.name));
  for (const row of rows) {
    const { rows: found } = await db.sql.query<{ exists: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [`"${row.tableName}"`],
    );
    if (!found[0]?.exists) {
      // Dropped by hand: nothing is left to compact, and the record would stop every round.
      await db.sql.query(`DELETE FROM "HistoryCompaction" WHERE "tableName" = $1`, [row.tableName]);
      continue;
    }
    if (attached.has(row.tableName)) await detachPartition(db, 'PositionFix', row.tableName);
    const cursor: Cursor =
      row.cursorKind && row.cursorKey !== null && row.cursorMs !== null
        ? { kind: row.cursorKind, key: row.cursorKey, at: row.cursorMs }
        : null;
    // Due a day ago or more: compaction has fallen behind the days ingest fills.
    const isDayBehind = row.toMs < hotFrom - DAY_MS;
    await compactTable(db, row.tableName, cursor, { retention, now, report, pace, isDayBehind });
    report.tables++;
  }
  return report;
}

const SELECT_RAW = (table: string, after: boolean) => `
  SELECT "assetKind", "assetKey", (extract(epoch FROM "fixAt") * 1000)::float8 AS "fixAt",
    (extract(epoch FROM "receivedAt") * 1000)::float8 AS "receivedAt",
    lat, lon, "speedKnots", "courseDeg", "headingDeg", "altitudeM", status, source
  FROM "${table}"
  ${after ? `WHERE ("assetKind", "assetKey", "fixAt") > ($2::"AssetKind", $3, to_timestamp($4::float8 / 1000))` : ''}
  ORDER BY "assetKind", "assetKey", "fixAt"
  LIMIT $1`;

async function compactTable(
  db: Pick<Db, 'sql' | 'kind'>,
  table: string,
  start: Cursor,
  round: {
    retention: RetentionLookup;
    now: number;
    report: CompactionReport;
    pace: CompactionPace;
    /** The table was due a day ago or more. */
    isDayBehind: boolean;
  },
): Promise<void> {
  const { retention, now, report, pace } = round;
  const clock = pace.clock ?? (() => performance.now());
  let cursor = start;
  const chunk = CHUNK[db.kind];
  for (;;) {
    const started = clock();
    const { rows } = await db.sql.query<RawRow>(
      SELECT_RAW(table, cursor !== null),
      cursor ? [chunk, cursor.kind, cursor.key, cursor.at] : [chunk],
    );
    if (rows.length === 0) break;
    const runs = runsOf(rows);
    const isFull = rows.length === chunk;
    // A full chunk may end inside a run: leave that run to the next chunk, unless it is the
    // only one (one asset's day longer than a chunk: it is then split over two segments).
    if (isFull && runs.length > 1) runs.pop();
    await writeSegments(db, table, runs, retention, now, report);
    const restMs = restAfter(clock() - started, pace.ingestBusy?.() ?? 0, round.isDayBehind);
    await (pace.rest ?? sleep)(restMs);
    const last = runs.at(-1)?.at(-1) as RawRow;
    cursor = { kind: last.assetKind, key: last.assetKey, at: last.fixAt };
    if (!isFull) break;
  }
  await db.sql.transaction(async (tx) => {
    await tx.exec(`DROP TABLE IF EXISTS "${table}"`);
    await tx.query(`DELETE FROM "HistoryCompaction" WHERE "tableName" = $1`, [table]);
  });
}

/** The rows cut into runs of one asset and one UTC day, in the rows' order. */
function runsOf(rows: readonly RawRow[]): RawRow[][] {
  const runs: RawRow[][] = [];
  let run: RawRow[] = [];
  for (const row of rows) {
    const first = run[0];
    if (
      first &&
      (first.assetKind !== row.assetKind ||
        first.assetKey !== row.assetKey ||
        utcDay(first.fixAt) !== utcDay(row.fixAt))
    ) {
      runs.push(run);
      run = [];
    }
    run.push(row);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const INSERT_SEGMENTS = `
  INSERT INTO "TrackSegment" ("assetKind", "assetKey", "fromAt", "toAt", "fixCount", "expiresOn", payload)
  SELECT kind, key, to_timestamp(from_ms / 1000), to_timestamp(to_ms / 1000), count,
    (to_timestamp(expires_ms / 1000) AT TIME ZONE 'UTC')::date, decode(payload, 'hex')
  FROM unnest($1::text[]::"AssetKind"[], $2::text[], $3::float8[], $4::float8[], $5::int[],
    $6::float8[], $7::text[]) AS s(kind, key, from_ms, to_ms, count, expires_ms, payload)`;

async function writeSegments(
  db: Pick<Db, 'sql'>,
  table: string,
  runs: readonly RawRow[][],
  retention: RetentionLookup,
  now: number,
  report: CompactionReport,
): Promise<void> {
  const keepDays = await retention.keepDaysOf(
    runs.map((run) => ({
      assetKind: (run[0] as RawRow).assetKind,
      assetKey: (run[0] as RawRow).assetKey,
    })),
  );
  const segments: {
    first: RawRow;
    last: RawRow;
    count: number;
    expires: number;
    payload: string;
  }[] = [];
  let sliceStarted = performance.now();
  for (const [i, run] of runs.entries()) {
    if (performance.now() - sliceStarted > SLICE_MS) {
      await yieldToEvents();
      sliceStarted = performance.now();
    }
    const first = run[0] as RawRow;
    const lastFix = run.at(-1) as RawRow;
    // Kept `keepDays` after the day it ends; the partition of its expiry week goes when the
    // whole week has passed, so a track stays up to six days longer, never shorter.
    const expires = utcDay(lastFix.fixAt) + ((keepDays[i] as number) + 1) * DAY_MS;
    report.fixes += run.length;
    if (expires <= utcDay(now)) {
      report.expired += run.length;
      continue;
    }
    segments.push({
      first,
      last: lastFix,
      count: run.length,
      expires,
      payload: Buffer.from(encodeTrack(run)).toString('hex'),
    });
  }
  const cursor = runs.at(-1)?.at(-1) as RawRow;
  if (segments.length > 0)
    await ensurePartitions(
      db,
      'TrackSegment',
      segments.map((segment) => spanOf('TrackSegment', segment.expires)),
    );
  await db.sql.transaction(async (tx) => {
    if (segments.length > 0)
      await tx.query(INSERT_SEGMENTS, [
        textArray(segments.map((s) => s.first.assetKind)),
        textArray(segments.map((s) => s.first.assetKey)),
        numberArray(segments.map((s) => s.first.fixAt)),
        numberArray(segments.map((s) => s.last.fixAt)),
        numberArray(segments.map((s) => s.count)),
        numberArray(segments.map((s) => s.expires)),
        textArray(segments.map((s) => s.payload)),
      ]);
    await tx.query(
      `UPDATE "HistoryCompaction" SET "cursorKind" = $2::"AssetKind", "cursorKey" = $3,
         "cursorAt" = to_timestamp($4::float8 / 1000), segments = segments + $5, fixes = fixes + $6
       WHERE "tableName" = $1`,
      [table, cursor.assetKind, cursor.assetKey, cursor.fixAt, segments.length, runs.flat().length],
    );
  });
  report.segments += segments.length;
}
