/**
 * Turns a callback subscription into an async iterable that ends when `signal` aborts. It
 * subscribes at once, not at the first read, so a caller can start listening, then read
 * what it missed from the database, then iterate without a gap. At most `bound` items wait
 * for a slow reader; past that the oldest are dropped and counted, so a stalled connection
 * cannot hold memory without limit.
 */
export function listen<T>(
  subscribe: (push: (item: T) => void) => () => void,
  signal: AbortSignal | undefined,
  options: { bound?: number; onDrop?: () => void } = {},
): AsyncGenerator<T> {
  const bound = options.bound ?? 1_000;
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const unsubscribe = subscribe((item) => {
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
        const item = queue.shift();
        if (item === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        yield item;
      }
    } finally {
      unsubscribe();
      signal?.removeEventListener('abort', stop);
    }
  })();
}
