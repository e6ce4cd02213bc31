import type { Db } from '@harbor/db';
import type { Logger } from 'pino';

/**
 * Deletes the sessions that can no longer log anyone in: expired ones and those of disabled
 * users. They are refused already; deleting them keeps the table (and what a leak of it
 * would show of who logged in from where) to the sessions in use.
 */
export async function purgeEndedSessions(deps: { db: Db; now: () => Date }): Promise<number> {
  const { count } = await deps.db.prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: deps.now() } }, { user: { isActive: false } }] },
  });
  return count;
}

/** Runs the purge at start and then every `everyMs`, until stopped. */
export class SessionPurge {
  private timer: NodeJS.Timeout | null = null;
  readonly stats = { runs: 0, purged: 0, failures: 0 };

  constructor(private readonly deps: { db: Db; now: () => Date; logger?: Logger | undefined }) {}

  start(options: { everyMs: number }): void {
    this.stop();
    void this.run();
    this.timer = setInterval(() => void this.run(), options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One purge; a failure is logged and counted, and the next run tries again. */
  async run(): Promise<void> {
    try {
      const purged = await purgeEndedSessions(this.deps);
      this.stats.purged += purged;
      if (purged > 0) this.deps.logger?.info({ purged }, 'ended sessions purged');
    } catch (error) {
      this.stats.failures += 1;
      this.deps.logger?.error({ err: error }, 'ended sessions not purged');
    } finally {
      this.stats.runs += 1;
    }
  }
}
