import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDb } from '@harbor/db';
import { demoFleet, type Position } from '@harbor/shared';
import { loadSpanMs, runJt808Load } from '@harbor/simulator';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { BUNDLE, harborBundle } from '../scripts/bundle.ts';
import { type HarborProcess, startHarborProcess } from '../test/harbor-process.ts';
import { nodeClient } from '../test/live-client.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import { type CopyCeiling, copyCeiling } from './copy-ceiling.ts';
import { type CpuPerFix, cpuUse, describeCpu, machineBusySeconds } from './cpu.ts';
import { fmt } from './format.ts';
import { describeFloor, type Floor, measureFloor } from './gateway-floor.ts';
import {
  formatHeapSummary,
  formatSummary,
  type ProfileSummary,
  type SummaryOptions,
  summariseHeapProfile,
  summariseProfile,
} from './profile-summary.ts';

// `pnpm --filter @harbor/api bench:e2e` (part of `pnpm bench`): Harbor runs as its own process,
// migrated and seeded with SEED_FLEET trucks; the simulator's load mode drives them as real
// JT/T 808 terminals (one TCP connection each) through the gateway, the fix bus, the tracker
// (geofences, alert rules, batch writes) into the database; a port operator's
// `positions.live` SSE subscription receives what moved. Three configurations, each with its
// own Harbor and a fresh database:
//
//   postgres:            PostgreSQL, the in-process bus;
//   postgres-jetstream:  PostgreSQL, the NATS JetStream bus (BUS_URL, default
//                        nats://127.0.0.1:4222; a stream of its own, removed afterwards);
//   pglite:              PGlite inside Harbor's process, in a temporary directory;
//   postgres-jetstream-split (only when BENCH_ONLY names it): as postgres-jetstream, Harbor
//                        as two processes by role (HARBOR_ROLES), the gateway and the api in
//                        one, the tracker in the other; their CPU added up as Harbor's, the
//                        event-loop delay the gateway's and api's (the live map's).
//
// Two runs each:
//
//   throughput: as fast as the target allows (33,000 reports/s: 1,000,000 trucks every 30 s),
//               then every report counted in the database (zero loss);
//   latency:    at half of the rate the throughput run reached (BENCH_LATENCY_RATE sets it),
//               each report's time from the terminal's write to the subscriber's receipt
//               (p50/p99). The subscription's per-asset throttle is 100 ms, so the run uses
//               as many terminals as keep each one's reports 200 ms apart or more (more than
//               the throughput run's when its rate needs them): a truck reporting more often
//               than the map's throttle would measure the throttle's hold, not the pipeline.
//
// Then, on PostgreSQL, the database's own ceiling in the same run (bench/copy-ceiling.ts: COPY
// of as many fix rows into a table like "PositionFix"), and the ratios the efficiency issue
// (20) sets as targets, in one block per configuration.
//
// BENCH_PROFILE=1 runs the throughput run's Harbor under node's CPU profiler and prints where
// its CPU went by stage (bench/profile-summary.ts) after the run; Harbor is then restarted
// without the profiler for the latency run (BENCH_PROFILE_TOP=N also lists each stage's N
// largest functions). BENCH_PROFILE=latency profiles the latency run instead (a live map
// following every fix): Harbor is restarted under the profiler after the throughput run. The
// profile stays in a temporary directory (printed) with the bundle and its source map, for
// DevTools or a flame graph. The latency run's line also gives the tracker's writes in it.
//
// BENCH_ALLOC=1 (or throughput, or latency) samples where Harbor's allocations come from over
// that run's window, garbage included (bench/heap-sampler.js: V8's sampling heap profiler,
// started and stopped by signal in the same Harbor, no restart), and prints the bytes each
// stage allocated per fix (BENCH_PROFILE_TOP=N: and its N largest allocators). Garbage is most
// of what a fix costs the GC, a quarter to a third of Harbor's CPU. With BENCH_ALLOC_SURVIVORS=1
// it keeps only what outlived a young-generation collection: what the scavenges copy and
// promote, the objects behind their pauses. BENCH_NODE_FLAGS adds node flags to Harbor's
// (`--trace-gc-nvp`: each collection's pause, and what it promoted).
//
// After each throughput run (BENCH_FLOOR=0 leaves it out) the JT/T 808 gateway floor
// (bench/gateway-floor.ts): what a server doing only the sockets' and the protocol's work costs
// a report under the same terminals at the rate the throughput run reached, its answers as many
// to a write as Harbor's; the ratios then split Harbor's CPU a fix at that floor. The same
// after each latency run, under its terminals at its rate: the ratios then say how much of the
// machine's cores the sockets alone (the floor server and the terminals) and the servers take
// at half of the maximum, and how much Harbor's pipeline adds.
//
// PostgreSQL runs when BENCH_DATABASE_URL names a database whose name contains "bench" (it is
// dropped and created afresh); PGlite always runs. BENCH_ONLY=postgres, postgres-jetstream or
// pglite (or a comma list) runs only those.

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 2_000);
const TARGET_RATE = Number(process.env.BENCH_RATE ?? 33_000);
/** The latency run's rate when given; otherwise half of what the throughput run reached. */
const LATENCY_RATE_SET = process.env.BENCH_LATENCY_RATE
  ? Number(process.env.BENCH_LATENCY_RATE)
  : null;
/** The live subscription's throttle: at most one update an asset in this long (the least allowed). */
const THROTTLE_MS = 100;
/**
 * The latency run's terminals at a rate: enough that each reports at most once in twice the
 * throttle. A truck's second report within the window is held until it closes, or replaced
 * by its next (live-throttle.ts): with 2,000 terminals at 20,500/s, a report every 98 ms, the
 * p99 was 129 ms and 6 % of the fixes never reached the map; with 4,000, 73 ms and none lost.
 */
const latencyFleet = (ratePerSecond: number) =>
  Math.max(TRUCKS, Math.ceil((ratePerSecond * 2 * THROTTLE_MS) / 1000));
/** Trucks seeded: the throughput run's, or the most the latency run can need (half of the target). */
const SEEDED = latencyFleet(LATENCY_RATE_SET ?? Math.ceil(TARGET_RATE / 2));
const THROUGHPUT_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const LATENCY_MS = 30_000;
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
/** Which run's Harbor runs under the CPU profiler (BENCH_PROFILE=1: the throughput run's). */
const PROFILE: 'throughput' | 'latency' | null =
  process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'throughput'
    ? 'throughput'
    : process.env.BENCH_PROFILE === 'latency'
      ? 'latency'
      : null;
/** Which run's allocations are sampled (BENCH_ALLOC=1: the throughput run's). */
const ALLOC: 'throughput' | 'latency' | null =
  process.env.BENCH_ALLOC === '1' || process.env.BENCH_ALLOC === 'throughput'
    ? 'throughput'
    : process.env.BENCH_ALLOC === 'latency'
      ? 'latency'
      : null;
/** With BENCH_PROFILE or BENCH_ALLOC, how many of each stage's largest functions the summary lists. */
const PROFILE_TOP = Number(process.env.BENCH_PROFILE_TOP ?? 0);
const BUS_URL = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
/** The JetStream bus's partitions (JetStreamFixBus's default): one Harbor owns them all. */
const PARTITIONS = 16;
const YANGSHAN_AND_LINGANG = { minLat: 30.5, minLon: 121.8, maxLat: 31.0, maxLon: 122.2 };
/** The issue's targets. */
const TARGET = { cpuRatio: 1, ceilingShare: 0.25, p99Ms: 100 };
/** The JT/T 808 gateway floor after each throughput run (the header above; `floorOf`). */
const FLOOR = process.env.BENCH_FLOOR !== '0';
const FLOOR_MS = Math.min(THROUGHPUT_MS, 20_000);
const CORES = availableParallelism();

const log = (line: string) => console.log(line);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The profiler's clock: CLOCK_MONOTONIC in µs, as V8 stamps its samples. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function until(condition: () => Promise<boolean>, what: string, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The tracker's writes over a run: how many, and how many fixes each carried on average. */
function describeWrites(from: Record<string, number>, to: Record<string, number>): string {
  const delta = (name: string) => (to[name] ?? 0) - (from[name] ?? 0);
  const writes = delta('tracker.batches');
  const fixes = delta('tracker.inserted') + delta('tracker.duplicates');
  return `${fmt(writes)} writes of ${writes > 0 ? fmt(fixes / writes) : '-'} fixes on average`;
}

/** The JT/T 808 gateway's frames ÷ its writes to the terminals between two readings. */
function answersPerWriteOf(from: Record<string, number>, to: Record<string, number>): number {
  const delta = (name: string) => (to[name] ?? 0) - (from[name] ?? 0);
  return delta('jt808.frames') / Math.max(1, delta('jt808.writes'));
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
 * The latency run's rate is known only after the throughput run: its dates leave room for
 * the most it can be (half of the target, or BENCH_LATENCY_RATE).
 */
function runStarts(nowMs: number) {
  // TRUCKS is the fewest terminals the latency run may have (latencyFleet): its longest span.
  const span = (ratePerSecond: number, durationMs: number) =>
    loadSpanMs({ trucks: TRUCKS, ratePerSecond, durationMs, reportIntervalMs: REPORT_INTERVAL_MS });
  const latencyRate = LATENCY_RATE_SET ?? Math.ceil(TARGET_RATE / 2);
  // Whole seconds: a JT/T 808 report carries its time to the second.
  const latency = Math.floor(nowMs / 1000) * 1000 - span(latencyRate, LATENCY_MS) - 5 * 60_000;
  const throughput = latency - span(TARGET_RATE, THROUGHPUT_MS) - 5 * 60_000;
  if (nowMs - throughput > 20 * 3_600_000)
    throw new Error('BENCH_RATE × BENCH_SECONDS per truck dates fixes more than 20 hours back');
  return { throughput, latency };
}

/** One configuration: a database and a bus. */
type Setup = {
  /** Names its lines: `PostgreSQL`, `PostgreSQL (JetStream bus)`, `PGlite`. */
  label: string;
  bus: 'in-process bus' | 'JetStream bus';
  /** Harbor's environment (SEED and SEED_FLEET are added). */
  env: Record<string, string>;
  /** Harbor as two processes: the gateway and the api in one, the tracker in the other. */
  isTrackerApart?: boolean;
  /** The PostgreSQL database, for its rows and its COPY ceiling; none on PGlite. */
  postgresUrl?: string;
  /** Rows of the throughput run: fixes dated before the latency run's. */
  countRows(harbor: HarborProcess, before: Date): Promise<number>;
};

type Profiled = { summary: ProfileSummary; file: string };

/** Harbor's process, or its two (`isTrackerApart`): their counters added up, stopped together. */
type Harbor = HarborProcess & { pids: number[] };

/**
 * The bundle the next Harbor will run, and its map, copied beside a profile just before it
 * starts: other processes on the machine rebuild dist/harbor.js as the sources change
 * (profile-summary.ts checks that they still match the profile).
 */
async function bundleBeside(dir: string) {
  await harborBundle();
  copyFileSync(`${BUNDLE}.map`, join(dir, 'harbor.js.map'));
  copyFileSync(BUNDLE, join(dir, 'harbor.js'));
}

/** Harbor for a setup; with `profileDir`, under node's CPU profiler writing there. */
async function startHarbor(setup: Setup, options: { seed: boolean; profileDir?: string }) {
  const outside = process.env.BENCH_CPU_PROF;
  // harbor-process.ts profiles the Harbors it starts while BENCH_CPU_PROF names a directory.
  if (options.profileDir) {
    process.env.BENCH_CPU_PROF = options.profileDir;
    await bundleBeside(options.profileDir);
  } else if (PROFILE) delete process.env.BENCH_CPU_PROF;
  let harbor: Harbor;
  try {
    const main = await startHarborProcess({
      ...setup.env,
      SEED: String(options.seed),
      SEED_FLEET: String(SEEDED),
      ...(setup.isTrackerApart ? { HARBOR_ROLES: 'gateway,api' } : {}),
    });
    harbor = { ...main, pids: [main.child.pid ?? 0] };
    if (setup.isTrackerApart) {
      // Started once the first has migrated and seeded the database.
      const tracker = await startHarborProcess({
        ...setup.env,
        SEED: 'false',
        SEED_FLEET: String(SEEDED),
        HARBOR_ROLES: 'tracker',
      }).catch(async (error: unknown) => {
        await main.stop();
        throw error;
      });
      harbor = {
        ...main,
        pids: [main.child.pid ?? 0, tracker.child.pid ?? 0],
        // Added up: the work is shared (the gateway publishes what the tracker acknowledges).
        counters: async () => {
          const [a, b] = await Promise.all([main.counters(), tracker.counters()]);
          const sum = { ...a };
          for (const [name, value] of Object.entries(b)) sum[name] = (sum[name] ?? 0) + value;
          return sum;
        },
        stop: async () => {
          await Promise.all([main.stop(), tracker.stop()]);
        },
      };
    }
  } finally {
    if (outside === undefined) delete process.env.BENCH_CPU_PROF;
    else process.env.BENCH_CPU_PROF = outside;
  }
  if (setup.bus === 'JetStream bus')
    await until(
      async () => ((await harbor.counters())['tracker_partitions.owned'] ?? 0) >= PARTITIONS,
      'the tracker owning every partition',
    );
  return harbor;
}

type Result = {
  sentPerSecond: number;
  sent: number;
  cpu: CpuPerFix;
  latencyRate: number;
  latencyP99: number;
  received: number;
  profile: Profiled | null;
  /** CPU per fix of PGlite's own thread in Harbor's process (null: no such thread). */
  databaseUs: number | null;
  /** The gateway's frames ÷ its writes to the terminals over the throughput run. */
  answersPerWrite: number;
  /** The JT/T 808 gateway floor under the throughput run's load (null: BENCH_FLOOR=0). */
  floor: Floor | null;
  /** The latency run's CPU a fix, the live map following (null: not measured). */
  latencyCpu: CpuPerFix | null;
  /** The floor under the latency run's terminals and rate (null: BENCH_FLOOR=0). */
  latencyFloor: Floor | null;
};

async function run(setup: Setup): Promise<Result> {
  const { label } = setup;
  const fleet = demoFleet(SEEDED).map((truck) => truck.terminalPhone);
  const phones = fleet.slice(0, TRUCKS);
  const starts = runStarts(Date.now());
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'harbor-profile-')) : undefined;
  const allocDir = ALLOC ? await heapSamplerDir() : undefined;
  let harbor = await startHarbor(setup, {
    seed: true,
    ...(profileDir && PROFILE === 'throughput' ? { profileDir } : {}),
  });
  try {
    const before = await harbor.counters();
    const storedBefore = (before['tracker.inserted'] ?? 0) + (before['tracker.duplicates'] ?? 0);

    // Throughput.
    // Measured from when every terminal is online: the fleet's registrations and logins, once
    // a connection, are not a report's cost.
    let errorsShown = 0;
    let fromUs = monotonicUs();
    let meter = cpuUse(harbor.pids, { nats: setup.bus === 'JetStream bus' });
    let countersFrom: Promise<Record<string, number>> = harbor.counters();
    const throughput = await runJt808Load({
      host: '127.0.0.1',
      port: harbor.jt808Port,
      terminalPhones: phones,
      ratePerSecond: TARGET_RATE,
      durationMs: THROUGHPUT_MS,
      start: new Date(starts.throughput),
      reportIntervalMs: REPORT_INTERVAL_MS,
      window: WINDOW,
      onOnline: () => {
        fromUs = monotonicUs();
        meter = cpuUse(harbor.pids, { nats: setup.bus === 'JetStream bus' });
        countersFrom = harbor.counters();
        if (ALLOC === 'throughput') toggleHeapSampler(harbor);
      },
      onProgress: (line) => log(`  ${label} throughput ${line}`),
      onError: (message) => {
        if (++errorsShown <= 5) log(`  ${label} throughput: ${message}`);
      },
    });
    const counters = await drained(harbor, storedBefore + throughput.sent);
    const cpu = meter(throughput.sent);
    const toUs = monotonicUs();
    if (allocDir && ALLOC === 'throughput')
      await summariseAllocations(label, 'throughput', allocDir, harbor, throughput.sent);
    // PGlite's own thread (Harbor's /metrics, Linux): the database's share of Harbor's process.
    const databaseCpu = (from: Record<string, number>) => from['database.thread_cpu_seconds'];
    // The counters as every terminal came online: the throughput run's start.
    const from = await countersFrom;
    const databaseFrom = databaseCpu(from);
    const databaseTo = databaseCpu(counters);
    const databaseUs =
      databaseFrom === undefined || databaseTo === undefined
        ? null
        : ((databaseTo - databaseFrom) * 1e6) / throughput.sent;
    const stored = (counters['tracker.inserted'] ?? 0) + (counters['tracker.duplicates'] ?? 0);
    const answersPerWrite = answersPerWriteOf(from, counters);
    const rows = await setup.countRows(harbor, new Date(starts.latency));
    log(
      `${label} throughput: ${TRUCKS} terminals, target ${fmt(TARGET_RATE)}/s for ${THROUGHPUT_MS / 1000} s: ` +
        `sent ${fmt(throughput.sent)} (${fmt(throughput.sentPerSecond)}/s), acknowledged ${fmt(throughput.acknowledged)}, ` +
        `stored ${fmt(stored - storedBefore)}, rows in PositionFix ${fmt(rows)}, ` +
        `lost ${fmt(throughput.sent - (stored - storedBefore))}, errors ${throughput.errors}, refused ${throughput.refused}; ` +
        `geofence events ${fmt(counters['tracker.geofenceEvents'] ?? 0)}, alerts raised ${fmt(counters['alerts.raised'] ?? 0)}, ` +
        `left out of the live view ${fmt(counters['live_tap.dropped'] ?? 0)}; ` +
        `${describeWrites(from, counters)}; ${answersPerWrite.toFixed(2)} answers a write to a terminal, ${fmt(throughput.meanAnswerMs)} ms after the report on average; ${describeCpu(cpu)}` +
        (PROFILE === 'throughput' ? ' (Harbor under the CPU profiler)' : ''),
    );

    // The floor under the same load, next to the throughput run in time (Harbor idle).
    const floor = await floorOf(label, 'throughput', {
      trucks: TRUCKS,
      sentPerSecond: throughput.sentPerSecond,
      answersPerWrite,
    });

    // The profile is written when Harbor exits: stop it, summarise the throughput run's
    // window, and start it again (the same database, no profiler) for the latency run; or,
    // to profile the latency run, start it again under the profiler.
    let profile: Profiled | null = null;
    if (profileDir && PROFILE === 'throughput') {
      await harbor.stop();
      profile = summariseRun(label, 'throughput', profileDir, {
        fixes: throughput.sent,
        fromUs,
        toUs,
        processCpuMs: cpu.harborSeconds * 1000,
        mainThreadCpuMs: cpu.harborMainSeconds * 1000,
        top: PROFILE_TOP,
      });
      harbor = await startHarbor(setup, { seed: false });
    } else if (profileDir) {
      await harbor.stop();
      harbor = await startHarbor(setup, { seed: false, profileDir });
    }

    // Latency, with a live subscriber, at half of the maximum just measured.
    const latencyRate = LATENCY_RATE_SET ?? Math.max(1, Math.round(throughput.sentPerSecond / 2));
    const latencyPhones = fleet.slice(0, latencyFleet(latencyRate));
    const { client } = await nodeClient(harbor.url, {
      email: 'operator@port.harbor.local',
      password: 'harbor-demo',
    });
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let snapshot = true;
    let refused: unknown = null;
    const subscription = client.positions.live.subscribe(
      {
        bbox: YANGSHAN_AND_LINGANG,
        assetKinds: ['VEHICLE'],
        intervalMs: THROTTLE_MS,
        limit: 50_000,
      },
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
        // A refused subscription (its input, the login) ends the run, not waits for it.
        onError: (error: unknown) => {
          refused = error;
        },
      },
    );
    while (snapshot) {
      if (refused) throw new Error('the live subscription was refused', { cause: refused });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // How late each event loop ran during the run, from when every terminal is online (the
    // fleet's logins before it are a burst of their own): Harbor's (prom-client's default
    // metric, whose histogram starts again at each scrape: scraped then, read after) and the
    // load generator's, which also receives the subscription and so adds to the latency.
    const generatorDelay = monitorEventLoopDelay({ resolution: 5 });
    let harborDelayFrom: Promise<unknown> = Promise.resolve();
    let latencyCountersFrom: Promise<Record<string, number>> = Promise.resolve({});
    const live: {
      meter: ((fixes: number) => CpuPerFix) | null;
      fromUs: number;
      machineFrom: number;
    } = { meter: null, fromUs: 0, machineFrom: 0 };
    const latency = await runJt808Load({
      host: '127.0.0.1',
      port: harbor.jt808Port,
      terminalPhones: latencyPhones,
      ratePerSecond: latencyRate,
      durationMs: LATENCY_MS,
      // Later than the throughput run: these fixes move every truck forward again.
      start: new Date(starts.latency),
      reportIntervalMs: REPORT_INTERVAL_MS,
      window: WINDOW,
      // The live map's cost too: Harbor's CPU while one subscriber follows every fix.
      onOnline: () => {
        live.meter = cpuUse(harbor.pids, { nats: setup.bus === 'JetStream bus' });
        live.fromUs = monotonicUs();
        live.machineFrom = machineBusySeconds();
        harborDelayFrom = harbor.gauges();
        latencyCountersFrom = harbor.counters();
        generatorDelay.enable();
        if (ALLOC === 'latency') toggleHeapSampler(harbor);
      },
      onSent: (phone, time) => sentAt.set(`${phone}@${time}`, performance.now()),
    });
    const liveCpu = live.meter?.(latency.sent);
    const liveToUs = monotonicUs();
    // Every process's CPU (Harbor, this load generator and subscriber, the servers): at half
    // of the maximum the cores may be nearly full, each fix costing more than at the maximum.
    const coresBusy = (machineBusySeconds() - live.machineFrom) / ((liveToUs - live.fromUs) / 1e6);
    if (allocDir && ALLOC === 'latency')
      await summariseAllocations(label, 'latency', allocDir, harbor, latency.sent);
    generatorDelay.disable();
    await harborDelayFrom;
    const lag = await harbor.gauges(
      'harbor_nodejs_eventloop_lag_p99_seconds',
      'harbor_nodejs_eventloop_lag_max_seconds',
    );
    // After the delays: a scrape starts Harbor's delay histogram again.
    const [latencyFrom, latencyTo] = [await latencyCountersFrom, await drained(harbor, 0)];
    const latencyWrites = describeWrites(latencyFrom, latencyTo);
    const latencyAnswersPerWrite = answersPerWriteOf(latencyFrom, latencyTo);
    const ms = (seconds: number | null | undefined) => ((seconds ?? Number.NaN) * 1000).toFixed(0);
    const loopDelays =
      `event-loop delay p99/max: Harbor ${ms(lag.harbor_nodejs_eventloop_lag_p99_seconds)}/${ms(lag.harbor_nodejs_eventloop_lag_max_seconds)} ms, ` +
      `load generator ${(generatorDelay.percentile(99) / 1e6).toFixed(0)}/${(generatorDelay.max / 1e6).toFixed(0)} ms`;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    subscription.unsubscribe();
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    log(
      `${label} latency at ${fmt(latencyRate)}/s${LATENCY_RATE_SET ? '' : ' (half of the throughput run)'} for ${LATENCY_MS / 1000} s, ` +
        `${fmt(latencyPhones.length)} terminals (a report every ${fmt((1000 * latencyPhones.length) / latencyRate)} ms each): ` +
        `sent ${fmt(latency.sent)} (${fmt(latency.sentPerSecond)}/s), acknowledged ${fmt(latency.acknowledged)}, ` +
        `received live ${fmt(latencies.length)}: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms` +
        `; ${loopDelays}; ${latencyWrites}; ${latencyAnswersPerWrite.toFixed(2)} answers a write to a terminal, ${fmt(latency.meanAnswerMs)} ms after the report on average` +
        `; the machine's ${CORES} cores ${((100 * coresBusy) / CORES).toFixed(0)} % busy (every process)` +
        (liveCpu ? `; with the live map following, ${describeCpu(liveCpu)}` : '') +
        (PROFILE === 'latency' ? ' (Harbor under the CPU profiler)' : ''),
    );
    if (profileDir && PROFILE === 'latency' && liveCpu) {
      await harbor.stop();
      profile = summariseRun(label, 'latency', profileDir, {
        fixes: latency.sent,
        fromUs: live.fromUs,
        toUs: liveToUs,
        processCpuMs: liveCpu.harborSeconds * 1000,
        mainThreadCpuMs: liveCpu.harborMainSeconds * 1000,
        top: PROFILE_TOP,
      });
    }
    // The floor under the latency run's terminals at its rate: how much of the machine the
    // sockets' work alone takes there, Harbor's and the terminals' (Harbor idle meanwhile).
    const latencyFloor = await floorOf(label, 'latency', {
      trucks: latencyPhones.length,
      sentPerSecond: latency.sentPerSecond,
      answersPerWrite: latencyAnswersPerWrite,
    });
    return {
      sentPerSecond: throughput.sentPerSecond,
      sent: throughput.sent,
      cpu,
      latencyRate,
      latencyP99: p99,
      received: latencies.length,
      profile,
      databaseUs,
      answersPerWrite,
      floor,
      latencyCpu: liveCpu ?? null,
      latencyFloor,
    };
  } finally {
    await harbor.stop();
    if (allocDir) delete process.env.BENCH_HEAP_PROF;
  }
}

/**
 * A directory for the heap sampler's profile, named to the Harbors started from now on
 * (harbor-process.ts loads bench/heap-sampler.js into them), with the bundle they will run
 * and its map beside it, for profile-summary.ts to place the frames.
 */
async function heapSamplerDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-alloc-'));
  await bundleBeside(dir);
  process.env.BENCH_HEAP_PROF = dir;
  return dir;
}

/** Starts, or stops and writes, the heap sampler in Harbor's process (bench/heap-sampler.js). */
function toggleHeapSampler(harbor: Harbor) {
  const pid = harbor.child.pid;
  if (pid) process.kill(pid, 'SIGUSR2');
}

/** Stops the heap sampler, waits for its profile, and prints where the run's bytes came from. */
async function summariseAllocations(
  label: string,
  run: 'throughput' | 'latency',
  dir: string,
  harbor: Harbor,
  fixes: number,
) {
  toggleHeapSampler(harbor);
  const file = join(dir, `harbor-${harbor.child.pid}.heapprofile`);
  await until(async () => existsSync(file), 'the heap sampler writing its profile');
  const summary = summariseHeapProfile(file, { fixes, top: PROFILE_TOP });
  log(
    `${label} allocations of the ${run} run, ${fmt(fixes)} fixes, ${process.env.BENCH_ALLOC_SURVIVORS === '1' ? 'only what outlived a young-generation collection' : 'garbage included'} (${file}; \`tsx bench/profile-summary.ts FILE --fixes ${fixes} --top 5\`):`,
  );
  for (const line of formatHeapSummary(summary)) log(`  ${line}`);
}

/** The profile of a run's Harbor, summarised over that run's window. */
function summariseRun(
  label: string,
  run: 'throughput' | 'latency',
  dir: string,
  window: SummaryOptions & { fixes: number; fromUs: number; toUs: number },
): Profiled | null {
  const name = readdirSync(dir).find((file) => file.endsWith('.cpuprofile'));
  if (!name) {
    log(`${label} profile: Harbor wrote no CPU profile in ${dir} (did it exit cleanly?)`);
    return null;
  }
  const file = join(dir, name);
  const summary = summariseProfile(file, window);
  log(
    `${label} profile of the ${run} run, ${fmt(window.fixes)} fixes (${file}; its functions by stage: \`tsx bench/profile-summary.ts FILE --fixes ${window.fixes} --from ${window.fromUs} --to ${window.toUs} --top 5\`):`,
  );
  for (const line of formatSummary(summary)) log(`  ${line}`);
  return { summary, file };
}

const ratio = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const verdict = (isMet: boolean) => (isMet ? 'met' : 'NOT met');

/**
 * Harbor's CPU a fix split at the gateway floor: what any JT/T 808 gateway on Node spends on
 * a report's socket and protocol work, and what Harbor's pipeline adds, each against the
 * database's. Derived from two measurements of the same hour, not a target.
 */
function aboveFloor(floor: Floor, harborUs: number, databaseUs: number, database: string) {
  const pipelineUs = harborUs - floor.floorUs;
  return (
    `  split at the JT/T 808 gateway floor (${floor.floorUs.toFixed(1)} µs a report, ${floor.answersPerWrite.toFixed(2)} answers a write, measured after the throughput run): ` +
    `the floor ${ratio(floor.floorUs / databaseUs)} of ${database}'s CPU a fix, Harbor's pipeline above it ` +
    `${pipelineUs.toFixed(1)} µs, ${ratio(pipelineUs / databaseUs)} of ${database}'s (derived, not measured alone)`
  );
}

/**
 * How full the machine is at half of the maximum before Harbor's pipeline does anything: the
 * floor server's and the terminals' CPU a report under the latency run's terminals, and the
 * servers', as a share of the cores at that rate; and what Harbor's pipeline adds. The latency
 * target needs the cores not full (issue 20, sixteenth and seventeenth rounds).
 */
function socketsAtHalf(floor: Floor, cpu: CpuPerFix, rate: number, setup: Setup): string {
  const share = (us: number) => `${((100 * us * rate) / 1e6 / CORES).toFixed(0)} %`;
  const servers = setup.postgresUrl ? cpu.postgresUs + (cpu.natsUs ?? 0) : 0;
  const pipelineUs = cpu.harborUs - floor.floorUs;
  return (
    `  at that rate the sockets alone, the gateway floor ${floor.floorUs.toFixed(1)} µs and the terminals ${floor.loadUs.toFixed(1)} µs a report ` +
    `(${floor.answersPerWrite.toFixed(2)} answers a write, measured after the latency run), keep ${share(floor.floorUs + floor.loadUs)} of the ${CORES} cores busy` +
    (setup.postgresUrl
      ? `, the database${cpu.natsUs === null ? '' : ' and NATS'} ${share(servers)}`
      : '') +
    `; Harbor's ${setup.postgresUrl ? 'pipeline' : 'process (PGlite in it)'} above the floor ${pipelineUs.toFixed(1)} µs a fix, ${share(pipelineUs)} (derived, not measured alone)`
  );
}

/** The issue's ratios for one configuration, in one block. */
function printRatios(setup: Setup, result: Result, ceiling: CopyCeiling | null) {
  const lines: string[] = [];
  const { cpu, floor } = result;
  if (setup.postgresUrl) {
    const cpuRatio = cpu.harborUs / cpu.postgresUs;
    lines.push(
      `Harbor/PostgreSQL CPU per fix ${ratio(cpuRatio)} (Harbor ${cpu.harborUs.toFixed(1)} µs, PostgreSQL ${cpu.postgresUs.toFixed(1)} µs a fix` +
        `${cpu.natsUs === null ? '' : `; NATS ${cpu.natsUs.toFixed(1)} µs, not counted`}; target ≤ ${TARGET.cpuRatio}): ${verdict(cpuRatio <= TARGET.cpuRatio)}`,
    );
    if (floor) lines.push(aboveFloor(floor, cpu.harborUs, cpu.postgresUs, 'PostgreSQL'));
  } else if (result.databaseUs !== null) {
    const databaseUs = result.databaseUs;
    const harborUs = cpu.harborUs - databaseUs;
    const cpuRatio = harborUs / databaseUs;
    lines.push(
      `CPU per fix in Harbor's process ${cpu.harborUs.toFixed(1)} µs: the database (PGlite's own thread) ${databaseUs.toFixed(1)} µs, ` +
        `Harbor (the main thread, its GC and helper threads) ${harborUs.toFixed(1)} µs; Harbor/database ${ratio(cpuRatio)} (target ≤ ${TARGET.cpuRatio}): ${verdict(cpuRatio <= TARGET.cpuRatio)}`,
    );
    if (floor) lines.push(aboveFloor(floor, harborUs, databaseUs, 'PGlite'));
  } else {
    lines.push(
      `CPU per fix in Harbor's process ${cpu.harborUs.toFixed(1)} µs, the database's (PGlite) share in it unknown: its thread's CPU is read from /proc (Linux)`,
    );
  }
  // A run that sent all it was offered measured the offered rate, not the maximum: said so,
  // with the way to measure it (offering too much costs the load generator too: on the
  // machine of issue 20's sixth round, 60,000/s offered carried less on the in-process bus
  // than 33,000/s did, and 50,000/s more on JetStream).
  if (result.sentPerSecond >= TARGET_RATE * 0.98)
    lines.push(
      `maximum: the throughput run sent all it was offered (${fmt(TARGET_RATE)}/s), so the maximum may be higher; BENCH_RATE offers more`,
    );
  if (ceiling) {
    const share = result.sentPerSecond / ceiling.rowsPerSecond;
    lines.push(
      `throughput/COPY ceiling ${(share * 100).toFixed(1)}% (${fmt(result.sentPerSecond)} fixes/s end to end; COPY of ${fmt(ceiling.rows)} rows into a table like PositionFix ` +
        `in ${ceiling.seconds.toFixed(1)} s: ${fmt(ceiling.rowsPerSecond)} rows/s, PostgreSQL ${ceiling.postgresUsPerRow.toFixed(1)} µs a row; target ≥ ${TARGET.ceilingShare * 100}%): ${verdict(share >= TARGET.ceilingShare)}`,
    );
    // The load generator shares the machine's cores: what the same CPU per fix would carry
    // on them without it. Derived from the measured CPU per fix, not measured; said so.
    const serverUs = cpu.harborUs + cpu.postgresUs + (cpu.natsUs ?? 0);
    const carried = (CORES * 1e6) / serverUs;
    lines.push(
      `  without the load generator (${cpu.loadUs.toFixed(1)} µs a fix on the same ${CORES} cores): ${fmt(carried)} fixes/s at Harbor's and the servers' ` +
        `${serverUs.toFixed(1)} µs a fix, ${((carried / ceiling.rowsPerSecond) * 100).toFixed(1)}% of the ceiling (derived from the CPU per fix, not measured)`,
    );
  } else if (!setup.postgresUrl) {
    lines.push('throughput/COPY ceiling: measured on PostgreSQL only');
  }
  lines.push(
    `latency p99 at half of max (${fmt(result.latencyRate)}/s${LATENCY_RATE_SET ? ', set by BENCH_LATENCY_RATE' : ''}) ${result.latencyP99.toFixed(0)} ms ` +
      `(${fmt(result.received)} received; target < ${TARGET.p99Ms} ms): ${verdict(result.latencyP99 < TARGET.p99Ms)}`,
  );
  if (result.latencyFloor && result.latencyCpu)
    lines.push(socketsAtHalf(result.latencyFloor, result.latencyCpu, result.latencyRate, setup));
  if (result.profile) lines.push(`(${PROFILE} run profiled: its CPU includes the profiler)`);
  log(`ratios (${setup.label.replace(/ \(.*\)$/, '')}, ${setup.bus}):`);
  for (const line of lines) log(`  ${line}`);
}

async function onPostgres(
  url: string,
  bus: Setup['bus'],
  options: { isTrackerApart?: boolean } = {},
) {
  await freshBenchDatabase(url);
  const stream = `E2E_${randomBytes(4).toString('hex')}`;
  const isJetStream = bus === 'JetStream bus';
  const db = await createDb({ databaseUrl: url });
  const setup: Setup = {
    label: options.isTrackerApart
      ? 'PostgreSQL (JetStream bus, the tracker in its own process)'
      : isJetStream
        ? 'PostgreSQL (JetStream bus)'
        : 'PostgreSQL',
    bus,
    isTrackerApart: options.isTrackerApart ?? false,
    env: {
      DATABASE_URL: url,
      ...(isJetStream ? { BUS_URL, BUS_STREAM: stream } : {}),
    },
    postgresUrl: url,
    async countRows(_harbor, before) {
      const { rows } = await db.sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "PositionFix" WHERE "fixAt" < $1`,
        [before],
      );
      return Number(rows[0]?.n);
    },
  };
  let result: Result;
  try {
    result = await run(setup);
  } finally {
    await db.close();
    if (isJetStream) await removeStream(stream);
  }
  // The database alone, Harbor stopped: as many rows as the throughput run sent.
  const ceiling = await copyCeiling(url, {
    rows: result.sent,
    terminalPhones: demoFleet(TRUCKS).map((truck) => truck.terminalPhone),
    start: new Date(runStarts(Date.now()).throughput),
  });
  printRatios(setup, result, ceiling);
}

/**
 * The gateway floor for a configuration's run (null with BENCH_FLOOR=0): the same terminals
 * at the rate the run reached, the answers a connection's due gathered for as long as gives
 * Harbor's answers a write (a terminal's reports arrive every trucks ÷ rate seconds), each
 * in its own turn when Harbor's were about one a write. Harbor's answers come later than the
 * floor's then (after the commit: the run's line says how much later), which measured no
 * different: under the latency run's terminals the floor answering at once, every 90 ms, or
 * (a temporary build) 30 or 130 ms after each report cost the same within the machine's noise
 * (docs/benchmarks.md, issue 20, seventeenth round).
 */
async function floorOf(
  label: string,
  run: 'throughput' | 'latency',
  result: { trucks: number; sentPerSecond: number; answersPerWrite: number },
): Promise<Floor | null> {
  if (!FLOOR) return null;
  const reportsApartMs = (1000 * result.trucks) / result.sentPerSecond;
  const answerEveryMs =
    result.answersPerWrite < 1.2 ? 0 : Math.round(result.answersPerWrite * reportsApartMs);
  const floor = await measureFloor({
    answerEveryMs,
    trucks: result.trucks,
    ratePerSecond: Math.round(result.sentPerSecond),
    durationMs: FLOOR_MS,
    window: WINDOW,
  });
  log(
    `${label}: JT/T 808 gateway floor under the ${run} run's terminals (bench/gateway-floor.ts, the sockets' and the protocol's work alone), ` +
      describeFloor(floor, Math.round(result.sentPerSecond), FLOOR_MS),
  );
  return floor;
}

/** Removes a run's fix stream and its partition leases from NATS. */
async function removeStream(stream: string) {
  const nc = await connect({ servers: BUS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
    await jsm.streams.delete(`KV_${stream}_LEASES`).catch(() => false);
  } finally {
    await nc.close();
  }
}

/** Whether NATS answers at BUS_URL. */
async function natsReachable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: BUS_URL, timeout: 3_000 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

async function onPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-bench-'));
  const setup: Setup = {
    label: 'PGlite',
    bus: 'in-process bus',
    env: { HARBOR_DATA_DIR: dir },
    // PGlite lives inside Harbor's process: rows are counted through its own counters.
    async countRows(harbor) {
      const c = await harbor.counters();
      return c['tracker.inserted'] ?? Number.NaN;
    },
  };
  try {
    printRatios(setup, await run(setup), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// BENCH_ONLY=postgres, postgres-jetstream or pglite (or a comma list) runs only those;
// postgres-jetstream-split runs only when named.
const CONFIGURATIONS = ['postgres', 'postgres-jetstream', 'pglite', 'postgres-jetstream-split'];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !CONFIGURATIONS.includes(name)) ?? [];
if (unknown.length > 0)
  throw new Error(`BENCH_ONLY: ${unknown.join(', ')}? Expected ${CONFIGURATIONS.join(', ')}`);
const wants = (name: string) => !only || only.includes(name);
const benchUrl = benchDatabaseUrl();
if (benchUrl && wants('postgres')) await onPostgres(benchUrl, 'in-process bus');
if (benchUrl && wants('postgres-jetstream')) {
  if (await natsReachable()) await onPostgres(benchUrl, 'JetStream bus');
  else if (only) throw new Error(`postgres-jetstream needs NATS at ${BUS_URL} (BUS_URL)`);
  else log(`PostgreSQL (JetStream bus): skipped, no NATS at ${BUS_URL} (BUS_URL)`);
}
if (wants('pglite')) await onPglite();
if (only?.includes('postgres-jetstream-split')) {
  // The profile summary reads one process's profile.
  if (PROFILE || ALLOC)
    throw new Error(
      'BENCH_PROFILE and BENCH_ALLOC profile one process: not with postgres-jetstream-split',
    );
  if (!benchUrl) throw new Error('postgres-jetstream-split needs BENCH_DATABASE_URL');
  if (!(await natsReachable()))
    throw new Error(`postgres-jetstream-split needs NATS at ${BUS_URL} (BUS_URL)`);
  await onPostgres(benchUrl, 'JetStream bus', { isTrackerApart: true });
}
