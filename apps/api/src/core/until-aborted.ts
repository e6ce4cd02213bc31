/**
 * Passes `source` through until `signal` aborts, then ends at once, even when the source
 * is waiting for its next item: the source is asked to return but not waited for (it is
 * expected to watch the same signal and wind down by itself; an error it throws then goes
 * to `onSourceError`). Ending is how a live stream stops when its session does, so it must
 * not depend on the source's cooperation.
 */
export async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
  onSourceError: (error: unknown) => void,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // One listener for the whole stream: racing each `next()` against a shared promise would
  // pile up a reaction per item on that promise for as long as the stream lives.
  let interrupt: (() => void) | null = null;
  const onAbort = () => interrupt?.();
  signal.addEventListener('abort', onAbort, { once: true });
  let isSourceDone = false;
  try {
    while (!signal.aborted) {
      const step = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
        let isInterrupted = false;
        interrupt = () => {
          isInterrupted = true;
          resolve(null);
        };
        iterator.next().then(resolve, (error: unknown) => {
          if (isInterrupted) onSourceError(error);
          else reject(error);
        });
      });
      interrupt = null;
      if (step === null) return;
      if (step.done) {
        isSourceDone = true;
        return;
      }
      yield step.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!isSourceDone) iterator.return?.().then(undefined, onSourceError);
  }
}
