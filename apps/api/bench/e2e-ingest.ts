import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@harbor/db';
import { demoFleet, type Position } from '@harbor/shared';
import { loadSpanMs, runJt808Load } from '@harbor/simulator';
import { type HarborProcess, startHarborProcess } from '../test/harbor-process.ts';
import { nodeClient } from '../test/live-client.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import { cpuMeter } from './cpu.ts';

// `pnpm --filter @harbor/api bench:e2e` (part of `pnpm bench`): Harbor runs as its own process,
// migrated and seeded with SEED_FLEET trucks; the simulator's load mode drives them as real
// JT/T 808 terminals (one TCP connection each) through the gateway, the in-process bus, the
// tracker (geofences, alert rules, batch writes) into the database; a port operator's
// `positions.live` SSE subscription receives what moved. Two runs per database:
//
//   throughput: as fast as the target allows (33,000 reports/s: 1,000,000 trucks every 30 s),
//               then every report counted in the database (zero loss);
//   latency:    10,000 reports/s, each report's time from the terminal's write to the
//               subscriber's receipt (p50/p99; the subscription's per-asset throttle is 100 ms,
//               below any truck's report interval).
//
// PostgreSQL runs when BENCH_DATABASE_URL names a database whose name contains "bench" (it is
// dropped and created afresh); PGlite always runs, in a temporary directory.

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 2_000);
const TARGET_RATE = Number(process.env.BENCH_RATE ?? 33_000);
const LATENCY_RATE = 10_000;
const THROUGHPUT_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const LATENCY_MS = 30_000;
const YANGSHAN_AND_LINGANG = { minLat: 30.5, minLon: 121.8, maxLat: 31.0, maxLon: 122.2 };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (line: string) => console.log(line);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Waits until the tracker has written everything the bus took, and returns Harbor's counters. */
async function drained(harbor: HarborProcess, expected: number) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const c = await harbor.counters();
    const stored = (c['tracker.inserted'] ?? 0) + (c['tracker.duplicates'] ?? 0);
    if ((c['fix_bus.queued'] === 0 && stored >= expected) || Date.now() > deadline) return c;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A second between a truck's reports: every run's fixes stay well within the last day. */
const REPORT_INTERVAL_MS = 1000;

/**
 * Where the two runs' fix times start: in the past, since Harbor refuses fixes from the future,
 * the latency run after the throughput run (so it moves every truck forward again), both
 * within the last day (older fixes are history only, which would spare the latest positions).
 */
function runStarts(nowMs: number) {
  const span = (ratePerSecond: number, durationMs: number) =>
    loadSpanMs({ trucks: TRUCKS, ratePerSecond, durationMs, reportIntervalMs: REPORT_INTERVAL_MS });
  // Whole seconds: a JT/T 808 report carries its time to the second.
  const latency = Math.floor(nowMs / 1000) * 1000 - span(LATENCY_RATE, LATENCY_MS) - 5 * 60_000;
  const throughput = latency - span(TARGET_RATE, THROUGHPUT_MS) - 5 * 60_000;
  if (nowMs - throughput > 20 * 3_600_000)
    throw new Error('BENCH_RATE × BENCH_SECONDS per truck dates fixes more than 20 hours back');
  return { throughput, latency };
}

async function run(
  label: string,
  harbor: HarborProcess,
  /** Rows of the throughput run: fixes dated before the latency run's. */
  countRows: (before: Date) => Promise<number>,
) {
  const phones = demoFleet(TRUCKS).map((truck) => truck.terminalPhone);
  const starts = runStarts(Date.now());
  const before = await harbor.counters();
  const storedBefore = (before['tracker.inserted'] ?? 0) + (before['tracker.duplicates'] ?? 0);

  // Throughput.
  let errorsShown = 0;
  const meter = cpuMeter(harbor.child.pid ?? 0);
  const throughput = await runJt808Load({
    host: '127.0.0.1',
    port: harbor.jt808Port,
    terminalPhones: phones,
    ratePerSecond: TARGET_RATE,
    durationMs: THROUGHPUT_MS,
    start: new Date(starts.throughput),
    reportIntervalMs: REPORT_INTERVAL_MS,
    window: Number(process.env.BENCH_WINDOW ?? 8),
    onProgress: (line) => log(`  ${label} throughput ${line}`),
    onError: (message) => {
      if (++errorsShown <= 5) log(`  ${label} throughput: ${message}`);
    },
  });
  const counters = await drained(harbor, storedBefore + throughput.sent);
  const cpu = meter(throughput.sent);
  const stored = (counters['tracker.inserted'] ?? 0) + (counters['tracker.duplicates'] ?? 0);
  const rows = await countRows(new Date(starts.latency));
  log(
    `${label} throughput: ${TRUCKS} terminals, target ${fmt(TARGET_RATE)}/s for ${THROUGHPUT_MS / 1000} s: ` +
      `sent ${fmt(throughput.sent)} (${fmt(throughput.sentPerSecond)}/s), acknowledged ${fmt(throughput.acknowledged)}, ` +
      `stored ${fmt(stored - storedBefore)}, rows in PositionFix ${fmt(rows)}, ` +
      `lost ${fmt(throughput.sent - (stored - storedBefore))}, errors ${throughput.errors}, refused ${throughput.refused}; ` +
      `geofence events ${fmt(counters['tracker.geofenceEvents'] ?? 0)}, alerts raised ${fmt(counters['alerts.raised'] ?? 0)}, ` +
      `left out of the live view ${fmt(counters['live_tap.dropped'] ?? 0)}; ${cpu}`,
  );

  // Latency, with a live subscriber.
  const { client } = await nodeClient(harbor.url, {
    email: 'operator@port.harbor.local',
    password: 'harbor-demo',
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let snapshot = true;
  const subscription = client.positions.live.subscribe(
    { bbox: YANGSHAN_AND_LINGANG, assetKinds: ['VEHICLE'], intervalMs: 100, limit: 50_000 },
    {
      onData: (positions: Position[]) => {
        const now = performance.now();
        if (snapshot) {
          snapshot = false;
          return;
        }
        for (const p of positions) {
          const key = `${p.assetKey}@${Date.parse(p.fixAt)}`;
          const at = sentAt.get(key);
          if (at === undefined) continue;
          sentAt.delete(key);
          latencies.push(now - at);
        }
      },
    },
  );
  while (snapshot) await new Promise((resolve) => setTimeout(resolve, 50));
  const latency = await runJt808Load({
    host: '127.0.0.1',
    port: harbor.jt808Port,
    terminalPhones: phones,
    ratePerSecond: LATENCY_RATE,
    durationMs: LATENCY_MS,
    // Later than the throughput run: these fixes move every truck forward again.
    start: new Date(starts.latency),
    reportIntervalMs: REPORT_INTERVAL_MS,
    window: Number(process.env.BENCH_WINDOW ?? 8),
    onSent: (phone, time) => sentAt.set(`${phone}@${time}`, performance.now()),
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  subscription.unsubscribe();
  latencies.sort((a, b) => a - b);
  log(
    `${label} latency at ${fmt(LATENCY_RATE)}/s for ${LATENCY_MS / 1000} s: sent ${fmt(latency.sent)} (${fmt(latency.sentPerSecond)}/s), acknowledged ${fmt(latency.acknowledged)}, ` +
      `received live ${fmt(latencies.length)}: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms`,
  );
}

async function onPostgres(url: string) {
  await freshBenchDatabase(url);
  const harbor = await startHarborProcess({
    DATABASE_URL: url,
    SEED: 'true',
    SEED_FLEET: String(TRUCKS),
  });
  const db = await createDb({ databaseUrl: url });
  try {
    await run('PostgreSQL', harbor, async (before) => {
      const { rows } = await db.sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "PositionFix" WHERE "fixAt" < $1`,
        [before],
      );
      return Number(rows[0]?.n);
    });
  } finally {
    await db.close();
    await harbor.stop();
  }
}

async function onPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-bench-'));
  const harbor = await startHarborProcess({
    HARBOR_DATA_DIR: dir,
    SEED: 'true',
    SEED_FLEET: String(TRUCKS),
  });
  try {
    // PGlite lives inside Harbor's process: rows are counted through its own counters.
    await run('PGlite', harbor, async () => {
      const c = await harbor.counters();
      return c['tracker.inserted'] ?? Number.NaN;
    });
  } finally {
    await harbor.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// BENCH_ONLY=postgres or pglite runs one database.
const only = process.env.BENCH_ONLY;
const benchUrl = benchDatabaseUrl();
if (benchUrl && only !== 'pglite') await onPostgres(benchUrl);
if (only !== 'postgres') await onPglite();
