import { EventEmitter } from 'node:events';
import { type Alert, assetId, type Position } from '@harbor/shared';

/** A position as the hub carries it: with the organization owning the asset (null for vessels). */
export type LivePosition = { position: Position; organizationId: string | null };

/**
 * The process's live fan-out: the live tap publishes the positions that moved forward (from
 * what the fix bus accepted, before it is stored), the alert monitor the alerts it raised and
 * `alerts.acknowledge` the acknowledged ones, and every open subscription listens. Publishing
 * never waits for a subscriber; each subscriber keeps its own bounded buffer (see
 * `throttledPositions`).
 */
export class LiveHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open subscription: hundreds of screens are normal.
    this.emitter.setMaxListeners(0);
  }

  publishPositions(positions: readonly LivePosition[]): void {
    if (positions.length > 0) this.emitter.emit('positions', positions);
  }

  publishAlert(alert: Alert): void {
    this.emitter.emit('alert', alert);
  }

  onPositions(listener: (positions: readonly LivePosition[]) => void): () => void {
    this.emitter.on('positions', listener);
    return () => this.emitter.off('positions', listener);
  }

  onAlert(listener: (alert: Alert) => void): () => void {
    this.emitter.on('alert', listener);
    return () => this.emitter.off('alert', listener);
  }

  /** Open subscriptions, for metrics and tests. */
  get subscribers(): { positions: number; alerts: number } {
    return {
      positions: this.emitter.listenerCount('positions'),
      alerts: this.emitter.listenerCount('alert'),
    };
  }
}

/**
 * One subscriber's view of the hub's positions, throttled per asset: an asset's first update
 * in a window goes out at once, later ones in the same window are held (the newest wins) and
 * go out when the window closes. What waits for a slow reader is at most one position per
 * asset, so a stalled connection cannot grow the buffer without bound.
 */
export function throttledPositions(
  hub: LiveHub,
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

  const unsubscribe = hub.onPositions((positions) => {
    const at = now();
    for (const live of positions) {
      if (!options.accept(live)) continue;
      const { position } = live;
      const key = assetId(position.assetKind, position.assetKey);
      const sent = lastSent.get(key);
      if (sent === undefined || at - sent >= options.intervalMs) {
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
