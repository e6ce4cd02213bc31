import type { Db } from '@harbor/db';
import type { ConsumeOptions, FixBus } from './fix-bus.ts';
import { type WriteResult, writeFixes } from './fix-store.ts';

export type TrackerStats = WriteResult & { batches: number; failedWrites: number };

/**
 * Consumes the fix bus into the database: each batch is written in one transaction and
 * acknowledged only after it commits. While the database is unreachable the batch is
 * retried with back-off and the bus holds the rest (bounded, pushing back on publishers).
 */
export function startTracker(
  deps: { db: Pick<Db, 'sql'>; bus: FixBus },
  options: ConsumeOptions = {},
): TrackerStats {
  const stats: TrackerStats = {
    inserted: 0,
    duplicates: 0,
    latestMoved: 0,
    batches: 0,
    failedWrites: 0,
  };
  deps.bus.consume(async (batch) => {
    let result: WriteResult;
    try {
      result = await writeFixes(deps.db, batch);
    } catch (error) {
      stats.failedWrites++;
      throw error;
    }
    stats.batches++;
    stats.inserted += result.inserted;
    stats.duplicates += result.duplicates;
    stats.latestMoved += result.latestMoved;
  }, options);
  return stats;
}
