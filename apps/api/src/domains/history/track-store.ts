import type { Db } from '@harbor/db';
import type { AssetKind } from '@harbor/shared';
import {
  columnsOf,
  decodeColumns,
  NUMBER_COLUMNS,
  pointsOf,
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
const SEGMENTS = `SELECT payload FROM "TrackSegment"
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
  const segments = await db.sql.query<{ payload: Uint8Array }>(SEGMENTS, [
    assetKind,
    assetKey,
    from,
    to,
  ]);
  const fromMs = afterFrom ? from.getTime() + 1 : from.getTime();
  const toMs = to.getTime();
  const compact = segments.rows.map((row) => within(decodeColumns(row.payload), fromMs, toMs));
  return merge([...raw, ...compact], limit);
}

/** The fixes of a track from `fromMs` to `toMs` (inclusive); views, not copies, of its columns. */
function within(track: TrackColumns, fromMs: number, toMs: number): TrackColumns {
  const first = firstAtOrAfter(track.fixAt, fromMs);
  const end = firstAtOrAfter(track.fixAt, toMs + 1);
  return first === 0 && end === track.length ? track : slice(track, first, end);
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

function slice(track: TrackColumns, from: number, to: number): TrackColumns {
  return {
    length: to - from,
    fixAt: track.fixAt.subarray(from, to),
    receivedAt: track.receivedAt.subarray(from, to),
    lat: track.lat.subarray(from, to),
    lon: track.lon.subarray(from, to),
    speedKnots: track.speedKnots.subarray(from, to),
    courseDeg: track.courseDeg.subarray(from, to),
    headingDeg: track.headingDeg.subarray(from, to),
    altitudeM: track.altitudeM.subarray(from, to),
    status: track.status.slice(from, to),
    source: track.source.slice(from, to),
  };
}

/** Time-ordered tracks merged into one, the first of each time kept, cut at `limit`. */
function merge(tracks: TrackColumns[], limit: number): TrackColumns {
  const inOrder = tracks
    .filter((track) => track.length > 0)
    .sort((a, b) => (a.fixAt[0] as number) - (b.fixAt[0] as number));
  const isDisjoint = inOrder.every(
    (track, i) =>
      i === 0 ||
      ((inOrder[i - 1] as TrackColumns).fixAt.at(-1) as number) < (track.fixAt[0] as number),
  );
  if (!isDisjoint) {
    // Overlapping tracks: the same fixes in a segment and in a raw table not dropped yet, or
    // a late fix compacted into a segment of its own. Rare and short: merged as points; the
    // sort is stable, and raw tracks come first in `tracks`, so a raw row wins.
    const points = tracks
      .flatMap((track) => pointsOf(track))
      .sort((a, b) => a.fixAt - b.fixAt)
      .filter((point, i, all) => i === 0 || (all[i - 1] as TrackPoint).fixAt !== point.fixAt);
    return columnsOf(points.slice(0, limit));
  }
  // Usually: segments of successive days, then the hot rows, each after the one before.
  // Laid end to end they are in order, so a long track is copied once and never sorted.
  if (inOrder.length === 1) {
    const only = inOrder[0] as TrackColumns;
    return only.length <= limit ? only : slice(only, 0, limit);
  }
  const total = Math.min(
    limit,
    inOrder.reduce((sum, track) => sum + track.length, 0),
  );
  const out = columnsOf([]);
  out.length = total;
  for (const column of NUMBER_COLUMNS) {
    const values = new Float64Array(total);
    let at = 0;
    for (const track of inOrder) {
      if (at >= total) break;
      values.set(track[column].subarray(0, total - at), at);
      at += track.length;
    }
    out[column] = values;
  }
  // concat copies natively, far faster than an element at a time.
  const status = out.status.concat(...inOrder.map((track) => track.status));
  const source = out.source.concat(...inOrder.map((track) => track.source));
  out.status = status.length > total ? status.slice(0, total) : status;
  out.source = source.length > total ? source.slice(0, total) : source;
  return out;
}
