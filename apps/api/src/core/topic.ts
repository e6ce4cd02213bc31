export type Listener<T> = (item: T) => void;

export type ListenOptions<T> = {
  /** Items that may wait for a slow reader (1,000 unless given); past it the oldest are dropped. */
  bound?: number;
  /** Called for each item dropped past the bound. */
  onDrop?: () => void;
  /** Only items it accepts are buffered, so what a reader skips takes no room in its bound. */
  accept?: (item: T) => boolean;
};

/**
 * One kind of event fanned out inside the process: whoever owns it publishes, every open
 * subscription hears it. Publishing never waits for a subscriber: listeners run synchronously,
 * in the order they subscribed, and are expected to only hand the item on (a reader that
 * needs time buffers, as `listen` does). A listener that throws stops the publish and the
 * error reaches the publisher.
 *
 * The listeners are an array replaced on (un)subscribe, never changed in place: a publish
 * walks the array it started with (one subscribing or leaving meanwhile changes the next
 * publish, not this one) and allocates nothing, which matters on the live path, where
 * positions are published for every flush of thousands of fixes a second.
 */
export class Topic<T> {
  private listeners: readonly Listener<T>[] = [];

  publish(item: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as Listener<T>)(item);
  }

  /** Starts hearing every item published from now on; returns the way to stop (idempotent). */
  subscribe(listener: Listener<T>): () => void {
    this.listeners = [...this.listeners, listener];
    let isSubscribed = true;
    return () => {
      if (!isSubscribed) return;
      isSubscribed = false;
      const at = this.listeners.lastIndexOf(listener);
      if (at >= 0) this.listeners = this.listeners.toSpliced(at, 1);
    };
  }

  /** Open subscriptions, for metrics and tests. */
  get subscribers(): number {
    return this.listeners.length;
  }

  /**
   * The items as an async iterable that ends when `signal` aborts. It subscribes at once, not
   * at the first read, so a caller can start listening, then read what it missed from the
   * database, then iterate without a gap. At most `bound` items wait for a slow reader; past
   * that the oldest are dropped and counted (`onDrop`), so a stalled connection cannot hold
   * memory without limit.
   */
  listen(signal: AbortSignal | undefined, options: ListenOptions<T> = {}): AsyncGenerator<T> {
    const bound = options.bound ?? 1_000;
    const accept = options.accept;
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    const unsubscribe = this.subscribe((item) => {
      if (accept && !accept(item)) return;
      queue.push(item);
      if (queue.length > bound) {
        queue.shift();
        options.onDrop?.();
      }
      notify();
    });
    const stop = () => {
      unsubscribe();
      notify();
    };
    signal?.addEventListener('abort', stop, { once: true });

    return (async function* () {
      try {
        while (!signal?.aborted) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            continue;
          }
          yield queue.shift() as T;
        }
      } finally {
        unsubscribe();
        signal?.removeEventListener('abort', stop);
      }
    })();
  }
}
