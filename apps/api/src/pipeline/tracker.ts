import type { Db } from '@harbor/db';
import { type Fix, isHistoryOnly } from '@harbor/shared';
import type { BusyMeter } from '../core/busy-meter.ts';
import type { ConsumeOptions, FixBus } from './fix-bus.ts';
import { type DuplicateMemory, loadPresence, type WriteResult, writeFixes } from './fix-store.ts';
import type { GeofenceEngine, GeofenceTransition } from './geofence-engine.ts';

export type TrackerStats = WriteResult & {
  batches: number;
  failedWrites: number;
  geofenceEvents: number;
  failedAfterWrite: number;
  /** Fixes stored to history only: received more than a day after they were taken. */
  historyOnly: number;
  /** Committed batches whose after-write step is running or waiting its turn. */
  observing: number;
};

export type TrackerOptions = ConsumeOptions & {
  /**
   * Committed batches that may wait for the after-write step before the next write waits
   * too; bounds the memory the second stage holds and pushes back on the bus.
   */
  maxObserving?: number;
};

/**
 * Consumes the fix bus into the database: each batch is written in one statement, with the
 * geofence transitions it caused. The handler resolves only once the write commits, and only
 * then does the bus acknowledge the batch (and answer its publishers); a failed write throws,
 * so the bus gives the same batch again after a back-off and holds the rest meanwhile
 * (bounded, pushing back on publishers).
 *
 * Two stages: the writes, one batch after another; and the after-write step (alert rules,
 * visits, dispatch), in the same order, one batch behind. So the next batch's write runs
 * while the observers digest the last one, instead of after them. The latest-position cache
 * and the live subscriptions are not waiting here: the live tap feeds them from what the bus
 * accepted (domains/positions/live-tap.ts).
 */
export function startTracker(
  deps: {
    db: Pick<Db, 'sql'>;
    bus: FixBus;
    geofence?: GeofenceEngine;
    /**
     * Runs after a batch is committed, with the geofence transitions stored with it (the alert
     * rules, the visit tracker, the dispatch monitor); a failure is counted, not retried.
     */
    afterWrite?: (batch: Fix[], transitions: readonly GeofenceTransition[]) => Promise<unknown>;
    /** Measures the time spent on writes: how near ingest is to what it can take. */
    writing?: BusyMeter;
  },
  options: TrackerOptions = {},
): TrackerStats {
  const stats: TrackerStats = {
    inserted: 0,
    duplicates: 0,
    latestMoved: 0,
    batches: 0,
    failedWrites: 0,
    geofenceEvents: 0,
    failedAfterWrite: 0,
    historyOnly: 0,
    observing: 0,
  };
  const maxObserving = options.maxObserving ?? 2;
  const duplicates: DuplicateMemory = { isExpected: false };
  let observed: Promise<void> = Promise.resolve();
  let room: (() => void) | null = null;

  const observe = (batch: Fix[], transitions: readonly GeofenceTransition[]) => {
    stats.observing++;
    observed = observed.then(async () => {
      // The batch is stored: whatever happens next must not bring it back.
      await deps.afterWrite?.(batch, transitions).catch(() => {
        stats.failedAfterWrite++;
      });
      stats.observing--;
      room?.();
    });
  };

  const write = async (batch: Fix[]) => {
    // Fixes from long ago are stored, but are not where the asset is now: no geofences,
    // alerts, visits or jobs for them (fix-time.ts in packages/shared).
    const current = batch.some(isHistoryOnly) ? batch.filter((fix) => !isHistoryOnly(fix)) : batch;
    // Assets first seen since the tracker started (or took their partition) take up where
    // the stored events left off.
    const unknown = deps.geofence?.unknownAssets(current) ?? [];
    if (unknown.length > 0) deps.geofence?.restore(await loadPresence(deps.db, unknown));
    const geofence = deps.geofence?.updateBatch(current);
    let result: WriteResult;
    try {
      result = await writeFixes(deps.db, batch, geofence?.transitions, duplicates);
    } catch (error) {
      // Not written: the batch comes again, so its transitions must come again too.
      geofence?.rollback();
      stats.failedWrites++;
      throw error;
    }
    stats.batches++;
    stats.inserted += result.inserted;
    stats.duplicates += result.duplicates;
    stats.latestMoved += result.latestMoved;
    stats.geofenceEvents += geofence?.transitions.length ?? 0;
    stats.historyOnly += batch.length - current.length;
    if (deps.afterWrite && current.length > 0) observe(current, geofence?.transitions ?? []);
    while (stats.observing > maxObserving)
      await new Promise<void>((resolve) => {
        room = resolve;
      });
    room = null;
  };

  deps.bus.consume(
    async (batch) => {
      deps.writing?.begin();
      try {
        await write(batch);
      } finally {
        deps.writing?.end();
      }
    },
    {
      ...options,
      onAssetsGained: async (isGained) => {
        deps.geofence?.forget(isGained);
        await options.onAssetsGained?.(isGained);
      },
    },
  );
  return stats;
}
