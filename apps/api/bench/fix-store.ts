import { createDb, migrate } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import { columns, writeFixes } from '../src/pipeline/fix-store.ts';
import { benchDatabaseUrl, ensureBenchDatabase } from './bench-database.ts';
import { postgresCpuSeconds } from './cpu.ts';

// `pnpm --filter @harbor/api bench`: fixes per second through the batch fix store (history
// insert and latest-position upsert in one transaction per batch of 2,000) on an in-memory
// PGlite and, when BENCH_DATABASE_URL is set, on that PostgreSQL database, whose fix tables it
// empties first (so never DATABASE_URL). 100,000 trucks (BENCH_TRUCKS), 3 reports each: the
// second and third rounds update latest positions that exist, as a running fleet does.
// First, the batches' columns alone: what Harbor spends on a batch's parameters (the binary
// arrays of sql-arrays.ts), with no database.

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 100_000);
const REPORTS = 3;
const BATCH = Number(process.env.BENCH_BATCH ?? 2_000);
const T0 = Date.parse('2026-11-25T02:00:00Z');

const fixes: Fix[] = Array.from({ length: TRUCKS * REPORTS }, (_, i) => ({
  assetKind: 'VEHICLE',
  assetKey: `0137${String(i % TRUCKS).padStart(8, '0')}`,
  fixAt: new Date(T0 + Math.floor(i / TRUCKS) * 30_000),
  receivedAt: new Date(T0 + Math.floor(i / TRUCKS) * 30_000 + 700),
  lat: 30.6 + (i % 1000) / 1e4,
  lon: 121.9 + (i % 997) / 1e4,
  speedKnots: 20,
  courseDeg: 45,
  headingDeg: null,
  altitudeM: 10,
  status: 'ACC_ON',
  source: 'JT808',
}));

async function run(label: string, databaseUrl: string | undefined) {
  const db = await createDb({ databaseUrl, dataDir: 'memory://' });
  try {
    await migrate(db);
    await db.sql.exec('TRUNCATE "PositionFix", "LatestPosition"');
    const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuSeconds() };
    const started = process.hrtime.bigint();
    let inserted = 0;
    for (let i = 0; i < fixes.length; i += BATCH)
      inserted += (await writeFixes(db, fixes.slice(i, i + BATCH))).inserted;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = Math.round(fixes.length / seconds).toLocaleString('en-US');
    const node = process.cpuUsage(cpuBefore.node);
    const perFix = (s: number) => `${((s * 1e6) / fixes.length).toFixed(1)} µs`;
    // PGlite runs inside this process; PostgreSQL in its own server processes.
    const cpu = databaseUrl
      ? `CPU per fix: Node ${perFix((node.user + node.system) / 1e6)}, PostgreSQL ${perFix(postgresCpuSeconds() - cpuBefore.postgres)}`
      : `CPU per fix: ${perFix((node.user + node.system) / 1e6)}`;
    console.log(
      `${label.padEnd(12)} ${rate.padStart(9)} fixes/s  (${inserted.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s, batches of ${BATCH}); ${cpu}`,
    );
  } finally {
    await db.close();
  }
}

/** The batches' twelve columns made, with no database: ns a fix, the least of five rounds. */
function columnsAlone() {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < fixes.length; i += BATCH) columns(fixes.slice(i, i + BATCH));
    best = Math.min(best, Number(process.hrtime.bigint() - started) / fixes.length);
  }
  console.log(
    `columns      ${best.toFixed(0).padStart(9)} ns a fix (the batch's binary arrays alone, least of 5 rounds)`,
  );
}

const benchUrl = benchDatabaseUrl();
columnsAlone();
await run('PGlite', undefined);
if (benchUrl) {
  await ensureBenchDatabase(benchUrl);
  await run('PostgreSQL', benchUrl);
}
