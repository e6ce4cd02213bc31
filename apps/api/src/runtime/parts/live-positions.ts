import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import { LatestPositionCache } from '../../domains/positions/latest-cache.ts';
import { LiveHub } from '../../domains/positions/live-hub.ts';
import { LiveTap } from '../../domains/positions/live-tap.ts';

export type LivePositions = {
  latest: LatestPositionCache;
  live: LiveHub;
  tap: LiveTap;
  stop(): Promise<void>;
};

/**
 * The latest position of every asset (loaded from the database) and the live fan-out: what
 * the bus accepts goes to the map at once through the tap, while the tracker stores it.
 */
export async function startLivePositions(db: Db, logger: Logger): Promise<LivePositions> {
  const latest = new LatestPositionCache(db);
  logger.info({ assets: await latest.load() }, 'latest positions loaded');
  const live = new LiveHub();
  const tap = new LiveTap({ cache: latest, hub: live, logger });
  return { latest, live, tap, stop: () => tap.stop() };
}
