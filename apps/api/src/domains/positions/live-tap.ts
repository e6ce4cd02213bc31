import { type Fix, isHistoryOnly } from '@harbor/shared';
import type { Logger } from 'pino';
import type { LatestPositionCache } from './latest-cache.ts';
import type { PositionTopic } from './live-topics.ts';

export type LiveTapStats = {
  /** Fixes handed on to the latest-position cache and the live subscriptions. */
  forwarded: number;
  /** Fixes left out of the live view because it had fallen this far behind (all are stored). */
  dropped: number;
  failedFlushes: number;
};

/**
 * The live view's own path: fixes the bus has accepted go to the latest-position cache and
 * the live subscriptions every few milliseconds, without waiting for the database write.
 * What the bus accepted is stored (the tracker retries until it is), so the map does not run
 * ahead of anything that will not happen; it only no longer waits behind a slow write or an
 * outage. Bounded: when the cache cannot keep up, the oldest waiting fixes are left out of
 * the live view (counted), never out of the store.
 */
export class LiveTap {
  readonly stats: LiveTapStats = { forwarded: 0, dropped: 0, failedFlushes: 0 };
  private waiting: Fix[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { cache: LatestPositionCache; topic: PositionTopic; logger?: Logger },
    private readonly options: { intervalMs?: number; batchSize?: number; maxWaiting?: number } = {},
  ) {}

  /** Fixes the bus has accepted; those that are history only are not live (fix-time.ts). */
  accept(fixes: readonly Fix[]): void {
    const maxWaiting = this.options.maxWaiting ?? 100_000;
    for (const fix of fixes) {
      if (isHistoryOnly(fix)) continue;
      if (this.waiting.length >= maxWaiting) {
        // The older half at once: dropping one at a time would move the whole array per fix.
        const dropped = Math.max(1, Math.floor(maxWaiting / 2));
        this.waiting.splice(0, dropped);
        this.stats.dropped += dropped;
      }
      this.waiting.push(fix);
    }
    // A full batch goes at once (a busy event loop runs timers late); a trickle on the timer.
    if (this.waiting.length >= (this.options.batchSize ?? 1000)) void this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs ?? 20);
  }

  /** Hands on what is waiting, in arrival order; resolves when it has reached the subscriptions. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        const moved = await this.deps.cache.apply(batch);
        if (moved.length > 0) this.deps.topic.publish(moved);
        this.stats.forwarded += batch.length;
      } catch (error) {
        this.stats.failedFlushes++;
        this.deps.logger?.error({ err: error, fixes: batch.length }, 'live positions not updated');
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    await this.flush();
  }
}
