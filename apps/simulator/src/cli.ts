import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { demoFleet } from '@harbor/shared';
import { CaptureWriter } from './capture.ts';
import {
  CliError,
  type CliOptions,
  parseCliOptions,
  parseSuperiorOptions,
  SUPERIOR_USAGE,
  type SuperiorCliOptions,
  USAGE,
} from './cli-options.ts';
import { GateBooker, planGateBookings } from './gate-bookings.ts';
import { createLineAgent, SCHEDULE_WINDOW_MS } from './line-agent.ts';
import { createRandom } from './random.ts';
import { formatCounters, formatDuration, runSimulation } from './run.ts';
import { createScenario, type ScenarioOptions } from './scenario.ts';
import { ScheduleFeed } from './schedule-feed.ts';
import {
  CONSOLE_HELP,
  formatStats,
  runConsoleCommand,
  SuperiorPlatformStandIn,
} from './superior-platform.ts';
import { AisTcpSink } from './transports/ais-tcp-sink.ts';
import { AisUdpSink } from './transports/ais-udp-sink.ts';
import { HarborSession } from './transports/harbor-session.ts';
import { HttpSink } from './transports/http-sink.ts';
import { Jt808Sink } from './transports/jt808-sink.ts';
import { messageOf, type ReportSink } from './transports/sink.ts';

const DAY_MS = 24 * 3_600_000;
const log = (line: string) => process.stderr.write(`harbor-sim: ${line}\n`);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // `pnpm sim -- superior ...` hands the separator on.
  if ((argv[0] === '--' ? argv[1] : argv[0]) === 'superior')
    return runSuperior(argv.slice(argv.indexOf('superior') + 1));
  let options: CliOptions | 'help';
  try {
    options = parseCliOptions(argv, new Date(), (path) => readFileSync(path, 'utf8'));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`harbor-sim: ${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scenarioOptions: ScenarioOptions = {
    seed: options.seed,
    start: options.start,
    vessels: options.vessels,
    vehicles:
      // Without --phones the trucks are Harbor's seeded demo fleet (SEED_FLEET), so every
      // terminal is known to a freshly started Harbor.
      typeof options.vehicles === 'number'
        ? demoFleet(options.vehicles).map(({ terminalPhone, plate }) => ({ terminalPhone, plate }))
        : options.vehicles.map((terminalPhone) => ({ terminalPhone })),
  };
  let schedule: ScheduleFeed | null = null;
  if (options.schedule) {
    const agent = createLineAgent(scenarioOptions);
    // Foreseeing two days of calls takes seconds: done while Harbor starts.
    log('foreseeing the berth schedule');
    agent.callsBerthingBy(new Date(options.start.getTime() + SCHEDULE_WINDOW_MS));
    schedule = new ScheduleFeed(agent, new HarborSession(options.schedule), log);
  }
  if (options.wait) {
    log(`waiting for ${options.wait}`);
    if (!(await waitUntilReady(options.wait, 600_000))) {
      log(`${options.wait} did not answer 200 within 10 minutes`);
      return 1;
    }
  }
  const scenario = createScenario(scenarioOptions);
  // Planned before the first ship is heard, so that Harbor matches her call to its visit.
  await schedule?.publish(scenario.start);
  const bookings = options.bookings ? slotBookings(scenarioOptions, options.bookings) : null;
  await bookings?.bookDay(scenario.start);
  const sinks: ReportSink[] = [];
  if (options.ais?.protocol === 'tcp') sinks.push(new AisTcpSink(options.ais));
  if (options.ais?.protocol === 'udp') sinks.push(new AisUdpSink(options.ais));
  if (options.jt808) sinks.push(new Jt808Sink({ ...options.jt808, vehicles: scenario.vehicles }));
  if (options.http) sinks.push(new HttpSink(options.http));
  const capture = options.capture
    ? new CaptureWriter(
        options.capture,
        `harbor-sim seed=${scenario.seed} start=${scenario.start.toISOString()} vessels=${scenario.vessels.length} vehicles=${scenario.vehicles.length}`,
      )
    : null;

  const abort = new AbortController();
  process.once('SIGINT', () => {
    log('interrupted; closing connections (Ctrl-C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  process.once('SIGTERM', () => abort.abort());

  log(
    `seed ${scenario.seed}: ${scenario.vessels.length} vessels, ${scenario.vehicles.length} trucks from ${scenario.start.toISOString()}` +
      `${options.durationMs === null ? '' : ` for ${formatDuration(options.durationMs)}`} at x${options.speed}`,
  );
  for (const sink of sinks) sink.start();
  const summary = await runSimulation({
    scenario,
    sinks,
    capture,
    speed: options.speed,
    durationMs: options.durationMs,
    signal: abort.signal,
    onProgress: log,
    ...(schedule || bookings
      ? {
          onSimulatedDay: async (at: Date) => {
            await schedule?.publish(at);
            await bookings?.bookDay(at);
          },
        }
      : {}),
  });
  // Let replies to the last messages arrive before closing.
  if (!abort.signal.aborted && sinks.length > 0)
    await new Promise((resolve) => setTimeout(resolve, 1000));
  const closing = Promise.all(sinks.map((sink) => sink.close()));
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  if (capture) await capture.close();

  log(
    `done: ${formatDuration(summary.simulatedMs)} simulated in ${(summary.wallMs / 1000).toFixed(1)} s, ${summary.reports} reports`,
  );
  for (const sink of sinks)
    log(
      `  ${sink.name}: ${formatCounters(sink.counters)}${sink.lastError ? ` (last error: ${sink.lastError})` : ''}`,
    );
  if (capture) log(`  capture: ${capture.lines} lines in ${capture.path}`);
  if (schedule)
    log(
      `  schedule: ${schedule.counters.imported} calls imported, ${schedule.counters.known} already planned, ${schedule.counters.failures} failed imports`,
    );
  return 0;
}

/**
 * `harbor-sim superior`: the JT/T 809 superior platform stand-in, until Ctrl-C. Its events go
 * to standard output with the time; commands typed on standard input send it requests.
 */
async function runSuperior(argv: string[]): Promise<number> {
  let options: SuperiorCliOptions | 'help';
  try {
    options = parseSuperiorOptions(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`harbor-sim superior: ${error.message}\n\n${SUPERIOR_USAGE}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${SUPERIOR_USAGE}\n`);
    return 0;
  }
  const print = (line: string) =>
    process.stdout.write(`${new Date().toTimeString().slice(0, 8)} ${line}\n`);
  const { listen, keys, inspectEveryMs } = options;
  const standIn = new SuperiorPlatformStandIn({
    listenHost: listen.host,
    listenPort: listen.port,
    edition: options.edition,
    userId: options.userId,
    password: options.password,
    gnssCenterId: options.gnssCenterId,
    ...(keys ? { keys } : {}),
    ...(inspectEveryMs === null ? {} : { inspectEveryMs }),
    logger: print,
  });
  try {
    await standIn.start();
  } catch (error) {
    log(`superior: cannot listen on ${listen.host}:${listen.port}: ${messageOf(error)}`);
    return 1;
  }
  print(`type a command and Enter; ${CONSOLE_HELP}`);
  const commands = createInterface({ input: process.stdin, terminal: false });
  commands.on('line', (line) => {
    const reply = runConsoleCommand(standIn, line);
    if (reply) process.stdout.write(`${reply}\n`);
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  commands.close();
  process.stdin.destroy();
  await standIn.stop();
  process.stdout.write(`${formatStats(standIn.stats)}\n`);
  return 0;
}

/** Polls `url` once a second until it answers 200 or `timeoutMs` passes. */
async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return false;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(messageOf(error));
    process.exitCode = 1;
  },
);

/**
 * The companies' dispatchers booking their trucks' gate slots a simulated day ahead, from a twin
 * of the scenario run a day in advance (what each truck will do is known only by running it).
 */
function slotBookings(
  scenarioOptions: ScenarioOptions,
  bookings: { url: string; dispatchers: { email: string; password: string }[] },
) {
  const twin = createScenario(scenarioOptions);
  const booker = new GateBooker(
    bookings.dispatchers.map((login) => new HarborSession({ url: bookings.url, ...login })),
    log,
  );
  const random = createRandom(`${twin.seed}/gate-bookings`);
  return {
    async bookDay(from: Date) {
      const untilMs = from.getTime() + DAY_MS;
      twin.advanceTo(new Date(untilMs));
      const plans = planGateBookings(
        twin.vehicles.map((vehicle) => ({
          terminalPhone: vehicle.terminalPhone,
          plate: vehicle.plate,
          hauls: twin.haulsOf(vehicle.terminalPhone),
        })),
        { fromMs: from.getTime(), untilMs, random: random.fork(from.toISOString()) },
      );
      try {
        await booker.book(plans);
      } catch (error) {
        log(`gate bookings failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
