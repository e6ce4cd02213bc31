import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { demoFleet, type Position } from '@harbor/shared';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { readFixGroup } from '../src/pipeline/fix-wire.ts';
import { liveSubjects } from '../src/pipeline/nats-relay.ts';
import { clusterPrefix } from '../src/runtime/parts/cluster.ts';
import { type HarborProcess, startHarborProcess } from '../test/harbor-process.ts';
import { nodeClient } from '../test/live-client.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import { commandCpuSeconds, cpuSecondsOf, machineBusySeconds } from './cpu.ts';
import { fmt } from './format.ts';
import type { TerminalsCommand, TerminalsEvent } from './latency-terminals.ts';

// `pnpm --filter @harbor/api bench:latency`: how long a fix takes from a JT/T 808 gateway
// process to a live subscriber on a different api process. Harbor runs as separate processes
// by role on one PostgreSQL database (BENCH_DATABASE_URL, its name containing "bench";
// dropped and created afresh) and one NATS server (BUS_URL, default nats://127.0.0.1:4222,
// a stream and live subjects of its own per run, removed at the end): two gateways,
// LATENCY_TRACKERS trackers (2) and two api processes. LATENCY_TRUCKS real terminals
// (Jt808Client: register, authenticate, then 0x0200 reports, each answered 0x8001 once
// JetStream has it) alternate between the gateways, and a port operator's `positions.live`
// SSE subscription is open on each api process. A fix written to gateway A's socket is timed
// until it reaches the subscriber on api B, and one written to gateway B until it reaches
// api A. The terminals run in a process of their own (latency-terminals.ts), so this one,
// holding the subscribers, notes each arrival without waiting behind the load generator;
// both stamp times with the machine's clock (performance.timeOrigin + performance.now()).
// First a probe offers more than the cluster takes (LATENCY_PROBE_RATE,
// LATENCY_PROBE_FIXES): its maximum is what it answered and stored per second. Then each rate
// of LATENCY_RATES below that maximum, and half the maximum, sends rate × LATENCY_SECONDS
// (20) fixes. A truck reports far less often than the subscription's 100 ms per-asset
// throttle, so every fix is expected at the other subscriber: one that never arrives is lost
// (told apart: one a later fix of its truck replaced in the throttle).

const TRUCKS = Number(process.env.LATENCY_TRUCKS ?? 5_000);
const TRACKERS = Number(process.env.LATENCY_TRACKERS ?? 2);
const SECONDS = Number(process.env.LATENCY_SECONDS ?? 20);
const RATES = (process.env.LATENCY_RATES ?? '1000,2000,3000,4000,5000,10000')
  .split(',')
  .map(Number);
const PROBE_RATE = Number(process.env.LATENCY_PROBE_RATE ?? 40_000);
const PROBE_FIXES = Number(process.env.LATENCY_PROBE_FIXES ?? 100_000);
/** The subscription's per-asset throttle, its minimum (LiveViewportInput). */
const THROTTLE_MS = 100;
const PARTITIONS = 16;
/** Bounds every wait on a busy machine; the benchmark waits on events, not on this. */
const LIMIT_MS = 300_000;
/**
 * Where each gateway's trucks drive: gateway A's west of 121.95°E, gateway B's east of it. Each
 * subscriber's map shows the other gateway's trucks only, as a dispatcher's map shows one
 * area, so the subscribers' process parses what it measures and no more.
 */
const AREAS = [
  { minLat: 30.5, minLon: 121.8, maxLat: 31.0, maxLon: 121.95 },
  { minLat: 30.5, minLon: 122.0, maxLat: 31.0, maxLon: 122.2 },
] as const;
const OPERATOR = { email: 'operator@port.harbor.local', password: 'harbor-demo' };

const busUrl = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
const databaseUrl = benchDatabaseUrl();
if (!databaseUrl) {
  console.log('cluster latency bench: set BENCH_DATABASE_URL (a database named *bench*) to run it');
  process.exit(0);
}
const log = (line: string) => console.log(line);

/** Whether `condition` came true within `limitMs`, checked every `everyMs`. */
async function within(
  condition: () => boolean | Promise<boolean>,
  limitMs: number,
  everyMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  everyMs = 20,
): Promise<void> {
  if (!(await within(condition, LIMIT_MS, everyMs))) throw new Error(`gave up waiting: ${what}`);
}

const epochMs = () => performance.timeOrigin + performance.now();
const CORES = availableParallelism();
/** A share of the machine's cores, as a percentage. */
const ofCores = (cores: number) => `${((cores / CORES) * 100).toFixed(0)}%`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * One run's fixes by `truck@fixTime` (truck i reports through gateway i % 2): when each report
 * was written to its gateway's socket, when the fix went by on the live relay subject (NATS
 * `<prefix>.live.fixes`, which every api process hears), and when it reached the subscriber
 * on the other api process; epoch milliseconds.
 */
type Run = {
  written: Map<string, number>;
  relayed: Map<string, number>;
  arrived: Map<string, number>;
  /** How long reports waited for their answer (0x8001, once JetStream stored them). */
  answered: number[];
  /** Each truck's newest fix time written, and seen by the subscriber. */
  newestSent: Map<number, number>;
  newestSeen: Map<number, number>;
};

const stream = `LATENCY_${randomBytes(4).toString('hex')}`;
/** Every process's /metrics token, for its event-loop delay (harbor-process.ts reads counters). */
const metricsToken = randomBytes(24).toString('hex');
const env = (roles: string, extra: Record<string, string> = {}) => ({
  METRICS_TOKEN: metricsToken,
  DATABASE_URL: databaseUrl,
  BUS_URL: busUrl,
  BUS_STREAM: stream,
  HARBOR_ROLES: roles,
  SEED: 'false',
  SEED_FLEET: String(TRUCKS),
  ...extra,
});
const nc = await connect({ servers: busUrl });
const jsm = await jetstreamManager(nc);
const processes: HarborProcess[] = [];
const terminals = fork(fileURLToPath(new URL('./latency-terminals.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
try {
  // What else the machine is doing: its cores' use over 5 s before the cluster starts.
  const idleBefore = machineBusySeconds();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const othersBefore = (machineBusySeconds() - idleBefore) / 5;
  await freshBenchDatabase(databaseUrl);
  // The first api process migrates and seeds (the trucks' devices, the port's zones).
  const apiA = await startHarborProcess(env('api', { SEED: 'true' }));
  processes.push(apiA);
  const [apiB, gatewayA, gatewayB, ...trackers] = await Promise.all([
    startHarborProcess(env('api')),
    startHarborProcess(env('gateway')),
    startHarborProcess(env('gateway')),
    ...Array.from({ length: TRACKERS }, () => startHarborProcess(env('tracker'))),
  ]);
  const apis = [apiA, apiB as HarborProcess];
  const gateways = [gatewayA as HarborProcess, gatewayB as HarborProcess];
  processes.push(...apis.slice(1), ...gateways, ...trackers);
  const owned = async (tracker: HarborProcess) =>
    (await tracker.counters())['tracker_partitions.owned'] ?? 0;
  await until(async () => {
    const shares = await Promise.all(trackers.map(owned));
    return shares.every((share) => share > 0) && shares.reduce((a, b) => a + b, 0) === PARTITIONS;
  }, 'the partitions shared by the trackers');
  log(
    `cluster latency: stream ${stream}, 2 gateways, ${TRACKERS} tracker(s), 2 api processes, ${fmt(TRUCKS)} terminals; ` +
      `before it started, the machine's ${CORES} cores were ${ofCores(othersBefore)} busy with other work`,
  );

  // Fix times: a second apart per truck, ending in the past (Harbor refuses fixes from the
  // future) for every report the runs can send, and within the last day (live, not history).
  const mostFixes = PROBE_FIXES + [...RATES, PROBE_RATE / 2].reduce((a, r) => a + r * SECONDS, 0);
  const fixStart =
    Math.floor(Date.now() / 1000) * 1000 - (Math.ceil(mostFixes / TRUCKS) + 300) * 1000;
  const phones = demoFleet(TRUCKS).map((truck) => truck.terminalPhone);
  const truckOf = new Map(phones.map((phone, i) => [phone, i]));

  // The subscribers, one per api process: fixes through gateway g are watched on api 1 - g.
  let current: Run | null = null;
  const arrived = (watched: 0 | 1, positions: Position[], at: number) => {
    if (!current) return;
    for (const p of positions) {
      const truck = truckOf.get(p.assetKey);
      if (truck === undefined || truck % 2 !== watched) continue;
      const fixMs = Date.parse(p.fixAt);
      current.newestSeen.set(truck, Math.max(fixMs, current.newestSeen.get(truck) ?? 0));
      current.arrived.set(`${truck}@${fixMs}`, at);
    }
  };
  // The live relay subject, heard here as every api process hears it.
  const relay = nc.subscribe(liveSubjects(clusterPrefix(stream)).fixes, {
    callback: (error, message) => {
      const at = epochMs();
      if (error || !current) return;
      for (const fix of readFixGroup(message.data)?.fixes ?? []) {
        const truck = truckOf.get(fix.assetKey);
        const key = `${truck}@${fix.fixAt.getTime()}`;
        if (truck !== undefined && !current.relayed.has(key)) current.relayed.set(key, at);
      }
    },
  });
  await nc.flush();
  const subscriptions = await Promise.all(
    apis.map(async (api, a) => {
      const { client } = await nodeClient(api.url, OPERATOR);
      const watched = (1 - a) as 0 | 1;
      let snapshotSeen: () => void = () => undefined;
      const snapshot = new Promise<void>((resolve) => {
        snapshotSeen = resolve;
      });
      let isSnapshot = true;
      const subscription = client.positions.live.subscribe(
        { bbox: AREAS[watched], assetKinds: ['VEHICLE'], intervalMs: THROTTLE_MS, limit: 50_000 },
        {
          onData: (positions: Position[]) => {
            const at = epochMs();
            if (isSnapshot) {
              isSnapshot = false;
              snapshotSeen();
            } else arrived(watched, positions, at);
          },
          onError: (error) => log(`  subscriber on api ${'AB'[a]}: ${String(error)}`),
        },
      );
      await snapshot;
      return subscription;
    }),
  );

  // The terminals' process: what it wrote goes to the run; the rest are events a run waits for.
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const next = (event: 'online' | 'allSent' | 'allAnswered') =>
    new Promise<void>((resolve, reject) => waiting.set(event, { resolve, reject }));
  const tell = (command: TerminalsCommand) => terminals.send(command);
  terminals.on('message', (event: TerminalsEvent) => {
    if ('written' in event) {
      for (const [truck, fixMs, writtenAt] of event.written) {
        current?.written.set(`${truck}@${fixMs}`, writtenAt);
        current?.newestSent.set(truck, fixMs);
      }
      current?.answered.push(...event.answered);
      return;
    }
    if ('failed' in event) {
      for (const { reject } of waiting.values()) reject(new Error(`terminals: ${event.failed}`));
      waiting.clear();
      return;
    }
    const kind = Object.keys(event)[0] ?? '';
    waiting.get(kind)?.resolve();
    waiting.delete(kind);
  });
  terminals.once('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`terminals exited (${code})`));
  });

  // The fleet, alternating between the gateways as a TCP load balancer spreads it.
  const connectStart = performance.now();
  const online = next('online');
  tell({
    connect: {
      phones,
      ports: [gateways[0]?.jt808Port ?? 0, gateways[1]?.jt808Port ?? 0],
      areas: [AREAS[0], AREAS[1]],
      fixStart,
    },
  });
  await online;
  log(
    `  ${fmt(TRUCKS)} terminals registered and authenticated in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`,
  );

  /** Fixes the trackers have stored (inserted, or found stored already). */
  const stored = async () => {
    let sum = 0;
    for (const tracker of trackers) {
      const c = await tracker.counters();
      sum += (c['tracker.inserted'] ?? 0) + (c['tracker.duplicates'] ?? 0);
    }
    return sum;
  };
  /** Harbor's counters, summed over a group of processes. */
  const totals = async (group: HarborProcess[]) => {
    const sum: Record<string, number> = {};
    for (const harbor of group)
      for (const [key, value] of Object.entries(await harbor.counters()))
        sum[key] = (sum[key] ?? 0) + value;
    return sum;
  };
  const cpuOf = (group: HarborProcess[]) =>
    group.reduce((sum, harbor) => sum + cpuSecondsOf(harbor.child.pid ?? 0), 0);
  // PostgreSQL's CPU is left out: its backends come and go with the pools' idle time-outs,
  // and what one used goes with it from /proc.
  const cpuNow = () => ({
    gateways: cpuOf(gateways),
    trackers: cpuOf(trackers),
    apis: cpuOf(apis),
    nats: commandCpuSeconds('nats-server'),
    terminals: cpuSecondsOf(terminals.pid ?? 0),
    subscribers: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage()),
  });
  // Event-loop delay beyond the 10 ms a timer is due, p99: the subscribers' process's own,
  // and each Harbor process's as prom-client measures it (reset whenever /metrics is read).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const loopDelayOf = async (harbor: HarborProcess) => {
    const response = await fetch(`${harbor.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const match = /^harbor_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(await response.text());
    return match ? Number(match[1]) * 1000 - 10 : Number.NaN;
  };
  const onLivePath = [...gateways, ...apis];

  /** `count` reports at `rate` a second; each timed from its write until the other api shows it. */
  async function run(label: string, rate: number, count: number) {
    const run: Run = {
      written: new Map(),
      relayed: new Map(),
      arrived: new Map(),
      answered: [],
      newestSent: new Map(),
      newestSeen: new Map(),
    };
    current = run;
    const storedBefore = await stored();
    const cpuBefore = cpuNow();
    const trackedBefore = await totals(trackers);
    const machineBefore = machineBusySeconds();
    const messagesBefore = (await jsm.streams.info(stream)).state.last_seq;
    await Promise.all(onLivePath.map(loopDelayOf));
    loopDelay.reset();
    const began = performance.now();
    const allSent = next('allSent');
    const allAnswered = next('allAnswered');
    tell({ run: { rate, count } });

    // The run ends when every report is sent and answered, every fix stored and every
    // truck's newest fix has reached the other api's subscriber (its subscription delivers
    // in order, so nothing older is on its way after that); a truck whose newest fix never
    // comes is given up a minute after the last report was sent, its fixes counted lost.
    const times = { sent: 0, answered: 0, stored: 0, seen: Number.NaN };
    const caughtUp = () =>
      [...run.newestSent].every(([truck, fixMs]) => (run.newestSeen.get(truck) ?? 0) >= fixMs);
    await Promise.all([
      allSent.then(async () => {
        times.sent = performance.now() - began;
        if (await within(caughtUp, 60_000)) times.seen = performance.now() - began;
      }),
      allAnswered.then(() => {
        times.answered = performance.now() - began;
      }),
      // Read from the trackers' /metrics, so less often than the rest.
      until(async () => (await stored()) - storedBefore >= count, 'every fix stored', 100).then(
        () => {
          times.stored = performance.now() - began;
        },
      ),
    ]);
    current = null;
    const cpuAfter = cpuNow();
    const elapsedSeconds = (performance.now() - began) / 1000;
    const coresBusy = (machineBusySeconds() - machineBefore) / elapsedSeconds;
    const ours = Object.keys(cpuBefore) as (keyof typeof cpuBefore)[];
    const coresOurs =
      ours.reduce((sum, key) => sum + cpuAfter[key] - cpuBefore[key], 0) / elapsedSeconds;
    const delays = await Promise.all(onLivePath.map(loopDelayOf));
    const messages = (await jsm.streams.info(stream)).state.last_seq - messagesBefore;
    const tracked = await totals(trackers);
    const grew = (key: string) => fmt((tracked[key] ?? 0) - (trackedBefore[key] ?? 0));
    const perFix = (key: keyof typeof cpuBefore) =>
      `${(((cpuAfter[key] - cpuBefore[key]) * 1e6) / count).toFixed(0)} µs`;

    // Each fix's three times; one that never arrived is lost, or replaced in the subscription's
    // throttle when a later fix of its truck arrived.
    let lost = 0;
    let replaced = 0;
    const latencies: [number[], number[]] = [[], []];
    const toRelay: number[] = [];
    const fromRelay: number[] = [];
    for (const [key, writtenAt] of run.written) {
      const [truck = 0, fixMs = 0] = key.split('@').map(Number);
      const at = run.arrived.get(key);
      const relayedAt = run.relayed.get(key);
      if (relayedAt !== undefined) toRelay.push(relayedAt - writtenAt);
      if (at === undefined) {
        if ((run.newestSeen.get(truck) ?? 0) > fixMs) replaced++;
        else lost++;
        continue;
      }
      latencies[truck % 2]?.push(at - writtenAt);
      if (relayedAt !== undefined) fromRelay.push(at - relayedAt);
    }
    const byNumber = (x: number, y: number) => x - y;
    const [aToB, bToA] = latencies.map((sorted) => sorted.sort(byNumber));
    const all = [...(aToB ?? []), ...(bToA ?? [])].sort(byNumber);
    toRelay.sort(byNumber);
    run.answered.sort(byNumber);
    fromRelay.sort(byNumber);
    const ms = (sorted: number[], p: number) => percentile(sorted, p).toFixed(0);
    const result = {
      rate,
      count,
      sentPerSecond: (count * 1000) / times.sent,
      answeredPerSecond: (count * 1000) / times.answered,
      storedPerSecond: (count * 1000) / times.stored,
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      p99: percentile(all, 99),
      max: all.at(-1) ?? Number.NaN,
      lost,
      replaced,
      coresBusy,
      coresOurs,
    };
    log(
      `${label}: ${fmt(count)} fixes offered at ${fmt(rate)}/s, sent at ${fmt(result.sentPerSecond)}/s; all answered after ${(times.answered / 1000).toFixed(1)} s (${fmt(result.answeredPerSecond)}/s), ` +
        `all stored after ${(times.stored / 1000).toFixed(1)} s (${fmt(result.storedPerSecond)}/s), every truck caught up live after ${(times.seen / 1000).toFixed(1)} s`,
    );
    log(
      `  gateway to the other api's subscriber: p50 ${ms(all, 50)} ms, p95 ${ms(all, 95)} ms, p99 ${ms(all, 99)} ms, max ${result.max.toFixed(0)} ms ` +
        `(A to B p50/p99 ${ms(aToB ?? [], 50)}/${ms(aToB ?? [], 99)} ms, B to A ${ms(bToA ?? [], 50)}/${ms(bToA ?? [], 99)} ms); ` +
        `received ${fmt(all.length)}, lost ${fmt(lost)}, replaced in the throttle by a later fix ${fmt(replaced)}`,
    );
    log(
      `  written to answered (stored in JetStream): p50 ${ms(run.answered, 50)} ms, p99 ${ms(run.answered, 99)} ms; written to on the relay subject: p50 ${ms(toRelay, 50)} ms, p99 ${ms(toRelay, 99)} ms; relay subject to the subscriber: p50 ${ms(fromRelay, 50)} ms, p99 ${ms(fromRelay, 99)} ms`,
    );
    log(
      `  CPU per fix: gateways ${perFix('gateways')}, trackers ${perFix('trackers')}, apis ${perFix('apis')}, NATS ${perFix('nats')}, ` +
        `terminals ${perFix('terminals')}, subscribers ${perFix('subscribers')}; the machine's ${CORES} cores ${ofCores(coresBusy)} busy, ${ofCores(coresOurs)} by the processes above (the rest PostgreSQL's and others')`,
    );
    log(
      `  event-loop delay p99: gateways ${delays[0]?.toFixed(0)} / ${delays[1]?.toFixed(0)} ms, apis ${delays[2]?.toFixed(0)} / ${delays[3]?.toFixed(0)} ms, ` +
        `subscribers ${(loopDelay.percentile(99) / 1e6 - 10).toFixed(0)} ms; ` +
        `${fmt(messages)} JetStream messages (${(count / messages).toFixed(1)} fixes each); trackers: ${grew('tracker.batches')} batches written, ${grew('tracker.geofenceEvents')} geofence events, ${grew('alerts.raised')} alerts raised`,
    );
    return result;
  }

  // The maximum: offered more than the cluster takes, the windows full, what it stores per second.
  const probe = await run('probe', PROBE_RATE, PROBE_FIXES);
  const maximum = Math.min(probe.answeredPerSecond, probe.storedPerSecond);
  const half = Math.floor(maximum / 2 / 100) * 100;
  log(`  maximum: ${fmt(maximum)} fixes/s answered and stored; half: ${fmt(half)}/s`);
  // Rates at or past the maximum would only measure a queue growing.
  const rates = [...new Set([...RATES, half])].filter((r) => r < maximum).sort((a, b) => a - b);
  const results = [];
  for (const rate of rates) results.push(await run(`${fmt(rate)}/s`, rate, rate * SECONDS));

  let dropped = 0;
  for (const api of apis) dropped += (await api.counters())['live_tap.dropped'] ?? 0;
  log(`left out of the live view by the api processes' taps: ${fmt(dropped)}`);
  log(
    `\n| rate (fixes/s) | fixes | p50 | p95 | p99 | max | lost | ${CORES} cores busy: all / this cluster |`,
  );
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of [probe, ...results])
    log(
      `| ${r === probe ? `probe, ${fmt(r.rate)} offered (${fmt(r.sentPerSecond)} sent)` : fmt(r.rate)} | ${fmt(r.count)} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.max.toFixed(0)} ms | ${fmt(r.lost)}${r.replaced > 0 ? ` (${fmt(r.replaced)} replaced in the throttle)` : ''} | ${ofCores(r.coresBusy)} / ${ofCores(r.coresOurs)} |`,
    );
  for (const subscription of subscriptions) subscription.unsubscribe();
  relay.unsubscribe();
} finally {
  terminals.kill();
  await Promise.all(processes.map((harbor) => harbor.stop()));
  await jsm.streams.delete(stream).catch(() => false);
  await jsm.streams.delete(`KV_${stream}_LEASES`).catch(() => false);
  await nc.close();
}
process.exit(0);
