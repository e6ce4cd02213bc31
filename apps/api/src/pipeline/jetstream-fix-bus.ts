import type { Fix } from '@harbor/shared';
import {
  AckPolicy,
  type Consumer,
  DiscardPolicy,
  type JetStreamClient,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import {
  type ConsumeOptions,
  type FixBus,
  FixBusClosedError,
  type FixBusStats,
  type OnAccepted,
} from './fix-bus.ts';

export type JetStreamFixBusOptions = {
  /** nats://host:port */
  url: string;
  stream?: string;
  /** Subjects are `<prefix>.<partition>`; partitions spread assets for parallel consumers. */
  subjectPrefix?: string;
  partitions?: number;
  /** Durable consumer name: a restarted tracker resumes where the last one acknowledged. */
  durable?: string;
  /** Unacknowledged messages the stream holds before publishers are pushed back. */
  maxMessages?: number;
  /** How long a delivered batch may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs?: number;
  /** Told of the fixes the stream has stored (the live view's feed). */
  onAccepted?: OnAccepted;
};

type WireFix = Omit<Fix, 'fixAt' | 'receivedAt'> & { fixAt: string; receivedAt: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readGroup(message: JsMsg): Fix[] | null {
  try {
    const wire = message.json<WireFix[]>();
    if (!Array.isArray(wire)) return null;
    return wire.map((fix) => ({
      ...fix,
      fixAt: new Date(fix.fixAt),
      receivedAt: new Date(fix.receivedAt),
    }));
  } catch {
    return null;
  }
}

/** FNV-1a: a stable partition per asset, so one asset's fixes stay in order on one subject. */
function partitionOf(assetKey: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < assetKey.length; i++)
    hash = Math.imul(hash ^ assetKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % partitions;
}

/**
 * The fix bus on NATS JetStream: a work-queue stream of fixes on subjects partitioned by
 * asset, a durable pull consumer, each message acknowledged after the batch holding it was
 * written and negatively acknowledged (redelivered after a back-off) when the write failed.
 * When the stream is full (`maxMessages`, discard new) publishers wait and retry.
 */
export class JetStreamFixBus implements FixBus {
  private counts = { published: 0, acknowledged: 0, retries: 0, malformed: 0 };
  private waiting = 0;
  private running: Promise<void> | null = null;
  private isClosed = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly options: Required<Omit<JetStreamFixBusOptions, 'onAccepted'>>,
    private readonly onAccepted: OnAccepted | undefined,
  ) {}

  static async connect(options: JetStreamFixBusOptions): Promise<JetStreamFixBus> {
    const { onAccepted, ...given } = options;
    const resolved: Required<Omit<JetStreamFixBusOptions, 'onAccepted'>> = {
      stream: 'HARBOR_FIXES',
      subjectPrefix: 'harbor.fixes',
      partitions: 16,
      durable: 'tracker',
      maxMessages: 1_000_000,
      ackWaitMs: 30_000,
      ...given,
    };
    const nc = await connect({ servers: resolved.url, name: 'harbor-fix-bus' });
    const jsm = await jetstreamManager(nc);
    const config = {
      name: resolved.stream,
      subjects: [`${resolved.subjectPrefix}.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.New,
      max_msgs: resolved.maxMessages,
    };
    try {
      await jsm.streams.info(resolved.stream);
      await jsm.streams.update(resolved.stream, config);
    } catch {
      await jsm.streams.add(config);
    }
    const consumer = { ack_wait: nanos(resolved.ackWaitMs), max_ack_pending: 20_000 };
    try {
      await jsm.consumers.add(resolved.stream, {
        durable_name: resolved.durable,
        ack_policy: AckPolicy.Explicit,
        ...consumer,
      });
    } catch {
      // It exists from an earlier run: keep its position, bring its settings up to date.
      await jsm.consumers.update(resolved.stream, resolved.durable, consumer);
    }
    return new JetStreamFixBus(nc, jetstream(nc), resolved, onAccepted);
  }

  /** Resolves once the stream has stored every fix (JetStream's publish acknowledgement). */
  async publish(fixes: readonly Fix[]): Promise<void> {
    const groups = new Map<number, Fix[]>();
    for (const fix of fixes) {
      const partition = partitionOf(fix.assetKey, this.options.partitions);
      const group = groups.get(partition);
      if (group) group.push(fix);
      else groups.set(partition, [fix]);
    }
    await Promise.all(
      [...groups].map(([partition, group]) =>
        this.publishGroup(`${this.options.subjectPrefix}.${partition}`, group),
      ),
    );
    this.counts.published += fixes.length;
  }

  private async publishGroup(subject: string, group: Fix[]): Promise<void> {
    const payload = JSON.stringify(group);
    for (let attempt = 0; ; attempt++) {
      if (this.isClosed) throw new FixBusClosedError();
      try {
        await this.js.publish(subject, payload);
        this.onAccepted?.(group);
        return;
      } catch (error) {
        // A full stream (or a moment without a JetStream leader) pushes back on the gateway.
        if (attempt === 0) this.waiting++;
        if (attempt > 200) throw error;
        await sleep(Math.min(1000, 10 * 2 ** Math.min(attempt, 7)));
      } finally {
        if (attempt > 0) this.waiting--;
      }
    }
  }

  consume(handler: (batch: Fix[]) => Promise<void>, options: ConsumeOptions = {}): void {
    if (this.running) throw new Error('the fix bus already has a consumer');
    this.running = this.js.consumers
      .get(this.options.stream, this.options.durable)
      .then((consumer) => this.loop(consumer, handler, options));
  }

  private async loop(
    consumer: Consumer,
    handler: (batch: Fix[]) => Promise<void>,
    options: ConsumeOptions,
  ) {
    const maxBatch = options.maxBatch ?? 2000;
    const retryBaseMs = options.retryBaseMs ?? 100;
    const retryMaxMs = options.retryMaxMs ?? 5000;
    let failures = 0;
    while (!this.isClosed) {
      const messages: JsMsg[] = [];
      const fixes: Fix[] = [];
      try {
        // Messages carry groups of fixes: ask for a tenth of the batch size in messages.
        const fetched = await consumer.fetch({
          max_messages: Math.max(1, Math.ceil(maxBatch / 10)),
          expires: Math.max(1000, options.maxWaitMs ?? 1000),
        });
        for await (const message of fetched) {
          const group = readGroup(message);
          if (!group) {
            // Not ours to retry: a message no tracker can read would be redelivered forever.
            message.term('not a JSON array of fixes');
            this.counts.malformed++;
            continue;
          }
          messages.push(message);
          fixes.push(...group);
        }
      } catch {
        // The server is restarting or the consumer is being recreated: unacknowledged
        // messages come back after ack_wait; try again shortly.
        if (!this.isClosed) await sleep(500);
        continue;
      }
      if (messages.length === 0) continue;
      try {
        await handler(fixes);
      } catch {
        failures++;
        this.counts.retries++;
        const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
        for (const message of messages) message.nak(delay);
        continue;
      }
      failures = 0;
      await Promise.all(messages.map((message) => message.ackAck()));
      this.counts.acknowledged += fixes.length;
    }
  }

  /** Messages dropped because no tracker could read them. */
  get malformed(): number {
    return this.counts.malformed;
  }

  stats(): FixBusStats {
    const { published, acknowledged, retries } = this.counts;
    return {
      published,
      acknowledged,
      retries,
      queued: published - acknowledged,
      waitingPublishers: this.waiting,
    };
  }

  /** Stops fetching; a batch still being written is left unacknowledged and will be redelivered. */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.race([this.running?.catch(() => undefined), sleep(2000)]);
    await this.nc.close();
  }

  /** Removes the stream and everything in it (tests and benchmarks only). */
  async destroy(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.delete(this.options.stream);
  }
}
