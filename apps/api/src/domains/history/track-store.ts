import type { Db } from '@harbor/db';
import type { AssetKind } from '@harbor/shared';
import {
  columnsOf,
  openSegment,
  pointsOf,
  sliceTrack,
  TrackBuilder,
  type TrackColumns,
  type TrackPoint,
} from './track-codec.ts';

/**
 * One asset's history read as one, wherever it is kept: raw rows in `PositionFix`, the raw
 * tables being compacted (`HistoryCompaction`), and compact segments (`TrackSegment`). The
 * same fix can be in two of them for a while (a segment is written before its raw table is
 * dropped): the merge keeps one per time, as the raw table's key did.
 */

export type TrackQuery = {
  assetKind: AssetKind;
  assetKey: string;
  /** Inclusive, unless `afterFrom`. */
  from: Date;
  /** Inclusive. */
  to: Date;
  /** Leave out a fix at exactly `from` (paging on from the last fix read). */
  afterFrom?: boolean;
  /** At most this many fixes, the oldest. */
  limit: number;
};

const RAW_COLUMNS = `(extract(epoch FROM "fixAt") * 1000)::float8 AS "fixAt",
  (extract(epoch FROM "receivedAt") * 1000)::float8 AS "receivedAt",
  lat, lon, "speedKnots", "courseDeg", "headingDeg", "altitudeM", status, source`;

const rawSelect = (table: string, afterFrom: boolean) => `SELECT ${RAW_COLUMNS} FROM "${table}"
  WHERE "assetKind" = $1::"AssetKind" AND "assetKey" = $2
    AND "fixAt" ${afterFrom ? '>' : '>='} $3 AND "fixAt" <= $4
  ORDER BY "fixAt" LIMIT $5`;

// Segments that overlap the range, through the (assetKind, assetKey, toAt) index.
const SEGMENTS = `SELECT payload, (extract(epoch FROM "fromAt") * 1000)::float8 AS "fromAt"
  FROM "TrackSegment"
  WHERE "assetKind" = $1::"AssetKind" AND "assetKey" = $2 AND "toAt" >= $3 AND "fromAt" <= $4
  ORDER BY "fromAt"`;

const COMPACTING = `SELECT "tableName" FROM "HistoryCompaction"
  WHERE "toAt" > $1 AND ("fromAt" IS NULL OR "fromAt" <= $2)`;

/** The asset's fixes in the range, oldest first, each time once. */
export async function readTrack(db: Pick<Db, 'sql'>, query: TrackQuery): Promise<TrackPoint[]> {
  return pointsOf(await readTrackColumns(db, query));
}

/**
 * readTrack as columns: a long track (a month of a truck is 100,000 fixes and more) without an
 * object per fix, which costs more in allocation and garbage collection than decoding does.
 */
export async function readTrackColumns(
  db: Pick<Db, 'sql'>,
  query: TrackQuery,
): Promise<TrackColumns> {
  try {
    return await readOnce(db, query);
  } catch (error) {
    // A table being compacted was dropped between listing it and reading it: its fixes are
    // in segments now, and a second read finds them there.
    if ((error as { code?: unknown }).code !== '42P01') throw error;
    return readOnce(db, query);
  }
}

async function readOnce(db: Pick<Db, 'sql'>, query: TrackQuery): Promise<TrackColumns> {
  const { assetKind, assetKey, from, to, limit } = query;
  const afterFrom = query.afterFrom ?? false;
  const params = [assetKind, assetKey, from, to, limit];
  const compacting = await db.sql.query<{ tableName: string }>(COMPACTING, [from, to]);
  const raw = await Promise.all(
    ['PositionFix', ...compacting.rows.map((row) => row.tableName)].map(async (table) =>
      columnsOf((await db.sql.query<TrackPoint>(rawSelect(table, afterFrom), params)).rows),
    ),
  );
  // Segments last, never beside the raw reads: a compaction that writes its last segments and
  // drops its table between the two would otherwise leave those fixes in neither read.
  const segments = await db.sql.query<{ payload: Uint8Array; fromAt: number }>(SEGMENTS, [
    assetKind,
    assetKey,
    from,
    to,
  ]);
  const pieces: Piece[] = [
    ...raw
      .filter((track) => track.length > 0)
      .map((track) => ({
        first: track.fixAt[0] as number,
        count: track.length,
        append: (builder: TrackBuilder) => builder.appendTrack(track),
      })),
    ...segments.rows.map((row) => {
      const segment = openSegment(row.payload);
      return {
        first: row.fromAt,
        count: segment.count,
        append: (builder: TrackBuilder) => builder.appendSegment(segment),
      };
    }),
  ];
  const fromMs = afterFrom ? from.getTime() + 1 : from.getTime();
  return merge(pieces, fromMs, to.getTime(), limit);
}

/** Raw rows or a segment, with the time of its first fix. */
type Piece = {
  first: number;
  count: number;
  append: (builder: TrackBuilder) => void;
};

/**
 * The pieces' fixes from `fromMs` to `toMs` (inclusive) in time order, the first of each time
 * kept, cut at `limit`.
 */
function merge(pieces: Piece[], fromMs: number, toMs: number, limit: number): TrackColumns {
  // Usually: segments of successive days, then the hot rows, each after the one before.
  // Laid end to end in one set of columns they are in order, so a long track is decoded
  // straight into place and never sorted.
  const inOrder = pieces
    .map((piece, rank) => ({ piece, rank }))
    .sort((a, b) => a.piece.first - b.piece.first);
  const builder = new TrackBuilder(pieces.reduce((sum, piece) => sum + piece.count, 0));
  for (const { piece } of inOrder) piece.append(builder);
  const track = builder.finish();
  // The times stored beside a segment are checked against its fixes, not trusted.
  if (!isStrictlyIncreasing(track.fixAt)) {
    return mergeOverlapping(track, inOrder, fromMs, toMs, limit);
  }
  const first = firstAtOrAfter(track.fixAt, fromMs);
  const end = Math.min(firstAtOrAfter(track.fixAt, toMs + 1), first + limit);
  return first === 0 && end === track.length ? track : sliceTrack(track, first, end);
}

function isStrictlyIncreasing(times: Float64Array): boolean {
  for (let i = 1; i < times.length; i++) {
    if ((times[i] as number) <= (times[i - 1] as number)) return false;
  }
  return true;
}

/**
 * Overlapping pieces: the same fixes in a segment and in a raw table not dropped yet, or a
 * late fix compacted into a segment of its own. Rare and short: merged as points. Of fixes
 * at the same time, the one from the piece read first (its `rank`) is kept: raw rows are
 * read before segments, so a raw row wins. `track` holds the pieces laid out as `laidOut`.
 */
function mergeOverlapping(
  track: TrackColumns,
  laidOut: readonly { piece: Piece; rank: number }[],
  fromMs: number,
  toMs: number,
  limit: number,
): TrackColumns {
  const ranks = laidOut.flatMap(({ piece, rank }) => Array<number>(piece.count).fill(rank));
  const points = pointsOf(track)
    .map((point, i) => ({ point, rank: ranks[i] as number }))
    .filter(({ point }) => point.fixAt >= fromMs && point.fixAt <= toMs)
    .sort((a, b) => a.point.fixAt - b.point.fixAt || a.rank - b.rank)
    .map(({ point }) => point)
    .filter((point, i, all) => i === 0 || (all[i - 1] as TrackPoint).fixAt !== point.fixAt);
  return columnsOf(points.slice(0, limit));
}

/** Binary search: the index of the first time at or after `ms`. */
function firstAtOrAfter(times: Float64Array, ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}
