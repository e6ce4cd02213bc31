import type { Db, SqlDriver } from '@harbor/db';

/**
 * The partitions of position history, kept by Harbor itself with PostgreSQL's declarative
 * partitioning (no extension): raw fixes (`PositionFix`) by UTC day of `fixAt`, compact
 * segments (`TrackSegment`) by week of `expiresOn`. The same SQL runs on PostgreSQL and PGlite.
 *
 * Locks, because ingest must never wait on history upkeep: a partition is created as a plain
 * table and then attached (ATTACH takes SHARE UPDATE EXCLUSIVE on the parent, which inserts do
 * not conflict with; CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE), and taken away
 * with DETACH … CONCURRENTLY before it is dropped (DROP on an attached partition would lock
 * the parent against every insert until it got its turn).
 */

export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type HistoryTable = 'PositionFix' | 'TrackSegment';

/** A partition and its range; `from` null: MINVALUE (the table from before partitioning). */
export type Partition = { name: string; from: number | null; to: number };

/** A range of one partition to be: [from, to) in ms since the epoch. */
export type Span = { from: number; to: number };

/** UTC midnight at or before `ms`. */
export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** The UTC Monday at or before `ms` (the epoch was a Thursday). */
export const utcWeek = (ms: number): number =>
  Math.floor((ms + 3 * DAY_MS) / WEEK_MS) * WEEK_MS - 3 * DAY_MS;

/** The partition a value of the table's partition key belongs in, as a span. */
export function spanOf(table: HistoryTable, ms: number): Span {
  if (table === 'PositionFix') {
    const from = utcDay(ms);
    return { from, to: from + DAY_MS };
  }
  const from = utcWeek(ms);
  return { from, to: from + WEEK_MS };
}

const yyyymmdd = (ms: number): string =>
  new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
const prefix: Record<HistoryTable, string> = { PositionFix: 'p', TrackSegment: 'e' };
// The partition key's SQL type: bounds are written as literals of it.
const literal = (table: HistoryTable, ms: number): string =>
  table === 'PositionFix' ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 10);

// Bounds come back as text in the session's time zone and date style: turned into epoch ms
// by PostgreSQL itself. A date bound is midnight UTC of that date (`::timestamp` has no zone).
const LIST = `
  SELECT c.relname AS name, i.inhdetachpending AS pending,
    (regexp_match(b.bound, 'FROM \\(''([^'']*)''\\)'))[1] AS "fromText",
    (regexp_match(b.bound, 'TO \\(''([^'']*)''\\)'))[1] AS "toText"
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  CROSS JOIN LATERAL (SELECT pg_get_expr(c.relpartbound, c.oid) AS bound) b
  WHERE i.inhparent = $1::regclass`;

type ListedRow = { name: string; pending: boolean; fromText: string | null; toText: string | null };

async function epochMs(
  sql: Pick<SqlDriver, 'query'>,
  table: HistoryTable,
  text: string,
): Promise<number> {
  const cast = table === 'PositionFix' ? '$1::timestamptz' : '$1::date::timestamp';
  const { rows } = await sql.query<{ ms: number | string }>(
    `SELECT (extract(epoch FROM ${cast}) * 1000)::float8 AS ms`,
    [text],
  );
  return Number(rows[0]?.ms);
}

/** The table's attached partitions, oldest first; one a DETACH CONCURRENTLY left half way is finished first. */
export async function listPartitions(
  sql: Pick<SqlDriver, 'query' | 'exec'>,
  table: HistoryTable,
): Promise<Partition[]> {
  const { rows } = await sql.query<ListedRow>(LIST, [`"${table}"`]);
  const partitions: Partition[] = [];
  for (const row of rows) {
    if (row.pending) {
      // A detach interrupted between its two transactions: it must be finished before
      // anything else can change the parent's partitions.
      await sql.exec(`ALTER TABLE "${table}" DETACH PARTITION "${row.name}" FINALIZE`);
      continue;
    }
    if (row.toText === null) continue;
    partitions.push({
      name: row.name,
      from: row.fromText === null ? null : await epochMs(sql, table, row.fromText),
      to: await epochMs(sql, table, row.toText),
    });
  }
  return partitions.sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
}

const overlaps = (partition: Partition, span: Span): boolean =>
  (partition.from ?? -Infinity) < span.to && partition.to > span.from;

// One lock for every change to the history partitions, so two processes (two trackers, or a
// tracker and the compactor) never create the same partition at once.
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('harbor.history-partitions'))`;

/**
 * Creates, in one transaction, a partition for each span that no partition covers yet.
 * Returns the names created. A span partly covered is left alone (spans are whole days or
 * weeks, as every partition Harbor makes).
 */
export async function ensurePartitions(
  db: Pick<Db, 'sql'>,
  table: HistoryTable,
  spans: readonly Span[],
): Promise<string[]> {
  if (spans.length === 0) return [];
  return db.sql.transaction(async (tx) => {
    await tx.query(LOCK);
    const existing = await listPartitions(tx, table);
    const created: string[] = [];
    const wanted = [...new Map(spans.map((span) => [span.from, span])).values()];
    for (const span of wanted.sort((a, b) => a.from - b.from)) {
      if (existing.some((partition) => overlaps(partition, span))) continue;
      const name = await freeName(tx, `${table}_${prefix[table]}${yyyymmdd(span.from)}`);
      await tx.exec(
        `CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING STORAGE);
         ALTER TABLE "${table}" ATTACH PARTITION "${name}"
           FOR VALUES FROM ('${literal(table, span.from)}') TO ('${literal(table, span.to)}')`,
      );
      existing.push({ name, ...span });
      created.push(name);
    }
    return created;
  });
}

/** `base`, or `base_2`, `base_3`… when a table being compacted still has that name. */
async function freeName(sql: Pick<SqlDriver, 'query'>, base: string): Promise<string> {
  const { rows } = await sql.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relname = $1 OR relname LIKE $2`,
    [base, `${base}\\_%`],
  );
  const taken = new Set(rows.map((row) => row.relname));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/**
 * Takes a partition out of its table without blocking writers to the others: on PostgreSQL
 * with DETACH … CONCURRENTLY (two transactions, finished by `listPartitions` if interrupted).
 * PGlite has one connection and no concurrent writer to spare, so a plain DETACH does.
 */
export async function detachPartition(
  db: Pick<Db, 'sql' | 'kind'>,
  table: HistoryTable,
  name: string,
): Promise<void> {
  const how = db.kind === 'postgres' ? ' CONCURRENTLY' : '';
  await db.sql.exec(`ALTER TABLE "${table}" DETACH PARTITION "${name}"${how}`);
}

/** The spans of the partitions for `days` days from `now` on (today included). */
export function daysAhead(now: number, days: number): Span[] {
  const today = utcDay(now);
  return Array.from({ length: days + 1 }, (_, i) => ({
    from: today + i * DAY_MS,
    to: today + (i + 1) * DAY_MS,
  }));
}

/** Whether a database error is PostgreSQL's "no partition of relation … found for row". */
export function isMissingPartition(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '23514' && typeof message === 'string' && message.includes('no partition');
}
