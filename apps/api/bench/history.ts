import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db, migrate } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import { BusyMeter } from '../src/core/busy-meter.ts';
import { DEFAULT_HISTORY_POLICY } from '../src/domains/history/policy.ts';
import { readTrack, readTrackColumns } from '../src/domains/history/track-store.ts';
import { runUpkeep } from '../src/domains/history/upkeep.ts';
import { writeFixes } from '../src/pipeline/fix-store.ts';
import { DAY_MS, listPartitions } from '../src/pipeline/history-partitions.ts';
import { fleetFixes } from '../test/fleet-fixes.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import { postgresCpuSeconds } from './cpu.ts';
import { fmt } from './format.ts';
import { simulatedFixes } from './simulated-day.ts';

// `pnpm --filter @harbor/api bench:history`: history at rest, on PGlite in a fresh data
// directory (HISTORY_PGLITE_DIR=memory:// keeps it in memory) and, when BENCH_DATABASE_URL is
// set, on that PostgreSQL database (dropped and made again; HISTORY_PGLITE=0 runs it alone).
//
// 1. A realistic day: the simulator's Port of Shanghai fleet (HISTORY_TRUCKS trucks, 500 by
//    default, and 30 ships) over one UTC day, through the JT/T 808 and AIS codecs, written
//    as the tracker writes. Bytes per fix of its raw partition (pg_total_relation_size:
//    table, indexes and TOAST).
// 2. Compaction of that day: fixes/s, and CPU per fix of Harbor (this process) and of
//    PostgreSQL; then bytes per fix of the compact segments.
// 3. A month of HISTORY_MONTH_TRUCKS trucks (20), compacted: one truck's track over a day and
//    over the month read from compact history, p50/p99 of 200 reads each.
// 4. Ingest while upkeep runs: fixes/s of the tracker's writes alone, then while a
//    compaction and a retention run go on at the same time.

const TRUCKS = Number(process.env.HISTORY_TRUCKS ?? 500);
const MONTH_TRUCKS = Number(process.env.HISTORY_MONTH_TRUCKS ?? 20);
const VESSELS = 30;
/** Reports of each of 10,000 trucks in each ingest run: 500,000 fixes, a few seconds flat out. */
const INGEST_REPORTS = 50;
// Days after the first partition (everything before the migration's next day), so each has its own.
const DAY = Date.parse('2027-06-01T00:00:00Z');
const MONTH = Date.parse('2027-03-01T00:00:00Z');
const policy = { ...DEFAULT_HISTORY_POLICY, keepDays: 3_650 };

async function writeAll(db: Db, batches: Iterable<Fix[]>): Promise<number> {
  let written = 0;
  for (const batch of batches) written += (await writeFixes(db, batch)).inserted;
  return written;
}

async function bytesOf(db: Db, tables: string[]): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const { rows } = await db.sql.query<{ bytes: string }>(
      `SELECT pg_total_relation_size($1::regclass)::text AS bytes`,
      [`"${table}"`],
    );
    total += Number(rows[0]?.bytes ?? 0);
  }
  return total;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function timeReads(
  db: Db,
  keys: string[],
  from: number,
  to: number,
  read: typeof readTrackColumns | typeof readTrack = readTrackColumns,
) {
  const times: number[] = [];
  let fixes = 0;
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    const track = await read(db, {
      assetKind: 'VEHICLE',
      assetKey: keys[i % keys.length] as string,
      from: new Date(from),
      to: new Date(to),
      limit: 1_000_000,
    });
    times.push(performance.now() - started);
    fixes += track.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), fixes: fixes / 200 };
}

/** The tracker's measure of how busy its writes keep it, which compaction yields to. */
const writing = new BusyMeter();

/**
 * 500,000 fixes of the present written as the tracker writes them, in batches of 2,000: as
 * fast as the store takes them (`rate` null), or offered at `rate` fixes/s. Returns the
 * rate achieved and how far the writes fell behind the offer at worst.
 */
async function ingest(db: Db, round: number, rate: number | null) {
  const fixes = fleetFixes({
    assets: 10_000,
    perAsset: INGEST_REPORTS,
    prefix: '0136',
    t0: Date.now() - 3 * 3_600_000 + round * 1_800_000,
  });
  const started = performance.now();
  let lagMs = 0;
  for (let i = 0; i < fixes.length; i += 2_000) {
    if (rate !== null) {
      const due = started + (i / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else lagMs = Math.max(lagMs, -wait);
    }
    writing.begin();
    await writeFixes(db, fixes.slice(i, i + 2_000));
    writing.end();
  }
  return { rate: fixes.length / ((performance.now() - started) / 1000), lagMs };
}

async function run(label: string, databaseUrl: string | undefined, dataDir?: string) {
  const db = await createDb({ databaseUrl, dataDir, maxConnections: 4 });
  try {
    await migrate(db);
    const postgres = databaseUrl !== undefined;
    console.log(`\n${label}`);

    // 1. A realistic day.
    const dayFixes = await writeAll(
      db,
      simulatedFixes({ start: DAY, hours: 24, trucks: TRUCKS, vessels: VESSELS }),
    );
    const dayTable = (await listPartitions(db.sql, 'PositionFix')).find(
      (partition) => partition.from === DAY,
    );
    if (!dayTable) throw new Error('the day has no partition of its own');
    const hotBytes = await bytesOf(db, [dayTable.name]);
    console.log(
      `  a day of ${TRUCKS} trucks and ${VESSELS} ships: ${fmt(dayFixes)} fixes, raw ${fmt(hotBytes / 2 ** 20)} MiB = ${(hotBytes / dayFixes).toFixed(1)} bytes/fix`,
    );

    // 2. Compaction.
    const cpu = { node: process.cpuUsage(), postgres: postgresCpuSeconds() };
    const started = performance.now();
    const report = await runUpkeep(db, policy, DAY + (policy.hotDays + 1) * DAY_MS);
    const seconds = (performance.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(cpu.node);
    const nodeSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
    const perFix = (s: number) => `${((s * 1e6) / report.fixes).toFixed(2)} µs`;
    const segmentTables = (await listPartitions(db.sql, 'TrackSegment')).map((p) => p.name);
    const compactBytes = await bytesOf(db, segmentTables);
    console.log(
      `  compaction: ${fmt(report.fixes)} fixes in ${seconds.toFixed(1)} s = ${fmt(report.fixes / seconds)} fixes/s, ${fmt(report.segments)} segments; CPU per fix: ${
        postgres
          ? `Harbor ${perFix(nodeSeconds)}, PostgreSQL ${perFix(postgresCpuSeconds() - cpu.postgres)}`
          : `${perFix(nodeSeconds)} (PGlite in this process)`
      }; ${fmt(report.fixes / nodeSeconds)} fixes per CPU-second of this process`,
    );
    console.log(
      `  compact: ${fmt(compactBytes / 2 ** 10)} KiB = ${(compactBytes / dayFixes).toFixed(2)} bytes/fix (table, index and TOAST), ${(hotBytes / compactBytes).toFixed(1)}× smaller`,
    );

    // 3. Track reads from compact history.
    const monthFixes = await writeAll(
      db,
      simulatedFixes({
        start: MONTH,
        hours: 30 * 24,
        trucks: MONTH_TRUCKS,
        vessels: 0,
        seed: 'history-bench-month',
        batch: 20_000,
      }),
    );
    await runUpkeep(db, policy, MONTH + 40 * DAY_MS);
    const { rows } = await db.sql.query<{ assetKey: string }>(
      `SELECT DISTINCT "assetKey" FROM "TrackSegment" WHERE "fromAt" >= $1 AND "toAt" < $2 AND "assetKind" = 'VEHICLE'`,
      [new Date(MONTH), new Date(MONTH + 31 * DAY_MS)],
    );
    const keys = rows.map((row) => row.assetKey);
    const day = await timeReads(db, keys, MONTH + 10 * DAY_MS, MONTH + 11 * DAY_MS);
    const month = await timeReads(db, keys, MONTH, MONTH + 30 * DAY_MS);
    const monthPoints = await timeReads(db, keys, MONTH, MONTH + 30 * DAY_MS, readTrack);
    console.log(
      `  reads (${fmt(monthFixes)} fixes of ${keys.length} trucks over 30 days, compacted), one truck's track as columns: a day (${fmt(day.fixes)} fixes) p50 ${day.p50.toFixed(1)} ms, p99 ${day.p99.toFixed(1)} ms; a month (${fmt(month.fixes)} fixes) p50 ${month.p50.toFixed(1)} ms, p99 ${month.p99.toFixed(1)} ms; the month as objects p50 ${monthPoints.p50.toFixed(1)} ms, p99 ${monthPoints.p99.toFixed(1)} ms`,
    );

    // 4. Ingest alone, then beside a compaction and a retention run: flat out, and offered
    // at half of what it took alone (a deployment's headroom).
    const alone = await ingest(db, 0, null);
    const half = alone.rate / 2;
    const aloneHalf = await ingest(db, 1, half);
    await writeAll(
      db,
      simulatedFixes({ start: DAY + DAY_MS, hours: 24, trucks: TRUCKS / 5, vessels: VESSELS }),
    );
    let upkeepSeconds = 0;
    let upkeepDone = false;
    let upkeepFixes = 0;
    const upkeep = (async () => {
      const begun = performance.now();
      // Compacts the second day and drops the first month's segments (retention), yielding
      // to ingest as the tracker's upkeep does.
      const report = await runUpkeep(
        db,
        { ...policy, keepDays: 30 },
        DAY + (policy.hotDays + 2) * DAY_MS,
        { ingestBusy: () => writing.share() },
      );
      upkeepFixes = report.fixes;
      upkeepSeconds = (performance.now() - begun) / 1000;
      upkeepDone = true;
    })();
    const besideFull = await ingest(db, 2, null);
    const besideHalf = await ingest(db, 3, half);
    const overlapped = !upkeepDone;
    await upkeep;
    console.log(
      `  ingest flat out: alone ${fmt(alone.rate)} fixes/s; while compaction and retention run ${fmt(besideFull.rate)} fixes/s (${((besideFull.rate / alone.rate) * 100).toFixed(0)}%)`,
    );
    console.log(
      `  ingest offered at ${fmt(half)} fixes/s: alone ${fmt(aloneHalf.rate)} fixes/s (worst lag ${aloneHalf.lagMs.toFixed(0)} ms); while they run ${fmt(besideHalf.rate)} fixes/s (worst lag ${besideHalf.lagMs.toFixed(0)} ms)${overlapped ? '' : ', but the upkeep ended first'}; the upkeep compacted ${fmt(upkeepFixes)} fixes in ${upkeepSeconds.toFixed(1)} s`,
    );
  } finally {
    await db.close();
  }
}

// PGlite as Harbor's embedded default keeps it: in a data directory on disk (a fresh one,
// removed after), or in memory with HISTORY_PGLITE_DIR=memory:// (the runs before 2026-12-06).
// HISTORY_PGLITE=0 runs PostgreSQL only.
if (process.env.HISTORY_PGLITE !== '0') {
  const pgliteDir =
    process.env.HISTORY_PGLITE_DIR ?? mkdtempSync(join(tmpdir(), 'harbor-history-'));
  try {
    await run(`PGlite (in this process, at ${pgliteDir})`, undefined, pgliteDir);
  } finally {
    if (!process.env.HISTORY_PGLITE_DIR) rmSync(pgliteDir, { recursive: true, force: true });
  }
}
const benchUrl = benchDatabaseUrl();
if (benchUrl) {
  await freshBenchDatabase(benchUrl);
  await run('PostgreSQL', benchUrl);
}
