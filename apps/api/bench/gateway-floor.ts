import { fork } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeJt808Message, type Jt808Message, Jt808StreamDecoder } from '@harbor/protocols/jt808';
import { demoFleet } from '@harbor/shared';
import { loadSpanMs, runJt808Load } from '@harbor/simulator';
import { HARBOR_NODE_FLAGS } from '../scripts/bundle.ts';
import { LISTEN_BACKLOG } from '../src/edges/gateways/backlog.ts';
import { IDLE_TIMEOUT_MS, Outbox } from '../src/edges/gateways/jt808-gateway.ts';
import { cpuUse } from './cpu.ts';
import { fmt } from './format.ts';

// `pnpm --filter @harbor/api bench:floor` (part of `pnpm bench`): what any JT/T 808 gateway
// written for Node costs a report, before it does anything with the report. A server that does
// only what the protocol asks of every gateway (each connection's socket and idle timer, the
// frame split and decode, registration and login answered, every message answered by its
// 0x8001 through the gateway's own outbox) takes the same load as the end-to-end benchmark (bench/e2e-ingest.ts): the
// simulator's terminals, one TCP connection each, on the same machine. Its CPU a report is the
// floor under Harbor's own: the socket's read and the answer's write, which on loopback carry
// the kernel's delivery to the other side, and the protocol's work. Harbor's CPU a fix, less
// this floor, is what its pipeline costs (validation, bus, tracker, store, rules, live view).
//
// Two ways of answering, as Harbor answers in the end-to-end runs (BENCH_FLOOR_ANSWER_MS, a
// comma list of intervals, "0,150" unless given):
//   0:   each report answered in the turn it arrived, one write a report, as Harbor does when a
//        truck's reports come further apart than its commits (the latency run, a real fleet);
//   150: the answers due to a connection gathered and written together every 150 ms, as
//        Harbor's commits answer several reports a terminal at its maximum (one commit in
//        about 150 ms, 2.4 reports a terminal a write, in the throughput run).
//
// BENCH_TRUCKS (2,000), BENCH_RATE (33,000 reports/s offered), BENCH_SECONDS (20) and
// BENCH_WINDOW (8 unanswered reports a terminal at most) as in bench/e2e-ingest.ts, which also
// runs the floor after each throughput run, its answers as many to a write as Harbor's were.
// BENCH_CPU_PROF=DIR runs the server under node's CPU profiler, its profile written there.

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 33_000);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;
const WINDOW = Number(process.env.BENCH_WINDOW ?? 8);
const ANSWER_EVERY_MS = (process.env.BENCH_FLOOR_ANSWER_MS ?? '0,150').split(',').map(Number);

/** What the server tells the benchmark: where it listens, then what it answered. */
type ServerMessage =
  | { listening: number }
  | { answered: number; writes: number; badFrames: number };

const REGISTER = 0x0100;
const REGISTER_ANSWER = 0x8100;

/** The server: run in a process of its own, so that its CPU is its own. */
function serve(answerEveryMs: number): void {
  let answered = 0;
  let badFrames = 0;

  // Harbor's own outbox: what is due to a connection in one buffer and one write, at the
  // turn's end or every `answerEveryMs`.
  const counters = { writes: 0 };
  const due = new Set<Outbox>();
  const schedule = answerEveryMs === 0 ? undefined : (outbox: Outbox) => due.add(outbox);

  class Connection {
    private serial = 0;
    readonly outbox: Outbox;

    constructor(socket: Socket) {
      this.outbox = new Outbox(socket, counters, schedule);
    }

    handle({ header, body }: Jt808Message): void {
      this.serial = (this.serial + 1) & 0xffff;
      if (body.messageId === REGISTER)
        this.outbox.add(
          encodeJt808Message({
            header: {
              ...header,
              messageId: REGISTER_ANSWER,
              serial: this.serial,
              subpackage: null,
              encryption: 0,
            },
            body: {
              messageId: REGISTER_ANSWER,
              replySerial: header.serial,
              result: 0,
              authCode: header.terminalPhone,
            },
          }),
        );
      else this.outbox.addGeneralResponse(header, this.serial, 0);
      answered++;
    }
  }

  if (answerEveryMs > 0)
    setInterval(() => {
      for (const outbox of due) outbox.flush();
      due.clear();
    }, answerEveryMs);

  const server = createServer({ noDelay: true }, (socket) => {
    const connection = new Connection(socket);
    const decoder = new Jt808StreamDecoder();
    const onMessage = (message: Jt808Message) => connection.handle(message);
    const onBadFrame = () => {
      badFrames++;
    };
    // The gateway's idle timeout, restarted on every read.
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => due.delete(connection.outbox));
    socket.on('data', (chunk: Buffer) => decoder.each(chunk, onMessage, onBadFrame));
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ listening: port } satisfies ServerMessage);
  });
  process.on('message', () => {
    process.send?.({ answered, writes: counters.writes, badFrames } satisfies ServerMessage, () =>
      process.exit(0),
    );
  });
}

/** What the floor server cost a report under the load, and how it answered. */
export type Floor = {
  answerEveryMs: number;
  trucks: number;
  sent: number;
  sentPerSecond: number;
  acknowledged: number;
  errors: number;
  answersPerWrite: number;
  /** CPU a report: the floor server's (and of it the kernel's), the load generator's. */
  floorUs: number;
  floorKernelUs: number;
  loadUs: number;
};

export type FloorOptions = {
  answerEveryMs: number;
  trucks: number;
  ratePerSecond: number;
  durationMs: number;
  window: number;
};

/** Starts the floor server, drives it with the load for `durationMs`, and stops it. */
export async function measureFloor(options: FloorOptions): Promise<Floor> {
  const { answerEveryMs, trucks, ratePerSecond, durationMs, window } = options;
  const server = fork(fileURLToPath(import.meta.url), ['--serve', String(answerEveryMs)], {
    execArgv: [
      '--import',
      'tsx',
      ...HARBOR_NODE_FLAGS,
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      server.once('message', (message) => resolve(message as ServerMessage));
      server.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
    });
  try {
    const first = await next();
    if (!('listening' in first)) throw new Error('the floor server did not say where it listens');
    let meter: ReturnType<typeof cpuUse> | null = null;
    const result = await runJt808Load({
      host: '127.0.0.1',
      port: first.listening,
      terminalPhones: demoFleet(trucks).map((truck) => truck.terminalPhone),
      ratePerSecond,
      durationMs,
      // Within the last day, as the end-to-end benchmark's (the floor does not read them).
      start: new Date(Date.now() - loadSpanMs({ trucks, ratePerSecond, durationMs }) - 60_000),
      window,
      // Measured from when every terminal is online, as in the end-to-end benchmark.
      onOnline: () => {
        meter = cpuUse(server.pid as number);
      },
    });
    const cpu = (meter as ReturnType<typeof cpuUse> | null)?.(result.acknowledged);
    const reported = next();
    server.send('done');
    const last = await reported;
    if (!cpu || !('answered' in last)) throw new Error('the floor server did not report');
    // It exits on its own once it has reported (under BENCH_CPU_PROF, writing its profile).
    if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    return {
      answerEveryMs,
      trucks: result.trucks,
      sent: result.sent,
      sentPerSecond: result.sentPerSecond,
      acknowledged: result.acknowledged,
      errors: result.errors + last.badFrames,
      answersPerWrite: last.answered / Math.max(1, last.writes),
      floorUs: cpu.harborUs,
      floorKernelUs: cpu.harborKernelUs,
      loadUs: cpu.loadUs,
    };
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

/** How the floor server answered, in words. */
export const describeAnswering = (answerEveryMs: number) =>
  answerEveryMs === 0 ? 'each report in the turn it arrived' : `every ${answerEveryMs} ms`;

/** One line of a floor's measurement. */
export function describeFloor(floor: Floor, ratePerSecond: number, durationMs: number): string {
  return (
    `answered ${describeAnswering(floor.answerEveryMs)}: ${fmt(floor.trucks)} terminals, offered ${fmt(ratePerSecond)}/s ` +
    `for ${durationMs / 1000} s: sent ${fmt(floor.sent)} (${fmt(floor.sentPerSecond)}/s), acknowledged ${fmt(floor.acknowledged)}, ` +
    `errors ${floor.errors}; ${floor.answersPerWrite.toFixed(2)} answers a write; CPU a report: the floor server ` +
    `${floor.floorUs.toFixed(1)} µs (${floor.floorKernelUs.toFixed(1)} µs of it in the kernel), load generator ${floor.loadUs.toFixed(1)} µs`
  );
}

// Run as a script (or as the server it forks), not when the end-to-end benchmark imports it.
const isEntry =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry && process.argv[2] === '--serve') serve(Number(process.argv[3] ?? 0));
else if (isEntry) {
  console.log(
    `JT/T 808 gateway floor (${fmt(TRUCKS)} terminals, window ${WINDOW}), node ${process.version}:`,
  );
  for (const answerEveryMs of ANSWER_EVERY_MS) {
    const floor = await measureFloor({
      answerEveryMs,
      trucks: TRUCKS,
      ratePerSecond: RATE,
      durationMs: DURATION_MS,
      window: WINDOW,
    });
    console.log(describeFloor(floor, RATE, DURATION_MS));
  }
}
