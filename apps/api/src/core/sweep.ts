/**
 * Runs `sweep` every `everyMs` in the background (the timer does not keep the process alive):
 * a failed sweep goes to `onError` and the next one runs as planned. Returns the stop.
 */
export function sweepEvery(
  everyMs: number,
  sweep: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(() => {
    void sweep().catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
