import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import { type Clock, wallClock } from '../core/clock.ts';
import type { AlertMonitor } from '../domains/alerts/monitor.ts';
import type { LiveTopics } from '../domains/positions/live-topics.ts';
import { DeviceDirectory } from '../domains/vehicles/device-directory.ts';
import type { Services } from '../edges/trpc/context.ts';
import type { Config } from '../env.ts';
import type { TrackerStats } from '../pipeline/tracker.ts';
import { openDatabase } from './parts/database.ts';
import { startGateways } from './parts/gateways.ts';
import { startHttp } from './parts/http.ts';
import { startLivePositions } from './parts/live-positions.ts';
import { startMonitors } from './parts/monitors.ts';
import { startPipeline } from './parts/pipeline.ts';
import { startSessions } from './parts/sessions.ts';
import { Parts } from './parts.ts';

/** A running Harbor: the parts one process runs, built once from its config. */
export type Runtime = {
  db: Db;
  server: Server;
  url: string;
  jt808Port: number;
  aisPort: number;
  tracker: TrackerStats;
  live: LiveTopics;
  alertMonitor: AlertMonitor;
  /** What every api request is served with. */
  services: Services;
  /** The parts running, in the order they started; they stop in the reverse order. */
  parts: readonly string[];
  stop(): Promise<void>;
};

/**
 * The one composition root. Parts start in this order and stop in the reverse one, on
 * shutdown and when a later part fails to start:
 *
 *   database (migrated, seeded) -> live positions (latest cache, live fan-out, tap)
 *   -> monitors (alert rules, safety, visits, dispatch) -> pipeline (fix bus, tracker)
 *   -> gateways (JT/T 808 with its messenger, AIS) -> sessions (stream ends, purge)
 *   -> http (express: tRPC, SSE, ingest, DCSA, web)
 *
 * So on shutdown the edges close first (no new fixes or requests), then the bus stops and
 * the tracker finishes its last batches while the monitors and the database are still there.
 */
export async function startHarbor(
  config: Config,
  logger: Logger,
  /**
   * Harbor's clock: the wall clock, or a simulated one for a test that plays hours of the port
   * in seconds (fixes are judged, jobs dated and alerts swept by it).
   */
  now: Clock = wallClock,
): Promise<Runtime> {
  const parts = new Parts(logger);
  const { db } = await parts.start('database', () => openDatabase(config, logger));
  const devices = new DeviceDirectory(db);
  const positions = await parts.start('live positions', () =>
    startLivePositions(db, devices, logger),
  );
  const monitors = await parts.start('monitors', () =>
    startMonitors({ db, positions, now, logger, callPolicy: config.callPolicy }),
  );
  const pipeline = await parts.start('pipeline', () =>
    startPipeline({ config, db, positions, monitors, logger }),
  );
  const gateways = await parts.start('gateways', () =>
    startGateways({ config, db, devices, bus: pipeline.bus, now, logger }),
  );
  const sessions = await parts.start('sessions', () => startSessions({ db, now, logger }));
  const http = await parts.start('http', () =>
    startHttp({
      config,
      db,
      devices,
      now,
      logger,
      positions,
      monitors,
      pipeline,
      gateways,
      sessions,
    }),
  );
  return {
    db,
    server: http.server,
    url: http.url,
    jt808Port: gateways.jt808Port,
    aisPort: gateways.aisPort,
    tracker: pipeline.tracker,
    live: positions.live,
    alertMonitor: monitors.alertMonitor,
    services: http.services,
    parts: parts.names,
    stop: () => parts.stopAll(),
  };
}

/** The name tests and benchmarks know a running Harbor by. */
export type Harbor = Runtime;
