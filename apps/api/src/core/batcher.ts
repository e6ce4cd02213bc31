/**
 * Lookups by key, many callers' keys fetched in one call (DataLoader-style): a key asked for
 * waits at most `waitMs` for others to join it, at most `maxBatch` keys go in one fetch, and
 * at most `maxConcurrent` fetches run at once; the rest wait their turn. So a storm of
 * thousands of callers costs the source a few large queries, never thousands of small ones.
 * Nothing is cached: every answer comes from a fetch started after it was asked for.
 */
export type BatcherOptions<K, V> = {
  /** The values of these (distinct) keys; a key left out of the map answers `missing`. */
  fetch(keys: K[]): Promise<Map<K, V>>;
  missing: V;
  /** Keys per fetch, at most (default 1,000). */
  maxBatch?: number;
  /** Fetches running at once, at most (default 2). */
  maxConcurrent?: number;
  /** How long the first key of a batch waits for others (default 2 ms). */
  waitMs?: number;
};

type Waiting<V> = { resolve(value: V): void; reject(error: unknown): void };

export class Batcher<K, V> {
  /** Keys not yet in a fetch, each with everyone waiting for it, in the order first asked. */
  private readonly queue = new Map<K, Waiting<V>[]>();
  private running = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: BatcherOptions<K, V>) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const waiting = this.queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.queue.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** Fetches now when a batch is full, else once the wait is over; only while a slot is free. */
  private schedule(): void {
    if (this.running >= (this.options.maxConcurrent ?? 2) || this.queue.size === 0) return;
    if (this.queue.size >= (this.options.maxBatch ?? 1_000)) {
      this.dispatch();
      return;
    }
    this.timer ??= setTimeout(() => this.dispatch(), this.options.waitMs ?? 2);
  }

  private dispatch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running >= (this.options.maxConcurrent ?? 2) || this.queue.size === 0) return;
    const batch = new Map<K, Waiting<V>[]>();
    for (const [key, waiting] of this.queue) {
      if (batch.size >= (this.options.maxBatch ?? 1_000)) break;
      batch.set(key, waiting);
      this.queue.delete(key);
    }
    this.running++;
    const settle = () => {
      this.running--;
      this.schedule();
    };
    this.options.fetch([...batch.keys()]).then(
      (values) => {
        for (const [key, waiting] of batch) {
          const value = values.has(key) ? (values.get(key) as V) : this.options.missing;
          for (const waiter of waiting) waiter.resolve(value);
        }
        settle();
      },
      (error: unknown) => {
        for (const waiting of batch.values()) for (const waiter of waiting) waiter.reject(error);
        settle();
      },
    );
    // Another slot may take the next batch at once when this one was full.
    this.schedule();
  }
}

/**
 * The latest value per key, written behind in batches: one write runs at a time with
 * everything set since the one before, so a storm of updates costs the store a handful of
 * statements. A failed write keeps its values (newer ones win) and is tried again later.
 * For what may lag and, in a crash, be lost (when a device was last seen), not for anything
 * acknowledged.
 */
export class WriteBehind<K, V> {
  private pending = new Map<K, V>();
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (entries: Map<K, V>) => Promise<void>,
    private readonly retryMs = 1_000,
  ) {}

  set(key: K, value: V): void {
    this.pending.set(key, value);
    this.writing ??= this.drain();
  }

  /** Resolves once everything set so far is written (or its write failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let the callers of this turn add theirs to the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.write(batch);
      } catch {
        for (const [key, value] of batch) if (!this.pending.has(key)) this.pending.set(key, value);
        this.writing = null;
        setTimeout(() => {
          if (this.pending.size > 0) this.writing ??= this.drain();
        }, this.retryMs).unref();
        return;
      }
    }
    this.writing = null;
  }
}
