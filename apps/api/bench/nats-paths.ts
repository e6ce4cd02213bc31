import { randomBytes } from 'node:crypto';
import { FixSchema } from '@harbor/shared';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { toWire } from '../src/pipeline/fix-wire.ts';
import { fromWire } from '../src/pipeline/nats-relay.ts';
import { busFix } from '../test/fleet-fixes.ts';
import { commandCpuSeconds } from './cpu.ts';

// `pnpm --filter @harbor/api bench:nats` (part of `pnpm bench`): two costs of the fix path on NATS that the end-to-end benchmark cannot tell
// apart from its noise, each measured alone (issue 20).
//
//   1. An api process reading the live relay: a message of 1,000 fixes made into fixes, with
//      zod's FixSchema as it was and with the in-place check (`fromWire`) now. CPU only.
//   2. A tracker acknowledging what it consumed from the fix stream, against the real NATS
//      server (NATS_URL, default nats://127.0.0.1:4222): confirmed acknowledgements
//      (`ackAck`, a request each) against plain ones (`ack`), CPU per message of this process
//      and of nats-server. Messages of 4 fixes: what a partition's group holds at half load.

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const log = (line: string) => console.log(line);

function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** µs of this process's CPU per fix for `read` over `rounds` messages of `text`. */
function perFix(text: string, fixes: number, rounds: number, read: (text: string) => number) {
  for (let i = 0; i < 50; i++) read(text);
  const start = cpuUs();
  let kept = 0;
  for (let i = 0; i < rounds; i++) kept += read(text);
  if (kept !== fixes * rounds) throw new Error(`read ${kept} fixes, expected ${fixes * rounds}`);
  return (cpuUs() - start) / (fixes * rounds);
}

function relayRead(): void {
  const fixes = Array.from({ length: 1000 }, (_, i) => busFix(i));
  const text = JSON.stringify(fixes.map(toWire));
  const withZod = (message: string) => {
    let kept = 0;
    for (const item of JSON.parse(message) as Record<string, unknown>[]) {
      const result = FixSchema.safeParse({
        ...item,
        fixAt: new Date(item.fixAt as number),
        receivedAt: new Date(item.receivedAt as number),
      });
      if (result.success) kept++;
    }
    return kept;
  };
  const inPlace = (message: string) => {
    let kept = 0;
    for (const item of JSON.parse(message) as unknown[]) if (fromWire(item)) kept++;
    return kept;
  };
  // Alternated, three times each: the smallest of each.
  const zod: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < 3; i++) {
    zod.push(perFix(text, 1000, 300, withZod));
    now.push(perFix(text, 1000, 300, inPlace));
  }
  log(
    `relay read, 1,000-fix messages: FixSchema (zod) ${Math.min(...zod).toFixed(2)} µs a fix, ` +
      `in place ${Math.min(...now).toFixed(2)} µs a fix (JSON.parse included in both)`,
  );
}

async function acknowledgements(): Promise<void> {
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const payload = JSON.stringify([busFix(1), busFix(2), busFix(3), busFix(4)].map(toWire));
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
      const start = { own: cpuUs(), nats: commandCpuSeconds('nats-server') };
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
      const ownUs = (cpuUs() - start.own) / MESSAGES;
      const natsUs = ((commandCpuSeconds('nats-server') - start.nats) * 1e6) / MESSAGES;
      return { ownUs, natsUs };
    } finally {
      await jsm.streams.delete(stream);
    }
  };
  const results: Record<string, { ownUs: number; natsUs: number }[]> = { ackAck: [], ack: [] };
  for (let i = 0; i < 3; i++) {
    results.ackAck?.push(await run('ackAck'));
    results.ack?.push(await run('ack'));
  }
  for (const [how, runs] of Object.entries(results))
    log(
      `consuming ${MESSAGES.toLocaleString('en-US')} messages of 4 fixes, fetched 200 at a time, acknowledged with ${how}: ` +
        `tracker ${Math.min(...runs.map((r) => r.ownUs)).toFixed(1)} µs, nats-server ${Math.min(...runs.map((r) => r.natsUs)).toFixed(1)} µs a message (least of 3 runs)`,
    );
  await nc.close();
}

relayRead();
await acknowledgements();
