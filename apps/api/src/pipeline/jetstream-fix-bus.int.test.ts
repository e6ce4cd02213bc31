import { randomBytes } from 'node:crypto';
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import type { Fix } from '@harbor/shared';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { isCollected } from '../../test/collected.ts';
import { busFix } from '../../test/fleet-fixes.ts';
import { FixBusClosedError } from './fix-bus.ts';
import { packFixes } from './fix-wire.ts';
import { JetStreamFixBus, partitionOf } from './jetstream-fix-bus.ts';

// Against the real NATS server named by NATS_URL (CI: nats://127.0.0.1:4222, JetStream on).
const NATS_URL = process.env.NATS_URL;

const fix = busFix;

const until = async (condition: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
};

const key = (f: Fix) => `${f.assetKind}/${f.assetKey}/${f.fixAt.toISOString()}`;

/** Consumes the bus, every batch written into the array returned. */
function collect(bus: JetStreamFixBus, options?: Parameters<JetStreamFixBus['consume']>[1]): Fix[] {
  const written: Fix[] = [];
  bus.consume(async (batch) => {
    written.push(...batch);
  }, options);
  return written;
}

/**
 * A TCP relay to the NATS server whose server-to-client direction can go silent, as a link
 * does, or as the server looks to a client starved of CPU: what the server sends meanwhile
 * waits in the socket buffers and arrives when the relay speaks again.
 */
async function silencingRelay(natsUrl: string) {
  const target = new URL(natsUrl);
  const upstreams = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connectTcp(Number(target.port || 4222), target.hostname);
    upstreams.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      upstreams.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `nats://127.0.0.1:${port}`,
    silence: () => {
      for (const upstream of upstreams) upstream.pause();
    },
    speak: () => {
      for (const upstream of upstreams) upstream.resume();
    },
    close: () => {
      for (const upstream of upstreams) upstream.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.runIf(NATS_URL)('the JetStream fix bus', () => {
  const id = randomBytes(4).toString('hex');
  const options = {
    url: NATS_URL ?? '',
    stream: `HARBOR_FIXES_TEST_${id}`,
    subjectPrefix: `test.${id}.fixes`,
    partitions: 4,
    ackWaitMs: 1000,
  };
  const opened: JetStreamFixBus[] = [];
  const open = async (
    extra: Partial<typeof options> & {
      maxMessages?: number;
      leaseMs?: number;
      fetchExpiresMs?: number;
      onAccepted?: (fixes: readonly Fix[]) => void;
    } = {},
  ) => {
    const bus = await JetStreamFixBus.connect({ ...options, ...extra });
    opened.push(bus);
    return bus;
  };
  afterEach(async () => {
    const [first] = opened;
    await first?.destroy().catch(() => undefined);
    for (const bus of opened.splice(0)) await bus.close();
  });

  it('delivers every fix, with its dates and fields intact, in order per asset', async () => {
    const bus = await open();
    const received = collect(bus, { maxBatch: 500, maxWaitMs: 200 });
    const fixes = Array.from({ length: 2000 }, (_, i) => fix(i));
    for (let i = 0; i < fixes.length; i += 250) await bus.publish(fixes.slice(i, i + 250));
    await until(() => bus.stats().acknowledged === 2000);
    expect(new Set(received.map(key))).toEqual(new Set(fixes.map(key)));
    expect(received.find((f) => f.assetKey === 'asset7')).toEqual(fixes[7]);
    const asset7 = received.filter((f) => f.assetKey === 'asset7').map((f) => f.fixAt.getTime());
    expect(asset7).toEqual([...asset7].sort((a, b) => a - b));
  });

  it("writes at most a batch's worth at a time, however many partitions' fetches waited", async () => {
    const bus = await open();
    // Trucks sorted by partition, so that every message holds exactly 10 fixes. A partition's
    // first fetch takes one message (it learns from it how many wait), so the three partitions
    // waiting behind the first write hold 3 messages, 30 fixes, more than a batch's worth (20).
    const byPartition: Fix[][] = [[], [], [], []];
    for (let i = 0; byPartition.some((fixes) => fixes.length < 300); i++) {
      const truck: Fix = { ...fix(i), assetKind: 'VEHICLE', assetKey: `truck${i}` };
      byPartition[partitionOf('VEHICLE', truck.assetKey, 4)]?.push(truck);
    }
    for (let round = 0; round < 30; round++)
      await bus.publish(byPartition.flatMap((fixes) => fixes.slice(10 * round, 10 * round + 10)));
    const sizes: number[] = [];
    const stored = new Set<string>();
    let releaseFirst: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    bus.consume(
      async (batch) => {
        sizes.push(batch.length);
        // The first write is slow: the other partitions' fetches wait behind it.
        if (sizes.length === 1) await firstHeld;
        for (const f of batch) stored.add(key(f));
      },
      { maxBatch: 20, maxWaitMs: 200 },
    );
    await until(() => sizes.length === 1 && bus.messagesWaitingToWrite === 3);
    releaseFirst();
    await until(() => stored.size === 1200);
    expect(sizes.every((size) => size <= 20)).toBe(true);
  });

  it('writes and counts a message once when the ack wait runs out inside its fetch', async () => {
    // An ack wait shorter than the fetch's expiry (1 s, the client's least): JetStream
    // delivers each message again while the fetch holding it is still open.
    const bus = await open({ ackWaitMs: 200 });
    const written = collect(bus, { maxWaitMs: 5 });
    const fixes = Array.from({ length: 100 }, (_, i) => fix(3 * i));
    await bus.publish(fixes);
    await until(() => bus.stats().acknowledged >= fixes.length);
    expect(written.map(key).sort()).toEqual(fixes.map(key).sort());
    expect(bus.stats()).toMatchObject({ acknowledged: fixes.length, queued: 0 });
  });

  it('writes what comes to a quiet partition as it comes, not when its fetch expires', async () => {
    // Fetches that expire after two minutes: one that asked for more messages than came would
    // hold what it got that long, far past this test's wait.
    const bus = await open({ fetchExpiresMs: 120_000 });
    const batches: Fix[][] = [];
    bus.consume(async (batch) => {
      batches.push(batch);
    });
    // Vessels' fixes, one partition: the first to a partition just taken, the second to the
    // same partition, idle once the first was written.
    await bus.publish([fix(0)]);
    await until(() => batches.length === 1);
    await bus.publish([fix(3)]);
    await until(() => batches.length === 2);
    expect(batches.map((batch) => batch.map(key))).toEqual([[key(fix(0))], [key(fix(3))]]);
    expect(bus.stats().acknowledged).toBe(2);
  });

  it('writes the good fixes of what another writer put on the stream and counts the rest, never stalling', async () => {
    const bus = await open({ partitions: 1 });
    const written = collect(bus, { maxWaitMs: 200 });
    const nc = await connect({ servers: NATS_URL });
    try {
      const js = jetstream(nc);
      const subject = `${options.subjectPrefix}.0`;
      const encode = (text: string) => new TextEncoder().encode(text);
      // Not an array at all, in either encoding: dropped whole.
      await js.publish(subject, encode('{"not":"a group"}'));
      await js.publish(subject, Uint8Array.from([0xc1, 0x00]));
      // A group with fixes no tracker may store (a latitude past the pole, a time after its
      // receipt, a key with spaces) among good ones.
      const bad = [
        { ...fix(1), lat: 200 },
        { ...fix(2), fixAt: new Date(fix(2).receivedAt.getTime() + 3_600_000) },
        { ...fix(3), assetKey: 'two words' },
      ];
      await js.publish(subject, packFixes([fix(10), ...bad, fix(11)]));
      // A group as earlier versions wrote it: JSON, times as milliseconds.
      const old = {
        ...fix(12),
        fixAt: fix(12).fixAt.getTime(),
        receivedAt: fix(12).receivedAt.getTime(),
      };
      await js.publish(subject, encode(JSON.stringify([old])));
      // And what a gateway publishes after all that still goes through.
      await bus.publish([fix(13)]);
      await until(() => written.length === 4);
      expect(written.map(key)).toEqual([fix(10), fix(11), fix(12), fix(13)].map(key));
      expect(bus.stats()).toMatchObject({ malformedMessages: 2, malformedFixes: 3 });
      // Nothing is left for another tracker to choke on.
      const jsm = await jetstreamManager(nc);
      await until(() => written.length === 4);
      const left = async () => (await jsm.streams.info(options.stream)).state.messages;
      const deadline = Date.now() + 30_000;
      while ((await left()) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await left()).toBe(0);
    } finally {
      await nc.close();
    }
  });

  it('reads what waits for the writer only when the writer takes it', async () => {
    // Read at once, what waits behind a slow write is objects the young generation's
    // collections copy and promote; unread, it is the messages' bytes, outside the heap.
    const bus = await open();
    const batches: Fix[][] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    bus.consume(async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await held;
    });
    await bus.publish([fix(0)]);
    await until(() => batches.length === 1);
    // Two other partitions' messages come while the first write is held: one no tracker can
    // read, one good.
    const first = partitionOf(fix(0).assetKind, fix(0).assetKey, options.partitions);
    const subject = (partition: number) =>
      `${options.subjectPrefix}.${partition % options.partitions}`;
    const nc = await connect({ servers: NATS_URL });
    try {
      const js = jetstream(nc);
      await js.publish(subject(first + 1), Uint8Array.from([0xc1, 0x00]));
      await js.publish(subject(first + 2), packFixes([fix(1)]));
    } finally {
      await nc.close();
    }
    await until(() => bus.messagesWaitingToWrite === 2);
    expect(bus.stats().malformedMessages).toBe(0);

    release();
    await until(() => batches.length === 2);
    expect(batches[1]?.map(key)).toEqual([key(fix(1))]);
    expect(bus.stats()).toMatchObject({ malformedMessages: 1, acknowledged: 2 });
  });

  it('redelivers a batch whose write failed', async () => {
    const bus = await open();
    let failuresLeft = 2;
    const stored: Fix[] = [];
    bus.consume(
      async (batch) => {
        if (failuresLeft-- > 0) throw new Error('database unreachable');
        stored.push(...batch);
      },
      { maxWaitMs: 200, retryBaseMs: 20 },
    );
    // Vessels' fixes only, which all go to one partition: a failed write of batches of several
    // partitions that arrived together counts a retry for each, so with fixes of every partition
    // the count would depend on how the partitions' fetches happened to meet.
    await bus.publish(Array.from({ length: 100 }, (_, i) => fix(3 * i)));
    await until(() => new Set(stored.map(key)).size === 100);
    expect(bus.stats().retries).toBe(2);
  });

  it('loses nothing across a consumer restart: the durable consumer resumes', async () => {
    const producer = await open();
    const fixes = Array.from({ length: 1000 }, (_, i) => fix(i));
    // As gateways publish: many small groups, so the stream holds hundreds of messages.
    for (let i = 0; i < fixes.length; i += 10) await producer.publish(fixes.slice(i, i + 10));

    // The first tracker stores some batches, then dies mid-write of the next one.
    const first = await open();
    const stored = new Map<string, Fix>();
    let batches = 0;
    first.consume(
      async (batch) => {
        if (++batches > 2) return new Promise<void>(() => {}); // never acknowledged
        for (const f of batch) stored.set(key(f), f);
      },
      { maxBatch: 100, maxWaitMs: 200 },
    );
    await until(() => batches > 2);
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    expect(stored.size).toBeLessThan(1000);

    // A new tracker with the same durable name gets everything not acknowledged.
    const second = await JetStreamFixBus.connect(options);
    opened.push(second);
    second.consume(
      async (batch) => {
        for (const f of batch) stored.set(key(f), f);
      },
      { maxWaitMs: 200 },
    );
    await until(() => stored.size === 1000);
    expect([...stored.keys()].sort()).toEqual(fixes.map(key).sort());
  });

  it('gathers reports taken at once into few messages, and answers each once it is stored', async () => {
    const bus = await open();
    const stored: number[] = [];
    const fixes = Array.from({ length: 400 }, (_, i) => fix(i));
    for (const [i, f] of fixes.entries())
      expect(bus.publishNow([f], (error) => (error ? undefined : stored.push(i)))).toBe(true);
    await until(() => stored.length === 400);
    expect(stored.sort((a, b) => a - b)).toEqual([...fixes.keys()]);
    // 400 reports of 40 assets on 4 partitions: a handful of messages, not 400.
    const nc = await connect({ servers: NATS_URL });
    const info = await (await jetstreamManager(nc)).streams.info(options.stream);
    await nc.close();
    expect(info.state.messages).toBeLessThanOrEqual(8);
    const received = collect(bus);
    await until(() => received.length === 400);
    expect(new Set(received.map(key))).toEqual(new Set(fixes.map(key)));
  });

  it("feeds the live view a gateway's fixes as it takes them, publish's once the stream holds them", async () => {
    const live: Fix[][] = [];
    const bus = await open({ onAccepted: (fixes) => live.push([...fixes]) });
    const answered: boolean[] = [];
    // Taken: on the map at once, without the stream's round trip; answered once stored.
    expect(bus.publishNow([fix(1), fix(2)], (error) => answered.push(!error))).toBe(true);
    expect(live).toEqual([[fix(1), fix(2)]]);
    expect(answered).toEqual([]);
    await until(() => answered.length === 1);
    expect(answered).toEqual([true]);
    // The slow path (HTTP, and the gateways while the stream pushes back) waits for the stream.
    const publishing = bus.publish([fix(3)]);
    expect(live).toHaveLength(1);
    await publishing;
    expect(live).toEqual([[fix(1), fix(2)], [fix(3)]]);
  });

  it('answers nothing gathered when it closes before sending', async () => {
    const bus = await open();
    const answers: (Error | undefined)[] = [];
    expect(bus.publishNow([fix(1)], (error) => answers.push(error))).toBe(true);
    await bus.close();
    opened.splice(opened.indexOf(bus), 1);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toBeInstanceOf(FixBusClosedError);
  });

  it('lets go of the fixes it has sent while it waits for the stream to store them', async () => {
    // A full stream keeps the message waiting, refused and tried again.
    const bus = await open({ maxMessages: 1 });
    await bus.publish([fix(0)]);
    const answers: (Error | undefined)[] = [];
    let taken: WeakRef<Fix> | null = null;
    const take = () => {
      const f = fix(1);
      taken = new WeakRef(f);
      return bus.publishNow([f], (error) => answers.push(error));
    };
    expect(take()).toBe(true);
    await until(() => bus.stats().waitingPublishers === 1);
    // Only the answer waits: the fixes went in the message, not copied by every collection
    // while the stream's round trip lasts.
    expect(await isCollected(taken as unknown as WeakRef<Fix>)).toBe(true);

    // Stored once there is room, and answered.
    collect(bus);
    await until(() => answers.length === 1);
    expect(answers).toEqual([undefined]);
  });

  it('takes what a failed fetch was sent again at once and in order, not after the ack wait', async () => {
    // A fetch whose heartbeats do not arrive (a tracker or server short of CPU, a quiet link)
    // fails after two of them: what the server sent it is delivered and unacknowledged. Here
    // the ack wait is ten minutes, so only a fresh consumer brings it back within the test.
    const relay = await silencingRelay(NATS_URL ?? '');
    try {
      const producer = await open({ partitions: 1 });
      const consumer = await open({
        url: relay.url,
        partitions: 1,
        ackWaitMs: 600_000,
        // Kept through the silence: the partition stays this tracker's, no takeover.
        leaseMs: 60_000,
      });
      const received = collect(consumer, { maxWaitMs: 1000 });
      const fixes = Array.from({ length: 21 }, (_, i) => ({ ...fix(i), assetKey: 'asset1' }));
      await producer.publish([fixes[0] as Fix]);
      await until(() => consumer.stats().acknowledged === 1);

      // The consumer's next fetch is sent; the server's answers to it go unheard.
      relay.silence();
      for (const f of fixes.slice(1, 11)) await producer.publish([f]);
      const nc = await connect({ servers: NATS_URL });
      const jsm = await jetstreamManager(nc);
      const delivered = async () =>
        (await jsm.consumers.info(options.stream, 'tracker-p0')).num_ack_pending > 0;
      while (!(await delivered())) await new Promise((resolve) => setTimeout(resolve, 20));
      await nc.close();
      // Silent for longer than two heartbeats of the 1 s fetch (every 500 ms): it fails.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      relay.speak();
      for (const f of fixes.slice(11)) await producer.publish([f]);

      await until(() => new Set(received.map(key)).size === fixes.length);
      const times = received.map((f) => f.fixAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      await consumer.close();
      opened.splice(opened.indexOf(consumer), 1);
    } finally {
      await relay.close();
    }
  });

  it('pushes back on publishers when the stream is full', async () => {
    const bus = await open({ maxMessages: 5 });
    let isAccepted = false;
    const publishing = (async () => {
      for (let i = 0; i < 10; i++) await bus.publish([fix(i)]);
      isAccepted = true;
    })();
    await until(() => bus.stats().waitingPublishers > 0);
    // Still one waiting, however many times the stream refuses it meanwhile (each retry took
    // one off the count, which went below zero, and the gateways' fast path, which takes
    // nothing while publishers wait, took reports again with the stream full).
    const seen = new Set<number>();
    for (let look = 0; look < 40; look++) {
      seen.add(bus.stats().waitingPublishers);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect([...seen]).toEqual([1]);
    expect(bus.publishNow([fix(99)], () => {})).toBe(false);
    expect(isAccepted).toBe(false);
    bus.consume(async () => {}, { maxWaitMs: 100 });
    await publishing;
    await until(() => bus.stats().acknowledged === 10);
  });
});
