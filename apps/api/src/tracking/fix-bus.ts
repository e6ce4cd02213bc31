import type { Fix } from '@harbor/shared';

/**
 * Carries fixes from the gateways to the tracker. Delivery is at-least-once: a batch is
 * acknowledged only when its handler resolves (the write committed); a failed handler gets
 * the same batch again after a back-off, so nothing is lost while the database is away.
 * Two implementations: in-process (the default) and NATS JetStream (BUS_URL).
 */
export type FixBus = {
  /** Resolves once the fixes are accepted; waits while the bus is full (back-pressure). */
  publish(fixes: readonly Fix[]): Promise<void>;
  /**
   * Takes the fixes at once when the bus has room for all of them and returns true; false
   * (nothing taken) when the caller must `publish` and wait. A bus that cannot accept
   * without a round trip leaves this out. The gateways' fast path: no promise per report.
   */
  publishNow?(fixes: readonly Fix[]): boolean;
  /** Starts the one consumer: batches of up to `maxBatch`, collected for up to `maxWaitMs`. */
  consume(handler: (batch: Fix[]) => Promise<void>, options?: ConsumeOptions): void;
  stats(): FixBusStats;
  /** Stops consuming (the in-process bus first waits a little for its queue to be written). */
  close(): Promise<void>;
};

export type ConsumeOptions = {
  maxBatch?: number;
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
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The in-process bus: a bounded queue in memory, one consumer. */
export class InProcessFixBus implements FixBus {
  private readonly queue: Fix[] = [];
  private readonly waitingForSpace: (() => void)[] = [];
  private wakeConsumer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private isClosed = false;
  private counts = { published: 0, acknowledged: 0, retries: 0 };

  constructor(private readonly capacity = 100_000) {}

  publishNow(fixes: readonly Fix[]): boolean {
    if (this.isClosed || this.capacity - this.queue.length < fixes.length) return false;
    for (const fix of fixes) this.queue.push(fix);
    this.counts.published += fixes.length;
    this.wakeConsumer?.();
    return true;
  }

  async publish(fixes: readonly Fix[]): Promise<void> {
    let offset = 0;
    while (offset < fixes.length) {
      if (this.isClosed) throw new Error('the fix bus is closed');
      const room = this.capacity - this.queue.length;
      if (room <= 0) {
        await new Promise<void>((resolve) => this.waitingForSpace.push(resolve));
        continue;
      }
      const part = fixes.slice(offset, offset + room);
      this.queue.push(...part);
      offset += part.length;
      this.counts.published += part.length;
      this.wakeConsumer?.();
    }
  }

  consume(handler: (batch: Fix[]) => Promise<void>, options: ConsumeOptions = {}): void {
    if (this.running) throw new Error('the fix bus already has a consumer');
    this.running = this.loop(handler, {
      maxBatch: options.maxBatch ?? 2000,
      maxWaitMs: options.maxWaitMs ?? 50,
      retryBaseMs: options.retryBaseMs ?? 100,
      retryMaxMs: options.retryMaxMs ?? 5000,
    });
  }

  private async loop(
    handler: (batch: Fix[]) => Promise<void>,
    o: Required<ConsumeOptions>,
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
      // Give a small batch a moment to fill: fewer, larger writes.
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
      this.counts.acknowledged += batch.length;
      for (const resolve of this.waitingForSpace.splice(0)) resolve();
    }
  }

  stats(): FixBusStats {
    return {
      ...this.counts,
      queued: this.queue.length,
      waitingPublishers: this.waitingForSpace.length,
    };
  }

  /** Waits up to `drainMs` for the consumer to write what is queued, then stops it. */
  async close(drainMs = 5000): Promise<void> {
    const deadline = Date.now() + drainMs;
    while (this.running && this.queue.length > 0 && Date.now() < deadline) await sleep(20);
    this.isClosed = true;
    this.wakeConsumer?.();
    for (const resolve of this.waitingForSpace.splice(0)) resolve();
    await this.running;
  }
}
