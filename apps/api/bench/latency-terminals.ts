import { createScenario, Jt808Client, type SinkCounters } from '@harbor/simulator';

// The JT/T 808 terminals of bench/cluster-latency.ts, in a process of their own: the
// subscribers' process then notes when each fix arrives without waiting behind thousands of
// sends and answers. The parent tells it (IPC) which terminals to connect and at what rate
// to send; it tells back when each report's frame was written to its gateway's socket (epoch
// milliseconds: the clock both processes read), and when a run's reports are all sent and
// all answered.

type Area = { minLat: number; minLon: number };

/** What the parent asks. */
export type TerminalsCommand =
  | {
      connect: {
        phones: string[];
        /** The JT/T 808 ports of gateways A and B: truck i reports to gateway i % 2. */
        ports: [number, number];
        /** Where gateway A's and gateway B's trucks drive. */
        areas: [Area, Area];
        /** The first report's fix time; each later one a second after its truck's last. */
        fixStart: number;
      };
    }
  | { run: { rate: number; count: number } };

/**
 * What the terminals tell. `written`: [truck index, fix time, frame written at] of reports;
 * `answered`: how long reports waited for their 0x8001 (sent once JetStream stored them).
 */
export type TerminalsEvent =
  | { online: number }
  | { written: [number, number, number][]; answered: number[] }
  | { allSent: true }
  | { allAnswered: true }
  | { failed: string };

/** Reports a terminal may have unanswered (as in e2e-ingest.ts): past it the rate falls. */
const WINDOW = 8;
/** How often the times of written reports go to the parent, in milliseconds. */
const TELL_EVERY_MS = 10;
const epochMs = () => performance.timeOrigin + performance.now();
const tell = (event: TerminalsEvent) => process.send?.(event);

type Truck = {
  client: Jt808Client;
  reports: number;
  /** When each unanswered report was written, oldest first: a terminal's answers come in order. */
  unanswered: number[];
  lat: number;
  lon: number;
};
const trucks: Truck[] = [];
let fixStart = 0;
let answered = 0;
/** Answers that end the current run. */
let answeredTarget = Number.POSITIVE_INFINITY;
let answerTimes: number[] = [];

async function connectFleet(command: Extract<TerminalsCommand, { connect: unknown }>['connect']) {
  fixStart = command.fixStart;
  const counters: SinkCounters = { sent: 0, acknowledged: 0, refused: 0, errors: 0 };
  let errorsShown = 0;
  const scenario = createScenario({
    seed: 'cluster-latency',
    start: new Date(fixStart),
    vessels: 0,
    vehicles: command.phones.map((terminalPhone) => ({ terminalPhone })),
  });
  for (const [i, vehicle] of scenario.vehicles.entries()) {
    const gateway = i % 2;
    const j = Math.floor(i / 2);
    const area = command.areas[gateway] as Area;
    const unanswered: number[] = [];
    trucks.push({
      client: new Jt808Client({
        host: '127.0.0.1',
        port: command.ports[gateway] ?? 0,
        vehicle,
        counters,
        heartbeatMs: 60_000,
        replyTimeoutMs: 120_000,
        onAcknowledged: (messageId) => {
          if (messageId !== 0x0200) return;
          const writtenAt = unanswered.shift();
          if (writtenAt !== undefined) answerTimes.push(epochMs() - writtenAt);
          if (++answered !== answeredTarget) return;
          tell({ written: [], answered: answerTimes });
          answerTimes = [];
          tell({ allAnswered: true });
        },
        onError: (message) => {
          if (++errorsShown <= 5) console.error(`  terminal: ${message}`);
        },
      }),
      reports: 0,
      unanswered,
      // A hundred trucks a column, a column every 0.001°; each report 1 m further east.
      lat: area.minLat + 0.1 + (j % 100) * 0.001,
      lon: area.minLon + 0.01 + Math.floor(j / 100) * 0.001,
    });
  }
  // In waves of 500, each once the one before is online, as runJt808Load switches on.
  const deadline = Date.now() + 300_000;
  for (let i = 0; i < trucks.length; i += 500) {
    const wave = trucks.slice(i, i + 500);
    for (const truck of wave) truck.client.start();
    while (!wave.every((truck) => truck.client.state === 'online')) {
      if (Date.now() > deadline) throw new Error('terminals not online after 300 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Sends `count` reports at `rate` a second, round robin over the fleet; a truck with WINDOW
 * reports unanswered is skipped, so past what the gateways take the rate falls.
 */
async function run({ rate, count }: { rate: number; count: number }) {
  answeredTarget = answered + count;
  let written: [number, number, number][] = [];
  let toldAt = performance.now();
  const began = performance.now();
  let sent = 0;
  let next = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor((rate * (performance.now() - began)) / 1000)) - sent;
    let done = 0;
    for (let scanned = 0; done < due && scanned < trucks.length; scanned++) {
      const index = next;
      const truck = trucks[index] as Truck;
      next = (next + 1) % trucks.length;
      if (truck.client.state !== 'online' || truck.client.inFlight >= WINDOW) continue;
      const fixMs = fixStart + truck.reports * 1000;
      truck.reports++;
      truck.client.send(
        [
          {
            time: new Date(fixMs),
            lat: truck.lat,
            lon: truck.lon + truck.reports * 1e-5,
            speedKmh: 12,
            courseDeg: 90,
            altitudeM: 10,
            isAccOn: true,
          },
        ],
        false,
      );
      const writtenAt = epochMs();
      truck.unanswered.push(writtenAt);
      written.push([index, fixMs, writtenAt]);
      sent++;
      done++;
    }
    if (performance.now() - toldAt >= TELL_EVERY_MS) {
      tell({ written, answered: answerTimes });
      written = [];
      answerTimes = [];
      toldAt = performance.now();
    }
    // Pacing, not waiting for anything: a millisecond when nothing was due or every truck
    // waits for answers, else straight on after the sockets' events.
    if (done === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    else await new Promise((resolve) => setImmediate(resolve));
  }
  tell({ written, answered: answerTimes });
  answerTimes = [];
  tell({ allSent: true });
}

// Ends with its parent; one command at a time.
process.once('disconnect', () => process.exit(0));
process.on('message', (command: TerminalsCommand) => {
  const work =
    'connect' in command
      ? connectFleet(command.connect).then(() => tell({ online: trucks.length }))
      : run(command.run);
  work.catch((error: unknown) => tell({ failed: String(error) }));
});
