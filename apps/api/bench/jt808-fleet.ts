import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb } from '@harbor/db';
import { demoFleet, MAX_DEMO_FLEET } from '@harbor/shared';
import { createScenario, Jt808Client, type SinkCounters } from '@harbor/simulator';
import { hashAuthCode } from '../src/domains/vehicles/device-directory.ts';
import { type HarborProcess, startHarborProcess } from '../test/harbor-process.ts';
import { benchDatabaseUrl, freshBenchDatabase } from './bench-database.ts';
import {
  commandCpuSeconds,
  cpuSecondsOf,
  cpuSplitOf,
  machineBusySeconds,
  postgresCpuSeconds,
} from './cpu.ts';
import { fmt } from './format.ts';

// `pnpm --filter @harbor/api bench:fleet` (not part of `pnpm bench`: minutes of both cores):
// a fleet of JT/T 808 terminals, each on its own TCP connection, spread over several Harbor
// processes as a TCP load balancer would (a process may open at most 20,000 files here), all
// on one PostgreSQL database (BENCH_DATABASE_URL, its name containing "bench"; dropped and
// created afresh) and one NATS JetStream bus (BENCH_BUS_URL, default nats://127.0.0.1:4222,
// a stream of its own per run). Load generators are child processes, each driving up to
// ~18,000 terminals from loopback source addresses of its own (127.0.0.2, .3, ..., at most
// 4,000 terminals on each): every terminal registers, authenticates, reports every 30 s and
// heartbeats every 60 s. Measured:
//
//   connect:  time until every terminal registered and authenticated (a cold start);
//   steady:   reports sent and acknowledged (0x8001), RSS per gateway process over its
//             connections, CPU seconds of the gateway processes per report;
//   restart:  one gateway SIGKILLed and started again; time until every one of its terminals
//             authenticated again (the terminals reconnect with back-off, 1 s to 10 s), and
//             the statements the database committed meanwhile.
//
// FLEET_TERMINALS (default 20,000), FLEET_GATEWAYS, FLEET_GENERATORS, FLEET_STEADY_SECONDS;
// FLEET_REGISTERED=1 starts from a fleet registered before (codes issued), so the cold start
// is authentication only. BENCH_CPU_PROF=dir profiles the Harbor processes,
// FLEET_GENERATOR_PROF=dir the load generators.
// The gateways are gateway-only processes (HARBOR_ROLES=gateway): their CPU is the gateway's
// (sessions, authentication, publishing to JetStream); one more process (api and tracker)
// stores the fixes.

const REPORT_MS = 30_000;
const HEARTBEAT_MS = 60_000;
/** The load generators' schedule resolution. */
const SLOT_MS = 100;
const PER_GATEWAY = 16_000;
const PER_GENERATOR = 18_000;
/**
 * Connections from one loopback source address, at most. The kernel picks a client's port by
 * searching the address's ephemeral range (bind before connect, as a source address needs),
 * and the search grows with the ports in use: measured here, 16,000 connections from one
 * address cost 9.0 s of kernel CPU (the last 4,000 over 1 ms each), from four addresses
 * 0.33 s. Terminals in the field each have their own address; the generators should not
 * spend the cores the gateways are measured on.
 */
const PER_ADDRESS = 4_000;
/** Handshakes a load generator has outstanding at once, at most, while its fleet switches on. */
const MAX_CONNECTING = 500;

/** What a load generator tells the parent, every second and when asked. */
type GeneratorStats = {
  /** Terminals online (authenticated), by gateway index. */
  onlineByGateway: number[];
  reportsSent: number;
  reportsAcknowledged: number;
  /** Blind-area batches (0x0704): reports unanswered when a link broke, sent again. */
  batchesAcknowledged: number;
  heartbeatsSent: number;
  heartbeatsAcknowledged: number;
  authentications: number;
  registrations: number;
  errors: number;
  inFlight: number;
};

type GeneratorInput = {
  /** Set: every terminal was registered before with the code `${codePrefix}${phone}`. */
  codePrefix: string | null;
  terminals: { phone: string; gateway: number }[];
  ports: number[];
  /** Loopback source addresses, terminal j connecting from the j-th modulo their number. */
  localAddresses: string[];
  /** Terminals started per second at the beginning (a cold fleet switching on). */
  startPerSecond: number;
};

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A generator's counters before anything happened, with `gateways` gateways. */
function noStats(gateways: number): GeneratorStats {
  return {
    onlineByGateway: Array.from({ length: gateways }, () => 0),
    reportsSent: 0,
    reportsAcknowledged: 0,
    batchesAcknowledged: 0,
    heartbeatsSent: 0,
    heartbeatsAcknowledged: 0,
    authentications: 0,
    registrations: 0,
    errors: 0,
    inFlight: 0,
  };
}

// ---- the load generator (a child process) ----

async function generator(input: GeneratorInput): Promise<void> {
  const send = (message: unknown) => process.send?.(message);
  const counters: SinkCounters = { sent: 0, acknowledged: 0, refused: 0, errors: 0 };
  const stats = noStats(input.ports.length);
  let answered = 0;
  const onAcknowledged = (messageId: number) => {
    answered++;
    if (messageId === 0x0704) stats.batchesAcknowledged++;
    else if (messageId === 0x0200) stats.reportsAcknowledged++;
    else if (messageId === 0x0002) stats.heartbeatsAcknowledged++;
    else if (messageId === 0x0102) stats.authentications++;
  };
  // The first few of each kind of error, to tell a refused connection from a lost answer.
  const seen = new Map<string, number>();
  const onError = (message: string) => {
    const kind = message.replace(/^\d+: /, '').replace(/\d+/g, 'N');
    const count = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, count);
    if (count <= 2) console.error(`  generator ${input.localAddresses[0]}: ${message}`);
  };
  const scenario = createScenario({
    seed: 'fleet',
    start: new Date(),
    vessels: 0,
    vehicles: input.terminals.map((terminal) => ({ terminalPhone: terminal.phone })),
  });
  const began = Date.now();
  const trucks = scenario.vehicles.map((vehicle, i) => {
    const gateway = input.terminals[i]?.gateway ?? 0;
    // Each truck's reports at its own moment of the 30 s, its heartbeats halfway between two
    // of them, in one half of the minute or the other, so any window of the steady phase
    // sees as many heartbeats as any other.
    const offset = Math.floor(Math.random() * REPORT_MS);
    return {
      gateway,
      client: new Jt808Client({
        host: '127.0.0.1',
        port: input.ports[gateway] ?? 0,
        localAddress: input.localAddresses[i % input.localAddresses.length] ?? '127.0.0.1',
        ...(input.codePrefix ? { authCode: `${input.codePrefix}${vehicle.terminalPhone}` } : {}),
        vehicle,
        counters,
        // Heartbeats come from the schedule below, never from the client's own idle timer.
        heartbeatMs: 10 * HEARTBEAT_MS,
        replyTimeoutMs: 120_000,
        reconnectMinMs: 1_000,
        reconnectMaxMs: 10_000,
        refusalRetryMs: 10_000,
        onAcknowledged,
        onError,
      }),
      reportAtMs: offset,
      heartbeatAtMs: offset + REPORT_MS / 2 + (i % 2) * REPORT_MS,
      lat: 30.62 + (i % 100) * 0.0005,
      lon: 122.04 + Math.floor(i / 100) * 0.00002,
    };
  });
  // A cold fleet switches on at `startPerSecond` at most, and never with more than
  // `MAX_CONNECTING` handshakes outstanding: terminals pile into the gateways' accept queues
  // faster than they register, and the kernel's retransmissions then take the CPU the
  // gateways need (a run starting 100,000 at 4,000/s registered none in minutes).
  let started = 0;
  const starter = setInterval(() => {
    let online = 0;
    for (let i = 0; i < started; i++) if (trucks[i]?.client.state === 'online') online++;
    const due = Math.min(
      trucks.length,
      Math.ceil(((Date.now() - began) / 1000) * input.startPerSecond),
      online + MAX_CONNECTING,
    );
    for (; started < due; started++) trucks[started]?.client.start();
    if (started >= trucks.length) clearInterval(starter);
  }, 50);

  const report = () => {
    stats.onlineByGateway = input.ports.map(() => 0);
    let inFlight = 0;
    for (const truck of trucks) {
      if (truck.client.state === 'online')
        stats.onlineByGateway[truck.gateway] = (stats.onlineByGateway[truck.gateway] ?? 0) + 1;
      inFlight += truck.client.inFlight;
    }
    stats.inFlight = inFlight;
    stats.errors = counters.errors;
    // Every acknowledgement but the 0x8001s is a 0x8100 with its code.
    stats.registrations = counters.acknowledged - answered;
    send({ stats });
  };
  const reporter = setInterval(report, 1_000);
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    clearInterval(starter);
    clearInterval(reporter);
    report();
    Promise.all(trucks.map((truck) => truck.client.stop())).finally(() => process.exit(0));
  });
  // Reports and heartbeats on each truck's own schedule, a truck offline skipping its turn:
  // each truck sits in the 100 ms slot of its report in the 30 s and of its heartbeat in the
  // minute, and every wake-up serves the slots that came due since the last (not a scan of
  // every truck ten times a second).
  type Truck = (typeof trucks)[number];
  const slotsOf = (cycleMs: number, atMs: (truck: Truck) => number) => {
    const slots: Truck[][] = Array.from({ length: cycleMs / SLOT_MS }, () => []);
    for (const truck of trucks)
      slots[Math.floor(atMs(truck) / SLOT_MS) % slots.length]?.push(truck);
    return slots;
  };
  const reportSlots = slotsOf(REPORT_MS, (truck) => truck.reportAtMs);
  const heartbeatSlots = slotsOf(HEARTBEAT_MS, (truck) => truck.heartbeatAtMs);
  let servedSlot = -1;
  for (;;) {
    const now = Date.now();
    const dueSlot = Math.floor((now - began) / SLOT_MS);
    for (servedSlot++; servedSlot <= dueSlot; servedSlot++) {
      for (const truck of reportSlots[servedSlot % reportSlots.length] ?? []) {
        if (truck.client.state !== 'online') continue;
        truck.client.send(
          [
            {
              time: new Date(now - (now % 1000)),
              lat: truck.lat,
              lon: truck.lon,
              speedKmh: 12,
              courseDeg: 90,
              altitudeM: 10,
              isAccOn: true,
            },
          ],
          false,
        );
        stats.reportsSent++;
      }
      for (const truck of heartbeatSlots[servedSlot % heartbeatSlots.length] ?? []) {
        if (truck.client.state !== 'online') continue;
        truck.client.heartbeat();
        stats.heartbeatsSent++;
      }
    }
    servedSlot = dueSlot;
    await sleep(SLOT_MS);
  }
}

// ---- the parent ----

type Generator = { child: ChildProcess; stats: GeneratorStats | null; exited: boolean };

function startGenerator(input: GeneratorInput): Generator {
  const child = fork(fileURLToPath(import.meta.url), ['generator'], {
    execArgv: [
      '--import',
      'tsx',
      '--max-old-space-size=4096',
      // FLEET_GENERATOR_PROF=dir: a V8 CPU profile of each load generator, written as it ends.
      ...(process.env.FLEET_GENERATOR_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FLEET_GENERATOR_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const generator: Generator = { child, stats: null, exited: false };
  child.on('message', (message: { stats?: GeneratorStats; ready?: boolean }) => {
    if (message.stats) generator.stats = message.stats;
    if (message.ready) child.send({ input });
  });
  child.once('exit', () => {
    generator.exited = true;
  });
  return generator;
}

function totals(generators: Generator[], gateways: number) {
  const sum = noStats(gateways);
  for (const { stats } of generators) {
    if (!stats) continue;
    stats.onlineByGateway.forEach((n, i) => {
      sum.onlineByGateway[i] = (sum.onlineByGateway[i] ?? 0) + n;
    });
    sum.reportsSent += stats.reportsSent;
    sum.reportsAcknowledged += stats.reportsAcknowledged;
    sum.batchesAcknowledged += stats.batchesAcknowledged;
    sum.heartbeatsSent += stats.heartbeatsSent;
    sum.heartbeatsAcknowledged += stats.heartbeatsAcknowledged;
    sum.authentications += stats.authentications;
    sum.registrations += stats.registrations;
    sum.errors += stats.errors;
    sum.inFlight += stats.inFlight;
  }
  const online = sum.onlineByGateway.reduce((a, b) => a + b, 0);
  return { ...sum, online };
}

/** Whether something accepts TCP connections on this loopback port. */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Transactions the database has committed so far (pg_stat_database). */
async function commits(url: string): Promise<number> {
  const db = await createDb({ databaseUrl: url, maxConnections: 1 });
  try {
    const { rows } = await db.sql.query<{ n: string }>(
      'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}

/**
 * Where the machine's CPU goes, by role: the gateways, the load generators, the process that
 * stores (api and tracker), the NATS server, PostgreSQL, and everything else. Read at two
 * moments; `line` prints the shares between them as cores busy on average.
 */
function roleMeter(roles: { gateways: () => number[]; generators: () => number[]; core: number }) {
  // All of the processes' CPU, and the kernel's part of it, read once per process.
  const cpuOf = (pids: number[]) =>
    pids
      .map(cpuSplitOf)
      .reduce(
        (sum, { user, system }) => ({ all: sum.all + user + system, kernel: sum.kernel + system }),
        { all: 0, kernel: 0 },
      );
  const sample = () => {
    const gateways = cpuOf(roles.gateways());
    const generators = cpuOf(roles.generators());
    return {
      at: performance.now(),
      gateways: gateways.all,
      gatewaysKernel: gateways.kernel,
      generators: generators.all,
      generatorsKernel: generators.kernel,
      core: cpuSecondsOf(roles.core),
      nats: commandCpuSeconds('nats-server'),
      postgres: postgresCpuSeconds(),
      machine: machineBusySeconds(),
    };
  };
  const start = sample();
  return {
    /** Cores busy on average since the meter started, by role; `per`: CPU µs per unit. */
    line(per?: { count: number; unit: string }): string {
      const end = sample();
      const seconds = (end.at - start.at) / 1000;
      const share = (key: Exclude<keyof typeof start, 'at'>) => end[key] - start[key];
      const known = ['gateways', 'generators', 'core', 'nats', 'postgres'] as const;
      const parts = known.map((key) => {
        const cpu = share(key);
        const perUnit = per
          ? `, ${fmt((cpu * 1e6) / Math.max(1, per.count))} µs per ${per.unit}`
          : '';
        const kernel =
          key === 'gateways' || key === 'generators'
            ? ` (kernel ${fmt(share(`${key}Kernel`) / seconds, 2)})`
            : '';
        return `${key} ${fmt(cpu / seconds, 2)}${kernel}${perUnit}`;
      });
      const other = share('machine') - known.reduce((sum, key) => sum + share(key), 0);
      return `cores busy over ${fmt(seconds, 1)} s: ${parts.join('; ')}; other ${fmt(other / seconds, 2)}; machine ${fmt(share('machine') / seconds, 2)} of 2`;
    },
  };
}

/** The fleet's phones: the demo fleet's, then devices added for what it cannot hold. */
async function fleetPhones(url: string, terminals: number): Promise<string[]> {
  const phones = demoFleet(Math.min(terminals, MAX_DEMO_FLEET)).map((truck) => truck.terminalPhone);
  if (terminals <= MAX_DEMO_FLEET) return phones;
  const db = await createDb({ databaseUrl: url, maxConnections: 1 });
  try {
    const { organizationId } = await db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: phones[0] ?? '' },
      select: { organizationId: true },
    });
    const extra = Array.from(
      { length: terminals - MAX_DEMO_FLEET },
      (_, i) => `0139180${String(i + 1).padStart(5, '0')}`,
    );
    await db.prisma.device.createMany({
      data: extra.map((terminalPhone) => ({ terminalPhone, organizationId })),
      skipDuplicates: true,
    });
    return [...phones, ...extra];
  } finally {
    await db.close();
  }
}

/** Gives every device of the fleet the hash of the code its terminal will present. */
async function registerBefore(url: string, phones: string[], codePrefix: string): Promise<void> {
  const db = await createDb({ databaseUrl: url, maxConnections: 1 });
  try {
    for (let i = 0; i < phones.length; i += 10_000) {
      const chunk = phones.slice(i, i + 10_000);
      await db.sql.query(
        `UPDATE "Device" d SET "authCodeHash" = v.hash, "isRegistrationOpen" = false
         FROM unnest($1::text[], $2::text[]) AS v(phone, hash) WHERE d."terminalPhone" = v.phone`,
        [chunk, chunk.map((phone) => hashAuthCode(`${codePrefix}${phone}`))],
      );
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  if (!url) {
    log(
      'BENCH_DATABASE_URL is not set (a PostgreSQL database whose name contains "bench"): nothing to run.',
    );
    return;
  }
  const busUrl = process.env.BENCH_BUS_URL ?? 'nats://127.0.0.1:4222';
  const terminals = Number(process.env.FLEET_TERMINALS ?? 20_000);
  const gatewayCount = Number(process.env.FLEET_GATEWAYS ?? Math.ceil(terminals / PER_GATEWAY));
  const generatorCount = Number(
    process.env.FLEET_GENERATORS ?? Math.ceil(terminals / PER_GENERATOR),
  );
  const steadyMs = Number(process.env.FLEET_STEADY_SECONDS ?? 90) * 1000;
  const stream = `FLEET_${randomBytes(4).toString('hex')}`;
  log(
    `JT/T 808 fleet: ${fmt(terminals)} terminals, ${gatewayCount} gateway processes, ${generatorCount} load generators, stream ${stream}`,
  );
  await freshBenchDatabase(url);
  const env = (roles: string, seed = false): Record<string, string> => ({
    DATABASE_URL: url,
    BUS_URL: busUrl,
    BUS_STREAM: stream,
    HARBOR_ROLES: roles,
    SEED: String(seed),
    SEED_FLEET: String(Math.min(terminals, MAX_DEMO_FLEET)),
  });
  // One process stores (api and tracker; it migrates and seeds first); the gateways are
  // gateway-only processes (HARBOR_ROLES=gateway) that publish to the bus.
  const seededAt = performance.now();
  const core = await startHarborProcess(env('api,tracker', true));
  log(`seeded and ready in ${fmt((performance.now() - seededAt) / 1000, 1)} s`);
  const gateways: HarborProcess[] = await Promise.all(
    // A port picked free may be taken before the child listens on it: then a second try.
    Array.from({ length: gatewayCount }, () =>
      startHarborProcess(env('gateway')).catch(() => startHarborProcess(env('gateway'))),
    ),
  );
  const phones = await fleetPhones(url, terminals);
  // FLEET_REGISTERED=1: the fleet registered before (as after any restart of a running
  // fleet): each device gets a code's hash, and its terminal the code; nobody registers.
  const codePrefix = process.env.FLEET_REGISTERED === '1' ? `fleet-${stream}-` : null;
  if (codePrefix) await registerBefore(url, phones, codePrefix);
  const ports = gateways.map((gateway) => gateway.jt808Port);
  const idleRss = gateways.map((gateway) => rssOf(gateway.child.pid ?? 0));
  log(`idle RSS per gateway: ${idleRss.map((rss) => `${fmt(rss / 2 ** 20)} MiB`).join(', ')}`);

  // Terminal i goes to gateway i mod N (a balancer's round robin); generator k drives a slice,
  // from addresses of its own (127.0.0.2 and up).
  const perGenerator = Math.ceil(terminals / generatorCount);
  const addressesPerGenerator = Math.ceil(perGenerator / PER_ADDRESS);
  const generators = Array.from({ length: generatorCount }, (_, k) =>
    startGenerator({
      terminals: phones
        .slice(k * perGenerator, (k + 1) * perGenerator)
        .map((phone, j) => ({ phone, gateway: (k * perGenerator + j) % gatewayCount })),
      ports,
      localAddresses: Array.from(
        { length: addressesPerGenerator },
        (_, a) =>
          `127.0.${Math.floor((k * addressesPerGenerator + a + 2) / 256)}.${(k * addressesPerGenerator + a + 2) % 256}`,
      ),
      codePrefix,
      startPerSecond: Math.ceil(2_000 / generatorCount),
    }),
  );
  const current = () => totals(generators, gatewayCount);
  const meter = () =>
    roleMeter({
      gateways: () => gateways.map((gateway) => gateway.child.pid ?? 0),
      generators: () => generators.map((generator) => generator.child.pid ?? 0),
      core: core.child.pid ?? 0,
    });

  // Connect: every terminal registers and authenticates.
  const connectStart = performance.now();
  const connectCpu = meter();
  let lastLine = connectStart;
  while (current().online < terminals && performance.now() - connectStart < 900_000) {
    await sleep(500);
    if (performance.now() - lastLine >= 10_000) {
      lastLine = performance.now();
      const t = current();
      log(
        `  ${fmt((lastLine - connectStart) / 1000)} s: ${fmt(t.online)} online, ${fmt(t.registrations)} registered, errors ${fmt(t.errors)}`,
      );
    }
  }
  const connected = current();
  const connectSeconds = (performance.now() - connectStart) / 1000;
  log(
    `connect: ${fmt(connected.online)} of ${fmt(terminals)} online in ${fmt(connectSeconds, 1)} s (${fmt(connected.online / connectSeconds)}/s, registration and authentication, started at 2,000/s at most, ${fmt(MAX_CONNECTING)} handshakes outstanding per generator at most)`,
  );
  log(`  connect, ${connectCpu.line({ count: connected.online, unit: 'terminal online' })}`);

  // Steady: reports every 30 s and heartbeats every 60 s per terminal.
  const steadyFrom = current();
  const cpuFrom = gateways.map((gateway) => cpuSecondsOf(gateway.child.pid ?? 0));
  const steadyStart = performance.now();
  const steadyCpu = meter();
  while (performance.now() - steadyStart < steadyMs) {
    await sleep(10_000);
    const t = current();
    log(
      `  steady ${fmt((performance.now() - steadyStart) / 1000)} s: online ${fmt(t.online)}, reports ${fmt(t.reportsSent - steadyFrom.reportsSent)} sent, ${fmt(t.reportsAcknowledged - steadyFrom.reportsAcknowledged)} acknowledged`,
    );
  }
  const steadyTo = current();
  const steadySeconds = (performance.now() - steadyStart) / 1000;
  const cpu = gateways.reduce(
    (sum, gateway, i) => sum + cpuSecondsOf(gateway.child.pid ?? 0) - (cpuFrom[i] ?? 0),
    0,
  );
  const rss = gateways.map((gateway) => rssOf(gateway.child.pid ?? 0));
  const steadyCpuLine = steadyCpu.line({
    count:
      steadyTo.reportsAcknowledged -
      steadyFrom.reportsAcknowledged +
      steadyTo.heartbeatsAcknowledged -
      steadyFrom.heartbeatsAcknowledged,
    unit: 'report or heartbeat',
  });
  const reports = steadyTo.reportsAcknowledged - steadyFrom.reportsAcknowledged;
  const heartbeats = steadyTo.heartbeatsAcknowledged - steadyFrom.heartbeatsAcknowledged;
  log(
    `steady ${fmt(steadySeconds)} s: ${fmt(steadyTo.reportsSent - steadyFrom.reportsSent)} reports sent, ${fmt(reports)} acknowledged (${fmt(reports / steadySeconds)}/s); ${fmt(heartbeats)} heartbeats acknowledged; ${fmt(steadyTo.inFlight)} in flight at the end`,
  );
  log(
    `gateway CPU: ${fmt(cpu, 1)} s over ${fmt(steadySeconds)} s (${fmt((cpu / steadySeconds) * 100)}% of one core, all ${gatewayCount} together), ${fmt((cpu * 1e6) / Math.max(1, reports + heartbeats))} µs per report or heartbeat, ${fmt((cpu * 1e6) / Math.max(1, reports))} µs per report`,
  );
  log(`  steady, ${steadyCpuLine}`);
  gateways.forEach((gateway, i) => {
    const connections = steadyTo.onlineByGateway[i] ?? 0;
    log(
      `  gateway ${i} (pid ${gateway.child.pid}): ${fmt(connections)} terminals, RSS ${fmt((rss[i] ?? 0) / 2 ** 20)} MiB (idle ${fmt((idleRss[i] ?? 0) / 2 ** 20)} MiB): ${fmt((rss[i] ?? 0) / 1024 / Math.max(1, connections), 1)} KiB per connection, ${fmt(((rss[i] ?? 0) - (idleRss[i] ?? 0)) / 1024 / Math.max(1, connections), 1)} KiB above idle`,
    );
  });

  // Restart: gateway 0 is killed and started again on the same port.
  const victim = gateways[0] as HarborProcess;
  const itsTerminals = steadyTo.onlineByGateway[0] ?? 0;
  const commitsBefore = await commits(url);
  const killedAt = performance.now();
  await victim.crash();
  while ((current().onlineByGateway[0] ?? 0) > 0 && performance.now() - killedAt < 60_000)
    await sleep(100);
  const restartAt = performance.now();
  const restartCpu = meter();
  const restarted = startHarborProcess({
    ...env('gateway'),
    JT808_PORT: String(victim.jt808Port),
  });
  // Harbor listens for terminals before it is ready for HTTP: the clock starts at the listen.
  while (!(await isListening(victim.jt808Port))) await sleep(20);
  const readyAt = performance.now();
  gateways[0] = await restarted;
  log(
    `restart: gateway 0 (${fmt(itsTerminals)} terminals) killed; its terminals offline after ${fmt((restartAt - killedAt) / 1000, 1)} s; started again, listening ${fmt((readyAt - restartAt) / 1000, 1)} s later, ready for HTTP ${fmt((performance.now() - restartAt) / 1000, 1)} s later`,
  );
  const authsBefore = current().authentications;
  const marks = [0.5, 0.9, 0.99, 1];
  const reached: number[] = [];
  while (performance.now() - readyAt < 300_000) {
    const back = current().onlineByGateway[0] ?? 0;
    while (
      reached.length < marks.length &&
      back >= Math.ceil((marks[reached.length] ?? 1) * itsTerminals)
    )
      reached.push((performance.now() - readyAt) / 1000);
    if (reached.length === marks.length) break;
    await sleep(100);
  }
  const back = current();
  const restartCpuLine = restartCpu.line();
  const counters = await gateways[0]?.counters().catch(() => ({}) as Record<string, number>);
  log(
    `  restarted gateway: ${Object.entries(counters ?? {})
      .filter(([key, value]) => key.startsWith('jt808') && value > 0)
      .map(([key, value]) => `${key} ${fmt(value)}`)
      .join(', ')}`,
  );
  const reauthSeconds = reached[marks.length - 1] ?? Number.NaN;
  const commitsAfter = await commits(url);
  log(
    `re-authentication: ${fmt(back.onlineByGateway[0] ?? 0)} of ${fmt(itsTerminals)} back; 50% ${fmt(reached[0] ?? Number.NaN, 1)} s, 90% ${fmt(reached[1] ?? Number.NaN, 1)} s, 99% ${fmt(reached[2] ?? Number.NaN, 1)} s, all ${fmt(reauthSeconds, 1)} s after the gateway listened (${fmt((performance.now() - killedAt) / 1000, 1)} s after the kill); ${fmt(back.authentications - authsBefore)} authentications; database: ${fmt(commitsAfter - commitsBefore)} commits from the kill to the last re-authentication (all processes, reports included)`,
  );
  log(`  from the restart to the last re-authentication, ${restartCpuLine}`);

  // Drain: every report sent is answered, then the fleet hangs up.
  const drainStart = performance.now();
  while (current().inFlight > 0 && performance.now() - drainStart < 150_000) await sleep(500);
  const end = current();
  log(
    `overall: ${fmt(end.reportsSent)} reports sent, ${fmt(end.reportsAcknowledged)} acknowledged, ${fmt(end.inFlight)} unanswered at the end; ${fmt(end.batchesAcknowledged)} blind-area batches acknowledged (the reports the killed gateway had not answered, sent again); ${fmt(end.heartbeatsAcknowledged)} heartbeats acknowledged; ${fmt(end.errors)} client errors`,
  );
  for (const generator of generators) generator.child.send({ stop: true });
  const stopDeadline = Date.now() + 30_000;
  while (generators.some((g) => !g.exited) && Date.now() < stopDeadline) await sleep(200);
  for (const generator of generators) if (!generator.exited) generator.child.kill('SIGKILL');
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await core.stop();
}

if (process.argv[2] === 'generator') {
  // A generator ends with its parent.
  process.once('disconnect', () => process.exit(0));
  process.once('message', (message: { input: GeneratorInput }) => {
    generator(message.input).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.send?.({ ready: true });
} else {
  await main();
  process.exit(0);
}
