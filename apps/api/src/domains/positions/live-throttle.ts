import { assetId, type Position } from '@harbor/shared';
import type { LivePosition, PositionTopic } from './live-topics.ts';

/**
 * One subscriber's view of the positions topic, throttled per asset: an asset's first update
 * in a window goes out at once, later ones in the same window are held (the newest wins) and
 * go out when the window closes. An update not yet handed to the subscriber is replaced by a
 * newer one (the topic carries an asset's positions forward in time only). What waits for a
 * slow reader is at most one position per asset, so a stalled connection cannot grow the
 * buffer without bound.
 */
export function throttledPositions(
  topic: PositionTopic,
  options: {
    accept: (position: LivePosition) => boolean;
    intervalMs: number;
    signal: AbortSignal | undefined;
    now?: () => number;
  },
): AsyncGenerator<Position[]> {
  // Subscribes now, not at the first read: a caller sends a snapshot first and must not
  // miss what moves meanwhile.
  const now = options.now ?? (() => performance.now());
  const lastSent = new Map<string, number>();
  const held = new Map<string, { position: Position; due: number }>();
  const ready = new Map<string, Position>();
  let flushTimer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  const schedule = () => {
    if (flushTimer || held.size === 0) return;
    let due = Number.POSITIVE_INFINITY;
    for (const entry of held.values()) due = Math.min(due, entry.due);
    flushTimer = setTimeout(flushHeld, Math.max(0, due - now()));
  };

  function flushHeld() {
    flushTimer = null;
    const at = now();
    for (const [key, entry] of held) {
      if (entry.due > at) continue;
      ready.set(key, entry.position);
      lastSent.set(key, at);
      held.delete(key);
    }
    schedule();
    if (ready.size > 0) notify();
  }

  const unsubscribe = topic.subscribe((positions) => {
    const at = now();
    for (const live of positions) {
      if (!options.accept(live)) continue;
      const { position } = live;
      const key = assetId(position.assetKind, position.assetKey);
      const sent = lastSent.get(key);
      if (ready.has(key)) {
        // Not handed on yet: the newer position takes its place, still one update. Held
        // instead, it went out a window later, after the subscriber had drawn the older one
        // (two of a truck's reports read together behind a busy moment: issue 20).
        ready.set(key, position);
      } else if (sent === undefined || at - sent >= options.intervalMs) {
        held.delete(key);
        ready.set(key, position);
        lastSent.set(key, at);
      } else {
        held.set(key, { position, due: sent + options.intervalMs });
      }
    }
    schedule();
    if (ready.size > 0) notify();
  });
  const stop = () => {
    unsubscribe();
    notify();
  };
  options.signal?.addEventListener('abort', stop, { once: true });

  return (async function* () {
    try {
      while (!options.signal?.aborted) {
        if (ready.size === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        const batch = [...ready.values()];
        ready.clear();
        yield batch;
      }
    } finally {
      unsubscribe();
      options.signal?.removeEventListener('abort', stop);
      if (flushTimer) clearTimeout(flushTimer);
    }
  })();
}
