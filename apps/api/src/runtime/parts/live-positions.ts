import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import { LatestPositionCache } from '../../domains/positions/latest-cache.ts';
import { LiveTap } from '../../domains/positions/live-tap.ts';
import { LiveTopics } from '../../domains/positions/live-topics.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import type { Cluster } from './cluster.ts';

export type LivePositions = {
  latest: LatestPositionCache;
  live: LiveTopics;
  tap: LiveTap;
  stop(): Promise<void>;
};

/**
 * The latest position of every asset (loaded from the database) and the live fan-out: what
 * the bus accepts goes to the map at once through the tap, while the tracker stores it.
 */
export async function startLivePositions(
  db: Db,
  devices: DeviceDirectory,
  logger: Logger,
  /**
   * Shared with other processes: alerts come from every tracker, and when `hearsEveryFix`
   * (an api process) the tap also takes every fix the other processes accepted (this one's
   * own come to it straight from the bus, runtime.ts).
   */
  cluster: { links: Cluster; hearsEveryFix: boolean } | null = null,
): Promise<LivePositions> {
  const latest = new LatestPositionCache({ db, devices });
  logger.info({ assets: await latest.load() }, 'latest positions loaded');
  const live = new LiveTopics(cluster?.links.alerts);
  const tap = new LiveTap({ cache: latest, topic: live.positions, logger });
  const relayed = cluster?.hearsEveryFix
    ? cluster.links.listenToFixes((fixes) => tap.accept(fixes))
    : null;
  await relayed?.ready;
  return {
    latest,
    live,
    tap,
    stop: async () => {
      relayed?.close();
      await tap.stop();
    },
  };
}
