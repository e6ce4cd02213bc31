import type { Db } from '@harbor/db';
import {
  DAY_MS,
  daysAhead,
  detachPartition,
  ensurePartitions,
  listPartitions,
  utcDay,
} from '../../pipeline/history-partitions.ts';
import { type CompactionPace, type CompactionReport, compactDue } from './compactor.ts';
import type { HistoryPolicy } from './policy.ts';
import { applyRuleChanges, type RuleChangesReport } from './retention.ts';

/** Days of raw partitions made ahead, so ingest never has to make one on the way. */
export const DAYS_AHEAD = 3;

/** Rows removed per statement when events age out: short transactions, no long locks. */
const PRUNE_BATCH = 5_000;

export type UpkeepReport = CompactionReport &
  RuleChangesReport & {
    /** Raw partitions created ahead. */
    created: number;
    /** Compact-track partitions dropped, their week of expiry over. */
    droppedSegmentTables: number;
    /** Rows of events and records past their retention, by table. */
    pruned: Record<string, number>;
  };

/**
 * One round of history upkeep at `now`: raw partitions for the coming days, compaction of
 * the days past the hot window (at `pace`, yielding to ingest), changed track rules applied to the tracks compacted before,
 * expired compact tracks dropped by whole partitions, and
 * events and records past their retention removed in small batches. Safe to run from several
 * processes: partition changes take one advisory lock, compaction resumes from its records,
 * and a concurrent round finds nothing left to do (maintenance.ts runs one at a time anyway).
 */
export async function runUpkeep(
  db: Pick<Db, 'sql' | 'kind'>,
  policy: HistoryPolicy,
  now: number,
  pace: CompactionPace = {},
): Promise<UpkeepReport> {
  const created = await ensurePartitions(db, 'PositionFix', daysAhead(now, DAYS_AHEAD));
  const compaction = await compactDue(db, policy, now, pace);
  // Before any partition is dropped: a rule made longer keeps what its old week would take.
  const ruleChanges = await applyRuleChanges(db, policy.keepDays, now);
  let droppedSegmentTables = 0;
  for (const partition of await listPartitions(db.sql, 'TrackSegment')) {
    if (partition.to > utcDay(now)) continue;
    await detachPartition(db, 'TrackSegment', partition.name);
    await db.sql.exec(`DROP TABLE "${partition.name}"`);
    droppedSegmentTables++;
  }
  const pruned = await pruneEvents(db, policy, now);
  return {
    ...compaction,
    ...ruleChanges,
    created: created.length,
    droppedSegmentTables,
    pruned,
  };
}

// Each statement removes at most PRUNE_BATCH rows older than $1 and says how many it did.
// Unacknowledged alerts and jobs still under way are never pruned; a container's latest event
// stays while its state refers to it.
const PRUNE: Record<string, { days: keyof HistoryPolicy; sql: string }> = {
  GeofenceEvent: {
    days: 'eventKeepDays',
    sql: `DELETE FROM "GeofenceEvent" WHERE id IN (
      SELECT id FROM "GeofenceEvent" WHERE at < $1 LIMIT ${PRUNE_BATCH})`,
  },
  Alert: {
    days: 'eventKeepDays',
    sql: `DELETE FROM "Alert" WHERE id IN (
      SELECT id FROM "Alert" WHERE "acknowledgedAt" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  DispatchJob: {
    days: 'recordKeepDays',
    sql: `DELETE FROM "DispatchJob" WHERE id IN (
      SELECT id FROM "DispatchJob" WHERE status IN ('DELIVERED', 'CANCELLED', 'FAILED')
        AND "updatedAt" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  // Photos prove deliveries: kept as long as the records they prove.
  TerminalMedia: {
    days: 'recordKeepDays',
    sql: `DELETE FROM "TerminalMedia" WHERE id IN (
      SELECT id FROM "TerminalMedia" WHERE "receivedAt" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  // The driver's phone's proof photos, likewise (and with their job when it goes).
  DeliveryPhoto: {
    days: 'recordKeepDays',
    sql: `DELETE FROM "DeliveryPhoto" WHERE id IN (
      SELECT id FROM "DeliveryPhoto" WHERE "uploadedAt" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  TruckAppointment: {
    days: 'recordKeepDays',
    sql: `DELETE FROM "TruckAppointment" WHERE id IN (
      SELECT id FROM "TruckAppointment" WHERE "slotStart" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  TerminalCommand: {
    days: 'eventKeepDays',
    sql: `DELETE FROM "TerminalCommand" WHERE id IN (
      SELECT id FROM "TerminalCommand" WHERE "createdAt" < $1 LIMIT ${PRUNE_BATCH})`,
  },
  EquipmentEvent: {
    days: 'recordKeepDays',
    sql: `DELETE FROM "EquipmentEvent" WHERE id IN (
      SELECT e.id FROM "EquipmentEvent" e WHERE e."eventCreatedAt" < $1
        AND NOT EXISTS (SELECT 1 FROM "ContainerState" s WHERE s."lastEventId" = e.id)
      LIMIT ${PRUNE_BATCH})`,
  },
};

async function pruneEvents(
  db: Pick<Db, 'sql'>,
  policy: HistoryPolicy,
  now: number,
): Promise<Record<string, number>> {
  const pruned: Record<string, number> = {};
  for (const [table, { days, sql }] of Object.entries(PRUNE)) {
    const cutoff = new Date(now - policy[days] * DAY_MS);
    let total = 0;
    for (;;) {
      const { affectedRows } = await db.sql.query(sql, [cutoff]);
      total += affectedRows;
      if (affectedRows < PRUNE_BATCH) break;
    }
    pruned[table] = total;
  }
  return pruned;
}
