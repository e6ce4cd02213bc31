import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { ConsumeOptions, FixBus } from './fix-bus.ts';
import { type WriteResult, writeFixes } from './fix-store.ts';
import type { GeofenceEngine, GeofenceTransition } from './geofence-engine.ts';

export type TrackerStats = WriteResult & {
  batches: number;
  failedWrites: number;
  geofenceEvents: number;
  failedAfterWrite: number;
};

/**
 * Consumes the fix bus into the database: each batch is written in one transaction, with
 * the geofence transitions it caused, and acknowledged only after it commits. While the
 * database is unreachable the batch is retried with back-off and the bus holds the rest
 * (bounded, pushing back on publishers).
 */
export function startTracker(
  deps: {
    db: Pick<Db, 'sql'>;
    bus: FixBus;
    geofence?: GeofenceEngine;
    /**
     * Runs after a batch is committed, with the geofence transitions stored with it (the
     * latest-position cache, live subscriptions, alert rules); a failure is counted, not retried.
     */
    afterWrite?: (batch: Fix[], transitions: readonly GeofenceTransition[]) => Promise<unknown>;
  },
  options: ConsumeOptions = {},
): TrackerStats {
  const stats: TrackerStats = {
    inserted: 0,
    duplicates: 0,
    latestMoved: 0,
    batches: 0,
    failedWrites: 0,
    geofenceEvents: 0,
    failedAfterWrite: 0,
  };
  deps.bus.consume(async (batch) => {
    const geofence = deps.geofence?.updateBatch(batch);
    let result: WriteResult;
    try {
      result = await writeFixes(deps.db, batch, geofence?.transitions);
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
    // The batch is stored: whatever happens next must not bring it back.
    await deps.afterWrite?.(batch, geofence?.transitions ?? []).catch(() => {
      stats.failedAfterWrite++;
    });
  }, options);
  return stats;
}
