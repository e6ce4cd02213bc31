import { randomBytes } from 'node:crypto';
import {
  DiscardPolicy,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamPublishError, StreamPublisher } from './stream-publisher.ts';

// Against the real NATS server named by NATS_URL (CI: nats://127.0.0.1:4222, JetStream on).
const NATS_URL = process.env.NATS_URL;

describe.runIf(NATS_URL)(
  'publishing to a JetStream stream with one subscription for the acks',
  () => {
    const id = randomBytes(4).toString('hex');
    const stream = `PUBLISHER_TEST_${id}`;
    const full = `PUBLISHER_FULL_${id}`;
    let nc: NatsConnection;
    let jsm: JetStreamManager;
    let publisher: StreamPublisher;

    beforeAll(async () => {
      nc = await connect({ servers: NATS_URL });
      jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [`test.${id}.pub.>`] });
      await jsm.streams.add({
        name: full,
        subjects: [`test.${id}.full`],
        retention: RetentionPolicy.Workqueue,
        discard: DiscardPolicy.New,
        max_msgs: 1,
      });
      publisher = new StreamPublisher(nc, 300);
    });
    afterAll(async () => {
      publisher.close();
      await jsm.streams.delete(stream).catch(() => false);
      await jsm.streams.delete(full).catch(() => false);
      await nc.close();
    });

    it('resolves each publish once the stream has stored it, a thousand at once', async () => {
      const payloads = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(`fix ${i}`));
      await Promise.all(
        payloads.map((payload, i) => publisher.publish(`test.${id}.pub.${i % 7}`, payload)),
      );
      expect(publisher.inFlight).toBe(0);
      const info = await jsm.streams.info(stream);
      expect(info.state.messages).toBe(1000);
      const last = await jsm.streams.getMessage(stream, { seq: 1000 });
      expect(new TextDecoder().decode(last?.data)).toBe('fix 999');
    });

    it("rejects with JetStream's own code what a full stream refuses", async () => {
      await publisher.publish(`test.${id}.full`, new Uint8Array([1]));
      const refused = await publisher
        .publish(`test.${id}.full`, new Uint8Array([2]))
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StreamPublishError);
      expect((refused as StreamPublishError).errCode).toBe(10077);
      expect((await jsm.streams.info(full)).state.messages).toBe(1);
    });

    it('rejects a publish no stream takes, at once', async () => {
      await expect(publisher.publish(`test.${id}.nowhere`, new Uint8Array([1]))).rejects.toThrow(
        /no stream answered the publish \(status 503\)/,
      );
      expect(publisher.inFlight).toBe(0);
    });

    it('rejects a publish whose subject has a listener but no stream, once the wait is over', async () => {
      // A plain subscriber hears it and never answers: nothing says it was stored.
      const listener = nc.subscribe(`test.${id}.silent`);
      try {
        await expect(publisher.publish(`test.${id}.silent`, new Uint8Array([1]))).rejects.toThrow(
          /no answer from the stream in 300 ms/,
        );
        expect(publisher.inFlight).toBe(0);
      } finally {
        listener.unsubscribe();
      }
    });

    it('fails what still waits when closed, and publishes nothing more', async () => {
      const other = await connect({ servers: NATS_URL });
      const closing = new StreamPublisher(other, 60_000);
      const listener = other.subscribe(`test.${id}.silent2`);
      try {
        const waiting = closing.publish(`test.${id}.silent2`, new Uint8Array([1]));
        await other.flush();
        closing.close();
        await expect(waiting).rejects.toThrow(/the connection closed before the stream answered/);
        await expect(closing.publish(`test.${id}.pub.0`, new Uint8Array([1]))).rejects.toThrow(
          /the publisher is closed/,
        );
      } finally {
        listener.unsubscribe();
        await other.close();
      }
    });
  },
);
