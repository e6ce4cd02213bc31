import type { AssetKind, Fix } from '@harbor/shared';
import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import {
  type ConsumeOptions,
  type FixBus,
  FixBusClosedError,
  type FixBusStats,
  type OnAccepted,
} from './fix-bus.ts';
import { packFixes, readFixGroup } from './fix-wire.ts';
import { type LeaseStats, PartitionLeases } from './partition-leases.ts';
import { StreamPublisher } from './stream-publisher.ts';

export type JetStreamFixBusOptions = {
  /** nats://host:port */
  url: string;
  stream?: string;
  /** Subjects are `<prefix>.<partition>`; partitions spread assets for parallel consumers. */
  subjectPrefix?: string;
  partitions?: number;
  /**
   * Durable consumers are named `<durable>-p<partition>`: a tracker taking a partition
   * resumes where the last owner acknowledged.
   */
  durable?: string;
  /** A tracker that stops renewing its partitions loses them after this long. */
  leaseMs?: number;
  /** Unacknowledged messages the stream holds before publishers are pushed back. */
  maxMessages?: number;
  /** How long a delivered batch may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs?: number;
  /**
   * How long a fetch on a quiet partition waits for a message before it is asked again (a
   * second unless given; the client's least).
   */
  fetchExpiresMs?: number;
  /**
   * The live view's feed: told of a gateway's fixes as `publishNow` takes them, of
   * `publish`'s once the stream has stored them.
   */
  onAccepted?: OnAccepted;
};

/** A partition's fetch on its way to the writer: its fixes are read when the writer takes it. */
type Fetched = { messages: JsMsg[]; fixes: Fix[] | null };

/** How long `publishNow` gathers fixes into one message, and how many it gathers at most. */
const GATHER_MS = 5;
const GATHER_FIXES = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the stream, or brings an existing one to this configuration. A creation the server
 * refuses is tried twice more: nats-server 2.9 was seen failing one ("could not create storage
 * directory") when another stream of the account was removed at the same moment, which takes
 * the account's empty directory away while the new stream makes its own inside it.
 */
async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
      return;
    } catch {
      try {
        await jsm.streams.add(config);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await sleep(100 * attempt);
      }
    }
  }
}

/**
 * A stable partition per asset, so one asset's fixes stay in order on one subject: FNV-1a of
 * a truck's key. Vessels all share partition 0: the safety watch compares ships pairwise
 * (CPA, collision risk), so one tracker must see every ship; AIS is a few hundred fixes a
 * second for a port like Shanghai, well within one partition.
 */
export function partitionOf(assetKind: AssetKind, assetKey: string, partitions: number): number {
  if (assetKind === 'VESSEL') return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < assetKey.length; i++)
    hash = Math.imul(hash ^ assetKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % partitions;
}

/** The partition all of the fixes are on, or null when they are on several (or none). */
function onePartition(fixes: readonly Fix[], partitions: number): number | null {
  let partition: number | null = null;
  for (let i = 0; i < fixes.length; i++) {
    const fix = fixes[i] as Fix;
    const its = partitionOf(fix.assetKind, fix.assetKey, partitions);
    if (partition === null) partition = its;
    else if (its !== partition) return null;
  }
  return partition;
}

/**
 * The fix bus on NATS JetStream: a work-queue stream of fixes on subjects partitioned by
 * asset, a durable pull consumer, each message acknowledged after the batch holding it was
 * written and negatively acknowledged (redelivered after a back-off) when the write failed.
 * When the stream is full (`maxMessages`, discard new) publishers wait and retry.
 */
export class JetStreamFixBus implements FixBus {
  private counts = {
    published: 0,
    acknowledged: 0,
    retries: 0,
    malformedMessages: 0,
    malformedFixes: 0,
    leaseErrors: 0,
  };
  private waiting = 0;
  private running: Promise<void> | null = null;
  private isClosed = false;
  private handler: ((batch: Fix[]) => Promise<void>) | null = null;
  private consumeOptions: ConsumeOptions = {};
  private leases: PartitionLeases | null = null;
  /** The fetch loop of each owned partition. */
  private readonly loops = new Map<number, { isStopped: boolean; done: Promise<void> }>();
  /** Partitions' fetches waiting for the writer, and whether it is writing. */
  private pending: { fetched: Fetched; done: (isWritten: boolean) => void }[] = [];
  private isWriting = false;
  /** `publishNow`'s fixes waiting to go, by partition, with who to tell once stored. */
  private readonly gathering = new Map<
    number,
    { fixes: Fix[]; callbacks: ((error?: Error) => void)[] }
  >();
  private gathered = 0;
  private gatherTimer: NodeJS.Timeout | null = null;
  private readonly publisher: StreamPublisher;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly options: Required<Omit<JetStreamFixBusOptions, 'onAccepted'>>,
    private readonly onAccepted: OnAccepted | undefined,
  ) {
    this.publisher = new StreamPublisher(nc);
  }

  static async connect(options: JetStreamFixBusOptions): Promise<JetStreamFixBus> {
    const { onAccepted, ...given } = options;
    const resolved: Required<Omit<JetStreamFixBusOptions, 'onAccepted'>> = {
      stream: 'HARBOR_FIXES',
      subjectPrefix: 'harbor.fixes',
      partitions: 16,
      durable: 'tracker',
      maxMessages: 1_000_000,
      ackWaitMs: 30_000,
      leaseMs: 6_000,
      fetchExpiresMs: 1000,
      ...given,
    };
    const nc = await connect({
      servers: resolved.url,
      name: 'harbor-fix-bus',
      // Every JetStream publish is a request, and by default each request makes two Error
      // objects up front, stack traces and all, in case it fails: 9 % of a gateway's CPU in a
      // profile of 14,000 terminals. A failure still says what failed, not where from.
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(nc);
    const config = {
      name: resolved.stream,
      subjects: [`${resolved.subjectPrefix}.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.New,
      max_msgs: resolved.maxMessages,
    };
    await ensureStream(jsm, config);
    // The single consumer of earlier versions overlaps the partitions' own (a work queue
    // allows one consumer per subject): removed, its unacknowledged messages stay and go to
    // the partitions' consumers.
    await jsm.consumers.delete(resolved.stream, resolved.durable).catch(() => false);
    return new JetStreamFixBus(nc, jetstream(nc), resolved, onAccepted);
  }

  /** Resolves once the stream has stored every fix (JetStream's publish acknowledgement). */
  async publish(fixes: readonly Fix[]): Promise<void> {
    const groups = new Map<number, Fix[]>();
    for (const fix of fixes) {
      const partition = partitionOf(fix.assetKind, fix.assetKey, this.options.partitions);
      const group = groups.get(partition);
      if (group) group.push(fix);
      else groups.set(partition, [fix]);
    }
    await Promise.all(
      [...groups].map(([partition, group]) =>
        this.publishGroup(`${this.options.subjectPrefix}.${partition}`, packFixes(group)),
      ),
    );
    this.counts.published += fixes.length;
    this.onAccepted?.(fixes);
  }

  /**
   * The gateways' fast path: the fixes wait at most `GATHER_MS` (or until `GATHER_FIXES`
   * wait) with those of other reports, and go to the stream as one message per partition;
   * `stored` is called once JetStream has stored every message holding them. One message
   * per report cost NATS more CPU than the gateways themselves at tens of thousands of
   * terminals. While publishers are already waiting for a full stream, nothing is taken.
   *
   * What is taken goes to the live view at once, as the in-process bus's does, not after the
   * stream's round trip: under load that was 20-70 ms at the median and up to 350 ms at p99
   * of a fix's way to the map (docs/benchmarks.md, issue 20). A fix the stream then does not
   * store (the bus closing, the stream refusing for minutes) is not answered, so its terminal
   * sends it again.
   */
  publishNow(fixes: readonly Fix[], stored: (error?: Error) => void): boolean {
    if (this.isClosed || this.waiting > 0) return false;
    // A report's fixes are one terminal's, so on one partition: `stored` waits on that
    // partition's message alone, with nothing made to track several.
    const { partitions } = this.options;
    const partition = onePartition(fixes, partitions);
    if (partition !== null) {
      const group = this.groupOf(partition);
      for (const fix of fixes) group.fixes.push(fix);
      group.callbacks.push(stored);
    } else this.gatherAcross(fixes, stored);
    this.gathered += fixes.length;
    this.onAccepted?.(fixes);
    this.sendSoon();
    return true;
  }

  /** Fixes on several partitions: `stored` once every message holding them is stored. */
  private gatherAcross(fixes: readonly Fix[], stored: (error?: Error) => void): void {
    let left = 0;
    let isFailed = false;
    const done = (error?: Error) => {
      if (isFailed) return;
      if (error) {
        isFailed = true;
        stored(error);
      } else if (--left === 0) stored();
    };
    const touched = new Set<object>();
    for (const fix of fixes) {
      const group = this.groupOf(partitionOf(fix.assetKind, fix.assetKey, this.options.partitions));
      group.fixes.push(fix);
      if (!touched.has(group)) {
        touched.add(group);
        group.callbacks.push(done);
        left++;
      }
    }
  }

  /** The fixes gathering for a partition's next message. */
  private groupOf(partition: number): { fixes: Fix[]; callbacks: ((error?: Error) => void)[] } {
    let group = this.gathering.get(partition);
    if (!group) {
      group = { fixes: [], callbacks: [] };
      this.gathering.set(partition, group);
    }
    return group;
  }

  /** What is gathered goes now if it is enough, else within GATHER_MS. */
  private sendSoon(): void {
    if (this.gathered >= GATHER_FIXES) this.sendGathered();
    else this.gatherTimer ??= setTimeout(() => this.sendGathered(), GATHER_MS);
  }

  private sendGathered(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer);
    this.gatherTimer = null;
    this.gathered = 0;
    const groups = [...this.gathering];
    this.gathering.clear();
    for (const [partition, { fixes, callbacks }] of groups) {
      // Only the callbacks wait for the stream: the fixes, packed, are let go at once, so
      // the young generation's collections do not copy them while the round trip lasts.
      const count = fixes.length;
      this.publishGroup(`${this.options.subjectPrefix}.${partition}`, packFixes(fixes)).then(
        () => {
          this.counts.published += count;
          for (const callback of callbacks) callback();
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const callback of callbacks) callback(failure);
        },
      );
    }
  }

  /** Sends a group of fixes, packed, to the stream; resolves once the stream has stored it. */
  private async publishGroup(subject: string, payload: Uint8Array): Promise<void> {
    // Counted as waiting from its first refusal until it is stored or gives up, however many
    // times it is refused in between.
    let isWaiting = false;
    try {
      for (let attempt = 0; ; attempt++) {
        if (this.isClosed) throw new FixBusClosedError();
        try {
          await this.publisher.publish(subject, payload);
          return;
        } catch (error) {
          // A full stream (or a moment without a JetStream leader) pushes back on the gateway.
          if (!isWaiting) {
            isWaiting = true;
            this.waiting++;
          }
          if (attempt > 200) throw error;
          await sleep(Math.min(1000, 10 * 2 ** Math.min(attempt, 7)));
        }
      }
    } finally {
      if (isWaiting) this.waiting--;
    }
  }

  /**
   * Consumes the partitions this tracker owns (PartitionLeases): one fetch loop per owned
   * partition, their batches written together by one writer, so an asset's fixes (always on
   * one partition) are handled in order by exactly one tracker at a time while every tracker
   * still commits in large groups.
   */
  consume(handler: (batch: Fix[]) => Promise<void>, options: ConsumeOptions = {}): void {
    if (this.running) throw new Error('the fix bus already has a consumer');
    this.handler = handler;
    this.consumeOptions = options;
    this.running = PartitionLeases.start(this.nc, {
      bucket: `${this.options.stream}_LEASES`,
      partitions: this.options.partitions,
      leaseMs: this.options.leaseMs,
      onChange: (change) => this.reassign(change),
      onError: () => {
        this.counts.leaseErrors++;
      },
    }).then((leases) => {
      this.leases = leases;
    });
  }

  private async reassign({ gained, lost }: { gained: number[]; lost: number[] }): Promise<void> {
    // Stopped first: the batch a partition is writing finishes and is acknowledged.
    await Promise.all(lost.map((partition) => this.stopPartition(partition)));
    if (gained.length === 0) return;
    const isGained = new Set(gained);
    const { partitions } = this.options;
    await this.consumeOptions.onAssetsGained?.((assetKind, assetKey) =>
      isGained.has(partitionOf(assetKind, assetKey, partitions)),
    );
    for (const partition of gained) {
      const consumer = await this.freshConsumer(partition);
      const loop = { isStopped: false, done: Promise.resolve() };
      loop.done = this.partitionLoop(partition, consumer, loop);
      this.loops.set(partition, loop);
    }
  }

  private async stopPartition(partition: number): Promise<void> {
    const loop = this.loops.get(partition);
    if (!loop) return;
    loop.isStopped = true;
    this.loops.delete(partition);
    await loop.done;
  }

  /**
   * The partition's durable consumer, made afresh for its new owner: on a work-queue stream
   * every message not acknowledged is still in the stream, so the new consumer delivers at
   * once what the last owner fetched and never acknowledged, instead of after `ack_wait`.
   */
  private async freshConsumer(partition: number): Promise<Consumer> {
    const jsm = await jetstreamManager(this.nc);
    const name = `${this.options.durable}-p${partition}`;
    await jsm.consumers.delete(this.options.stream, name).catch(() => false);
    await jsm.consumers.add(this.options.stream, {
      durable_name: name,
      filter_subject: `${this.options.subjectPrefix}.${partition}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs),
      max_ack_pending: 20_000,
    });
    return this.js.consumers.get(this.options.stream, name);
  }

  private async partitionLoop(
    partition: number,
    first: Consumer,
    loop: { isStopped: boolean },
  ): Promise<void> {
    const options = this.consumeOptions;
    const maxBatch = options.maxBatch ?? 2000;
    const retryBaseMs = options.retryBaseMs ?? 100;
    const retryMaxMs = options.retryMaxMs ?? 5000;
    // Messages carry groups of fixes: at most a tenth of the batch size in messages a fetch.
    const mostMessages = Math.max(1, Math.ceil(maxBatch / 10));
    let failures = 0;
    let consumer: Consumer | null = first;
    // How many messages the next fetch asks for. A fetch that asks for more than the stream
    // holds returns only when it expires (a second at least): a fix on a quiet partition
    // reached the database, and the alert rules, up to a second after the stream stored it.
    // So a fetch asks for what the consumer said it still held after the last message it
    // delivered (its `pending`), at least one: an idle partition's fetch returns with the
    // first message that comes, and the first fetch (a partition just taken) with the first
    // message, which tells how many wait behind it.
    let wanted = 1;
    while (!this.isClosed && !loop.isStopped) {
      const messages: JsMsg[] = [];
      let stillHeld = 0;
      try {
        consumer ??= await this.freshConsumer(partition);
        const fetched = await consumer.fetch({
          max_messages: wanted,
          expires: this.options.fetchExpiresMs,
        });
        const held = new Set<number>();
        for await (const message of fetched) {
          stillHeld = message.info.pending;
          // A message not acknowledged within `ackWaitMs` is delivered again, and when that
          // falls inside a fetch still open (an ack wait no longer than the fetch's expiry),
          // the same fetch holds it twice: it is written and counted once.
          if (held.has(message.seq)) continue;
          held.add(message.seq);
          messages.push(message);
        }
      } catch {
        // The fetch failed (its heartbeats missed while this process or the server was short
        // of CPU, the server restarting): what the server had sent it, held here or still on
        // the wire, is unacknowledged, and the consumer would deliver it again only after
        // `ackWaitMs` (30 s), behind the partition's later messages, so its assets' fixes
        // would be written out of order. A fresh consumer delivers it again at once and in
        // order, as on a takeover.
        consumer = null;
        wanted = 1;
        if (!this.isClosed && !loop.isStopped) await sleep(500);
        continue;
      }
      if (messages.length === 0) {
        wanted = 1;
        continue;
      }
      const fetched: Fetched = { messages, fixes: null };
      if (await this.write(fetched)) {
        failures = 0;
        wanted = Math.min(mostMessages, Math.max(1, stillHeld));
        continue;
      }
      // What was refused comes back first, and is not counted as pending: ask for it again
      // (at least one: a fetch of only unreadable messages, acknowledged, is refused with the
      // other partitions' fetches written together with it).
      wanted = Math.max(1, fetched.messages.length);
      failures++;
      this.counts.retries++;
      const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
      for (const message of fetched.messages) message.nak(delay);
      // The partition waits for its own redelivery, so its fixes stay in order.
      await sleep(delay);
    }
  }

  /**
   * Hands a partition's batch to the one writer and resolves with whether it was written
   * and acknowledged. Batches that arrive while a write runs go together into the next one,
   * up to `maxBatch` fixes.
   */
  private write(fetched: Fetched): Promise<boolean> {
    return new Promise((done) => {
      this.pending.push({ fetched, done });
      if (!this.isWriting) void this.drain();
    });
  }

  /** Messages fetched from the stream and waiting for the writer. */
  get messagesWaitingToWrite(): number {
    let messages = 0;
    for (const { fetched } of this.pending) messages += fetched.messages.length;
    return messages;
  }

  /**
   * A fetch's fixes, read from its messages when the writer comes to it, not when it
   * arrives: under load 16 partitions' fetches wait behind the writer, for seconds, and read
   * at once they were hundreds of bytes a fix that the young generation's collections copied
   * and promoted, where the messages' bytes lie outside the heap (docs/benchmarks.md,
   * issue 20). Messages that hold no group are acknowledged and left out.
   */
  private read(fetched: Fetched): Fix[] {
    if (fetched.fixes) return fetched.fixes;
    const readable: JsMsg[] = [];
    const fixes: Fix[] = [];
    for (const message of fetched.messages) {
      const group = readFixGroup(message.data);
      if (!group) {
        // Not ours to retry: a message no tracker can read would be redelivered forever.
        // Acknowledged, which takes it out of the work queue; terminated, nats-server 2.9
        // kept it, and delivered it again to every next owner of the partition.
        message.ack();
        this.counts.malformedMessages++;
        continue;
      }
      // Likewise a fix no tracker may store: left out, the rest of its group written.
      this.counts.malformedFixes += group.malformed;
      readable.push(message);
      for (const fix of group.fixes) fixes.push(fix);
    }
    fetched.messages = readable;
    fetched.fixes = fixes;
    return fixes;
  }

  private async drain(): Promise<void> {
    const handler = this.handler;
    if (!handler) throw new Error('no consumer');
    const maxBatch = this.consumeOptions.maxBatch ?? 2000;
    // Set before anything is awaited, so a write that comes meanwhile joins this drain.
    this.isWriting = true;
    while (this.pending.length > 0) {
      // At most a batch's worth of fixes a write (a partition's fetch whole, whatever its
      // size): the fetches of every partition waiting behind a slow write made one write,
      // and one such was caught holding the event loop 154 ms, the terminals' answers and
      // the live map behind it (docs/benchmarks.md, issue 20).
      let fixCount = 0;
      let taken = 0;
      for (const { fetched } of this.pending) {
        const count = this.read(fetched).length;
        if (taken > 0 && fixCount + count > maxBatch) break;
        fixCount += count;
        taken++;
      }
      const group = this.pending.splice(0, taken);
      const fixes = group.flatMap(({ fetched }) => this.read(fetched));
      let isWritten = true;
      try {
        // Messages whose every fix was left out need no write, only their acknowledgement.
        if (fixes.length > 0) await handler(fixes);
      } catch {
        isWritten = false;
      }
      if (isWritten) {
        // Plain acknowledgements, not confirmed ones: the batch is committed, so a message
        // whose acknowledgement is lost (the connection going, or a draining one refusing
        // it) comes back only as duplicates the store ignores. Waiting for the server to
        // confirm each was a request per message (issue 20).
        for (const { fetched } of group)
          for (const message of fetched.messages) {
            try {
              message.ack();
            } catch {
              // Delivered again later: duplicates, ignored.
            }
          }
        this.counts.acknowledged += fixes.length;
      }
      for (const g of group) g.done(isWritten);
    }
    this.isWriting = false;
  }

  stats(): FixBusStats {
    const { published, acknowledged, retries, malformedMessages, malformedFixes } = this.counts;
    return {
      published,
      acknowledged,
      retries,
      queued: published - acknowledged,
      waitingPublishers: this.waiting,
      malformedMessages,
      malformedFixes,
    };
  }

  /** Whether this tracker consumes the asset's fixes now (its partition is one it owns). */
  owns(assetKind: AssetKind, assetKey: string): boolean {
    return this.loops.has(partitionOf(assetKind, assetKey, this.options.partitions));
  }

  /** The partitions this tracker owns and the trackers it shares them with (null: not consuming). */
  partitionStats(): LeaseStats | null {
    return this.leases?.stats() ?? null;
  }

  /**
   * Stops fetching and gives the partitions back; a batch still being written after 2 s is
   * left unacknowledged and will be delivered to the next owner.
   */
  async close(): Promise<void> {
    // What was gathered is refused (the bus is closing): its publishers answer nothing.
    this.isClosed = true;
    this.sendGathered();
    await this.running?.catch(() => undefined);
    const loops = [...this.loops.values()].map((loop) => loop.done);
    await Promise.race([Promise.all(loops), sleep(2000)]);
    await Promise.race([this.leases?.close(), sleep(2000)]);
    this.publisher.close();
    await this.nc.close();
  }

  /** Removes the stream, everything in it and its leases (tests and benchmarks only). */
  async destroy(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.delete(`KV_${this.options.stream}_LEASES`).catch(() => false);
    await jsm.streams.delete(this.options.stream);
  }
}
