import { randomBytes } from 'node:crypto';
import type { Fix } from '@harbor/shared';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { packFixes, readFixGroup } from '../src/pipeline/fix-wire.ts';
import { StreamPublisher } from '../src/pipeline/stream-publisher.ts';
import { busFix } from '../test/fleet-fixes.ts';
import { commandCpuSeconds } from './cpu.ts';

// `pnpm --filter @harbor/api bench:nats` (part of `pnpm bench`): two costs of the fix path on NATS that the end-to-end benchmark cannot tell
// apart from its noise, each measured alone (issue 20).
//
//   1. Fixes between processes (the fix stream's groups, the live relay's messages): messages
//      of 4 fixes (a partition's group at half load) and of 1,000 (a full relay message)
//      written and read (each fix checked against the contract), as JSON with times in
//      milliseconds as it was, and as MessagePack (fix-wire.ts) now; bytes a fix. CPU only.
//   2. A tracker acknowledging what it consumed from the fix stream, against the real NATS
//      server (NATS_URL, default nats://127.0.0.1:4222): confirmed acknowledgements
//      (`ackAck`, a request each) against plain ones (`ack`), CPU per message of this process
//      and of nats-server. Messages of 4 fixes: what a partition's group holds at half load.
//   3. A gateway publishing its gathered fixes to the stream: 16 messages at once (one per
//      partition, as every 5 ms), each resolved when the stream acknowledges it; the client's
//      `js.publish` (a request each) against StreamPublisher (one subscription for every
//      ack), CPU per message of this process and of nats-server.

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const log = (line: string) => console.log(line);

function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** µs of this process's CPU per fix for `work` over `rounds` messages of `fixes` fixes. */
function perFix(fixes: number, rounds: number, work: () => number) {
  for (let i = 0; i < 50; i++) work();
  const start = cpuUs();
  let kept = 0;
  for (let i = 0; i < rounds; i++) kept += work();
  if (kept !== fixes * rounds) throw new Error(`read ${kept} fixes, expected ${fixes * rounds}`);
  return (cpuUs() - start) / (fixes * rounds);
}

/** JSON as it was: times as milliseconds. */
const toJson = (fixes: readonly Fix[]) =>
  new TextEncoder().encode(
    JSON.stringify(
      fixes.map((fix) => ({
        ...fix,
        fixAt: fix.fixAt.getTime(),
        receivedAt: fix.receivedAt.getTime(),
      })),
    ),
  );

function wireFormats(): void {
  // Messages of 4 fixes, what a partition's group holds at half load, and of 1,000, a full
  // relay message.
  for (const size of [4, 1000]) {
    const messages = Math.max(1, Math.round(2000 / size));
    const groups = Array.from({ length: messages }, (_, m) =>
      Array.from({ length: size }, (_, i) => busFix(m * size + i)),
    );
    const formats = { JSON: toJson, MessagePack: packFixes };
    for (const [name, write] of Object.entries(formats)) {
      const written = groups.map((group) => write(group));
      const fixes = messages * size;
      const writes: number[] = [];
      const reads: number[] = [];
      // Alternated with the other format's, three times each: the smallest of each.
      for (let i = 0; i < 3; i++) {
        writes.push(
          perFix(fixes, 100, () => {
            for (const group of groups) write(group);
            return fixes;
          }),
        );
        reads.push(
          perFix(fixes, 100, () => {
            let kept = 0;
            for (const bytes of written) kept += readFixGroup(bytes)?.fixes.length ?? 0;
            return kept;
          }),
        );
      }
      const bytes = written.reduce((sum, message) => sum + message.length, 0) / fixes;
      log(
        `fixes between processes, ${size.toLocaleString('en-US')}-fix messages, ${name}: written ${Math.min(...writes).toFixed(2)} µs, ` +
          `read and checked ${Math.min(...reads).toFixed(2)} µs a fix, ${bytes.toFixed(0)} bytes a fix`,
      );
    }
  }
}

type Cost = { ownUs: number; natsUs: number };

/** CPU a message of this process and of nats-server while `work` handles MESSAGES messages. */
async function costOf(work: () => Promise<void>): Promise<Cost> {
  const start = { own: cpuUs(), nats: commandCpuSeconds('nats-server') };
  await work();
  return {
    ownUs: (cpuUs() - start.own) / MESSAGES,
    natsUs: ((commandCpuSeconds('nats-server') - start.nats) * 1e6) / MESSAGES,
  };
}

/** Each way run three times, alternated with the others: the least cost of each. */
async function leastOfThree<How extends string>(
  hows: readonly How[],
  run: (how: How) => Promise<Cost>,
): Promise<[How, Cost][]> {
  const runs = new Map<How, Cost[]>(hows.map((how) => [how, []]));
  for (let i = 0; i < 3; i++) for (const how of hows) runs.get(how)?.push(await run(how));
  return hows.map((how) => {
    const costs = runs.get(how) ?? [];
    return [
      how,
      {
        ownUs: Math.min(...costs.map((cost) => cost.ownUs)),
        natsUs: Math.min(...costs.map((cost) => cost.natsUs)),
      },
    ];
  });
}

async function acknowledgements(): Promise<void> {
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const payload = packFixes([busFix(1), busFix(2), busFix(3), busFix(4)]);
  const run = async (how: 'ackAck' | 'ack') => {
    const stream = `BENCH_ACKS_${randomBytes(4).toString('hex')}`;
    await jsm.streams.add({
      name: stream,
      subjects: [`${stream}.>`],
      retention: 'workqueue' as never,
    });
    try {
      for (let i = 0; i < MESSAGES; i += 500)
        await Promise.all(
          Array.from({ length: Math.min(500, MESSAGES - i) }, () =>
            js.publish(`${stream}.0`, payload),
          ),
        );
      await jsm.consumers.add(stream, { durable_name: 'c', ack_policy: AckPolicy.Explicit });
      const consumer = await js.consumers.get(stream, 'c');
      return await costOf(async () => {
        let consumed = 0;
        while (consumed < MESSAGES) {
          const batch = await consumer.fetch({ max_messages: 200, expires: 1000 });
          const messages = [];
          for await (const message of batch) messages.push(message);
          if (how === 'ackAck') await Promise.all(messages.map((message) => message.ackAck()));
          else for (const message of messages) message.ack();
          consumed += messages.length;
        }
        await nc.flush();
        // Every acknowledgement has reached the stream: it is empty.
        for (let info = await jsm.streams.info(stream); info.state.messages > 0; ) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          info = await jsm.streams.info(stream);
        }
      });
    } finally {
      await jsm.streams.delete(stream);
    }
  };
  for (const [how, cost] of await leastOfThree(['ackAck', 'ack'] as const, run))
    log(
      `consuming ${MESSAGES.toLocaleString('en-US')} messages of 4 fixes, fetched 200 at a time, acknowledged with ${how}: ` +
        `tracker ${cost.ownUs.toFixed(1)} µs, nats-server ${cost.natsUs.toFixed(1)} µs a message (least of 3 runs)`,
    );
  await nc.close();
}

async function publishing(): Promise<void> {
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const publisher = new StreamPublisher(nc);
  const payload = packFixes([busFix(1), busFix(2), busFix(3), busFix(4)]);
  const run = async (how: 'js.publish' | 'StreamPublisher') => {
    const stream = `BENCH_PUBLISH_${randomBytes(4).toString('hex')}`;
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
    try {
      const publish =
        how === 'js.publish'
          ? (subject: string) => js.publish(subject, payload).then(() => undefined)
          : (subject: string) => publisher.publish(subject, payload);
      const cost = await costOf(async () => {
        for (let i = 0; i < MESSAGES; i += 16)
          await Promise.all(
            Array.from({ length: Math.min(16, MESSAGES - i) }, (_, p) => publish(`${stream}.${p}`)),
          );
      });
      const stored = (await jsm.streams.info(stream)).state.messages;
      if (stored !== MESSAGES) throw new Error(`the stream holds ${stored}, expected ${MESSAGES}`);
      return cost;
    } finally {
      await jsm.streams.delete(stream);
    }
  };
  for (const [how, cost] of await leastOfThree(['js.publish', 'StreamPublisher'] as const, run))
    log(
      `publishing ${MESSAGES.toLocaleString('en-US')} messages of 4 fixes, 16 at once, with ${how}: ` +
        `gateway ${cost.ownUs.toFixed(1)} µs, nats-server ${cost.natsUs.toFixed(1)} µs a message (least of 3 runs)`,
    );
  publisher.close();
  await nc.close();
}

wireFormats();
await acknowledgements();
await publishing();
