import type { AssetKind, Fix } from '@harbor/shared';

/**
 * Carries fixes from the gateways to the tracker. Delivery is at-least-once: a batch is
 * acknowledged only when its handler resolves (the write committed); a failed handler gets
 * the same batch again after a back-off, so nothing is lost while the database is away.
 *
 * Publishing is a promise kept: `publish` resolves, and `publishNow` calls back, only once
 * the fixes are durable (committed to the database on the in-process bus, stored by the
 * stream on JetStream). A gateway answers its client then, and a crash after the answer
 * has nothing left to lose. Two implementations: in-process (the default) and NATS
 * JetStream (BUS_URL).
 */
export type FixBus = {
  /**
   * Resolves once the fixes are durable; waits while the bus is full (back-pressure).
   * Rejects when the bus closes before they were stored: then nothing may be acknowledged.
   */
  publish(fixes: readonly Fix[]): Promise<void>;
  /**
   * Takes the fixes at once when the bus has room for all of them and returns true, then
   * calls `stored` once they are durable (with an error instead when the bus closed first);
   * false (nothing taken) when the caller must `publish` and wait. A bus that cannot take
   * fixes without a round trip leaves this out. The gateways' fast path: no promise and no
   * pause per report, and many reports answered by one commit.
   */
  publishNow?(fixes: readonly Fix[], stored: (error?: Error) => void): boolean;
  /** Starts the one consumer: batches of up to `maxBatch`, collected for up to `maxWaitMs`. */
  consume(handler: (batch: Fix[]) => Promise<void>, options?: ConsumeOptions): void;
  /**
   * Whether this consumer takes the asset's fixes now; a partitioned bus's tracker takes only
   * its partitions' (left out: every asset's).
   */
  owns?(assetKind: AssetKind, assetKey: string): boolean;
  stats(): FixBusStats;
  /** Stops consuming (the in-process bus first waits a little for its queue to be written). */
  close(): Promise<void>;
};

export type ConsumeOptions = {
  /**
   * Told, before they are consumed, of assets whose fixes this consumer takes over from
   * another (a partitioned bus: a tracker took partitions): what it remembered of them may
   * be out of date.
   */
  onAssetsGained?: (
    isGained: (assetKind: AssetKind, assetKey: string) => boolean,
  ) => void | Promise<void>;
  maxBatch?: number;
  /**
   * How long a small batch waits to fill (the in-process bus). The JetStream bus writes what
   * its partitions' fetches bring, as they bring it: letting its batches fill halved
   * PostgreSQL's CPU a fix at a quarter of the load, but did not lower the live map's p99 at
   * half of it (docs/benchmarks.md, issue 20).
   */
  maxWaitMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
};

export type FixBusStats = {
  published: number;
  acknowledged: number;
  queued: number;
  retries: number;
  waitingPublishers: number;
  /** Messages on a stream that were not an array of fixes: dropped (JetStream). */
  malformedMessages?: number;
  /** Items of a stream's messages that were not a fix by the contract: left out (JetStream). */
  malformedFixes?: number;
};

/** Told of the fixes a bus has taken, before they are stored: the live view's feed. */
export type OnAccepted = (fixes: readonly Fix[]) => void;

export class FixBusClosedError extends Error {
  constructor() {
    super('the fix bus closed before these fixes were stored');
    this.name = 'FixBusClosedError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A publisher waiting for every fix up to sequence number `end` to be stored. */
type StoreWaiter = { end: number; stored: (error?: Error) => void };

/**
 * The most fixes the in-process bus's consumer takes at once. Reached only with a backlog,
 * when the publishers wait on commits: 5,000 against 2,000 carried 14-19 % more fixes a
 * second end to end on two cores, for fewer commits, and fewer answers' writes as a
 * terminal's several reports were answered in one (docs/benchmarks.md, issue 20). Below that,
 * batches are what queued during the last write, or in `maxWaitMs`.
 */
export const IN_PROCESS_MAX_BATCH = 5000;

/**
 * The in-process bus: a bounded queue in memory, one consumer. A publisher is answered when
 * the batch holding its last fix commits. The consumer writes whatever queued while its
 * last write ran, so under load one commit answers many publishers (group commit).
 */
export class InProcessFixBus implements FixBus {
  private readonly queue: Fix[] = [];
  /** The sequence number of `queue[0]`: every fix before it is stored. */
  private head = 0;
  /** In order of `end`: fixes are queued in order, and each waiter right after its last one. */
  private readonly waitingForStore: StoreWaiter[] = [];
  private readonly waitingForSpace: (() => void)[] = [];
  private wakeConsumer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private isClosed = false;
  private counts = { published: 0, acknowledged: 0, retries: 0 };
  private readonly capacity: number;
  private readonly onAccepted: OnAccepted | undefined;

  constructor(options: { capacity?: number; onAccepted?: OnAccepted } = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.onAccepted = options.onAccepted;
  }

  publishNow(fixes: readonly Fix[], stored: (error?: Error) => void): boolean {
    if (this.isClosed || this.capacity - this.queue.length < fixes.length) return false;
    for (const fix of fixes) this.queue.push(fix);
    this.waitingForStore.push({ end: this.head + this.queue.length, stored });
    this.accepted(fixes);
    return true;
  }

  async publish(fixes: readonly Fix[]): Promise<void> {
    let offset = 0;
    while (offset < fixes.length) {
      if (this.isClosed) throw new FixBusClosedError();
      const room = this.capacity - this.queue.length;
      if (room <= 0) {
        await new Promise<void>((resolve) => this.waitingForSpace.push(resolve));
        continue;
      }
      const part = fixes.slice(offset, offset + room);
      this.queue.push(...part);
      offset += part.length;
      if (offset < fixes.length) this.accepted(part);
      else {
        // Registered in the turn its last fix was queued, so the waiters stay in order.
        const end = this.head + this.queue.length;
        const stored = new Promise<void>((resolve, reject) =>
          this.waitingForStore.push({
            end,
            stored: (error) => (error ? reject(error) : resolve()),
          }),
        );
        this.accepted(part);
        await stored;
      }
    }
  }

  private accepted(fixes: readonly Fix[]): void {
    this.counts.published += fixes.length;
    this.onAccepted?.(fixes);
    this.wakeConsumer?.();
  }

  consume(handler: (batch: Fix[]) => Promise<void>, options: ConsumeOptions = {}): void {
    if (this.running) throw new Error('the fix bus already has a consumer');
    this.running = this.loop(handler, {
      maxBatch: options.maxBatch ?? IN_PROCESS_MAX_BATCH,
      maxWaitMs: options.maxWaitMs ?? 5,
      retryBaseMs: options.retryBaseMs ?? 100,
      retryMaxMs: options.retryMaxMs ?? 5000,
    });
  }

  private async loop(
    handler: (batch: Fix[]) => Promise<void>,
    o: Required<Omit<ConsumeOptions, 'onAssetsGained'>>,
  ): Promise<void> {
    let failures = 0;
    while (!this.isClosed) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => {
          this.wakeConsumer = resolve;
        });
        this.wakeConsumer = null;
        continue;
      }
      // A small batch gets a moment to fill: fewer, larger writes. Publishers wait for the
      // commit, so the moment is short; under load the queue fills during the last write.
      if (this.queue.length < o.maxBatch && failures === 0) await sleep(o.maxWaitMs);
      const batch = this.queue.slice(0, o.maxBatch);
      try {
        await handler(batch);
      } catch {
        // Not acknowledged: the same fixes stay at the head of the queue and are retried.
        failures++;
        this.counts.retries++;
        await sleep(Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** (failures - 1)));
        continue;
      }
      failures = 0;
      this.queue.splice(0, batch.length);
      this.head += batch.length;
      this.counts.acknowledged += batch.length;
      this.answerStored();
      for (const resolve of this.waitingForSpace.splice(0)) resolve();
    }
  }

  /** Answers every publisher whose fixes are now all stored. */
  private answerStored(): void {
    let answered = 0;
    for (const waiter of this.waitingForStore) {
      if (waiter.end > this.head) break;
      answered++;
    }
    for (const waiter of this.waitingForStore.splice(0, answered)) waiter.stored();
  }

  stats(): FixBusStats {
    return {
      ...this.counts,
      queued: this.queue.length,
      waitingPublishers: this.waitingForSpace.length,
    };
  }

  /**
   * Waits up to `drainMs` for the consumer to write what is queued, then stops it.
   * Publishers whose fixes were not stored by then are told so, never answered as stored.
   */
  async close(drainMs = 5000): Promise<void> {
    const deadline = Date.now() + drainMs;
    while (!this.isClosed && this.running && this.queue.length > 0 && Date.now() < deadline)
      await sleep(20);
    this.isClosed = true;
    this.wakeConsumer?.();
    for (const resolve of this.waitingForSpace.splice(0)) resolve();
    await this.running;
    const closed = new FixBusClosedError();
    for (const waiter of this.waitingForStore.splice(0)) waiter.stored(closed);
  }
}
