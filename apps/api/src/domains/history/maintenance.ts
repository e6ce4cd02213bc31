import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { HistoryPolicy } from './policy.ts';
import { runUpkeep, type UpkeepReport } from './upkeep.ts';

/** How often a tracker runs history upkeep: days turn over slowly, an hour is soon enough. */
export const UPKEEP_EVERY_MS = 3_600_000;

export type HistoryUpkeepStats = {
  runs: number;
  failures: number;
  /** Rounds another process was already running (PostgreSQL). */
  skipped: number;
  compactedFixes: number;
  segments: number;
  droppedTables: number;
  /** Compact segments given a changed rule's expiry, and removed by a shortened rule. */
  redatedSegments: number;
  segmentsExpiredByRule: number;
  lastRunMs: number;
};

// One round at a time across every process sharing the database: the trackers all run this
// loop, the lock picks one. Transaction-scoped, so it goes with its connection if the process dies.
const TRY_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('harbor.history-upkeep')) AS locked`;

/**
 * Runs history upkeep (upkeep.ts) at start and every UPKEEP_EVERY_MS, one round at a time,
 * in the background: ingest never waits for it, and a failed round is logged, counted and
 * tried again at the next.
 */
export class HistoryUpkeep {
  readonly stats: HistoryUpkeepStats = {
    runs: 0,
    failures: 0,
    skipped: 0,
    compactedFixes: 0,
    segments: 0,
    droppedTables: 0,
    redatedSegments: 0,
    segmentsExpiredByRule: 0,
    lastRunMs: 0,
  };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<UpkeepReport | null> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'sql' | 'kind'>;
      policy: HistoryPolicy;
      now: Clock;
      logger: Logger;
      everyMs?: number;
      /** Share of its recent time the tracker spent writing: compaction yields to it. */
      ingestBusy?: () => number;
    },
  ) {}

  start(): void {
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.deps.everyMs ?? UPKEEP_EVERY_MS);
    this.timer.unref();
  }

  /** One round now (or the round already under way); null when another process holds it. */
  runNow(): Promise<UpkeepReport | null> {
    if (this.stopped) return Promise.resolve(null);
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<UpkeepReport | null> {
    const { db, policy, now, logger, ingestBusy } = this.deps;
    const started = Date.now();
    const pace = { ingestBusy };
    try {
      const report =
        db.kind === 'pglite'
          ? // One process holds a PGlite database, and its one connection cannot be held by a
            // lock while the round uses it.
            await runUpkeep(db, policy, now().getTime(), pace)
          : await db.sql.transaction(async (tx) => {
              const { rows } = await tx.query<{ locked: boolean }>(TRY_LOCK);
              return rows[0]?.locked ? runUpkeep(db, policy, now().getTime(), pace) : null;
            });
      if (!report) {
        this.stats.skipped++;
        return null;
      }
      this.stats.runs++;
      this.stats.compactedFixes += report.fixes;
      this.stats.segments += report.segments;
      this.stats.droppedTables += report.tables + report.droppedSegmentTables;
      this.stats.redatedSegments += report.redated;
      this.stats.segmentsExpiredByRule += report.expiredByRule;
      this.stats.lastRunMs = Date.now() - started;
      const changed =
        report.tables +
        report.droppedSegmentTables +
        report.created +
        report.redated +
        report.expiredByRule;
      if (changed > 0) logger.info({ history: report, ms: this.stats.lastRunMs }, 'history upkeep');
      return report;
    } catch (error) {
      this.stats.failures++;
      logger.error({ err: error }, 'history upkeep failed; it runs again at the next round');
      return null;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
