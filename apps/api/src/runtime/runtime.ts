import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import { type Clock, wallClock } from '../core/clock.ts';
import type { AlertMonitor } from '../domains/alerts/monitor.ts';
import { TerminalMessenger } from '../domains/dispatch/messenger.ts';
import type { LiveTopics } from '../domains/positions/live-topics.ts';
import { TerminalCommander } from '../domains/vehicles/commands.ts';
import { DeviceDirectory } from '../domains/vehicles/device-directory.ts';
import { terminalLinksOf } from '../domains/vehicles/terminal-links.ts';
import type { Services } from '../edges/trpc/context.ts';
import type { Config, Role } from '../env.ts';
import type { TrackerStats } from '../pipeline/tracker.ts';
import { type Cluster, startCluster } from './parts/cluster.ts';
import { openDatabase } from './parts/database.ts';
import { type Gateways, startGateways } from './parts/gateways.ts';
import type { ApiLinks } from './parts/http.ts';
import type { Monitors } from './parts/monitors.ts';
import { startOps } from './parts/ops.ts';
import { startPipeline } from './parts/pipeline.ts';
import { Parts } from './parts.ts';

/**
 * A running Harbor process: the parts its roles run (config.roles), built once from its
 * config. What a role it does not have would offer is null.
 */
export type Runtime = {
  roles: ReadonlySet<Role>;
  db: Db;
  /** The api's HTTP server, or the health and metrics server of a gateway or tracker. */
  server: Server;
  url: string;
  jt808Port: number | null;
  aisPort: number | null;
  tracker: TrackerStats | null;
  live: LiveTopics | null;
  alertMonitor: AlertMonitor | null;
  /** What every api request is served with (an api process). */
  services: Services | null;
  /** The partitions of the fix stream this tracker owns (a tracker on JetStream). */
  partitions(): { owned: number[]; members: number } | null;
  /** The parts running, in the order they started; they stop in the reverse order. */
  parts: readonly string[];
  stop(): Promise<void>;
};

/** Harbor with every role in one process (the default, and what most tests start). */
export type Harbor = Runtime & {
  jt808Port: number;
  aisPort: number;
  tracker: TrackerStats;
  live: LiveTopics;
  alertMonitor: AlertMonitor;
  services: Services;
};

/**
 * The one composition root. Parts start in this order and stop in the reverse one, on
 * shutdown and when a later part fails to start; a process starts the parts its roles need:
 *
 *   database (migrated, seeded) -> cluster links (NATS: live fan-out, control; when BUS_URL)
 *   -> live positions (latest cache, live fan-out, tap; api and tracker)
 *   -> monitors (alert rules, safety, visits, dispatch; tracker) -> pipeline (fix bus; the
 *   tracker consuming it on a tracker) -> gateways (JT/T 808 with its messenger, AIS; gateway)
 *   -> sessions (stream ends, purge; api) -> supervision links (JT/T 809; api) -> http (express: tRPC, SSE, ingest, DCSA, web on an
 *   api; health and metrics only on a gateway or tracker)
 *
 * So on shutdown the edges close first (no new fixes or requests), then the bus stops and
 * the tracker finishes its last batches while the monitors and the database are still there.
 *
 * The parts only an api or a tracker runs are loaded when the process has that role: a
 * gateway restarted beside a busy fleet listens for its terminals without first loading the
 * api (its start took about 25 % less CPU).
 */
export async function startProcess(
  config: Config,
  logger: Logger,
  /**
   * Harbor's clock: the wall clock, or a simulated one for a test that plays hours of the port
   * in seconds (fixes are judged, jobs dated and alerts swept by it).
   */
  now: Clock = wallClock,
  /**
   * Told when this process can no longer work: its embedded database's thread ended. What
   * was acknowledged is committed; the caller exits, for a supervisor to start Harbor again.
   */
  onFatal: (error: Error) => void = () => {},
): Promise<Runtime> {
  const { roles } = config;
  const parts = new Parts(logger);
  const { db } = await parts.start('database', () =>
    openDatabase(config, logger, (error) => {
      logger.fatal({ err: error }, 'the database is gone: Harbor cannot go on');
      onFatal(error);
    }),
  );
  const devices = new DeviceDirectory(db);
  const busUrl = config.busUrl;
  const cluster = busUrl
    ? await parts.start('cluster links', () =>
        startCluster({ config: { ...config, busUrl }, roles, logger }),
      )
    : null;
  const positions =
    roles.has('api') || roles.has('tracker')
      ? await parts.start('live positions', async () =>
          (await import('./parts/live-positions.ts')).startLivePositions(
            db,
            devices,
            logger,
            cluster ? { links: cluster, hearsEveryFix: roles.has('api') } : null,
          ),
        )
      : null;
  // Commands to terminals: sent by this process's gateway when it holds the terminal (it
  // attaches below), else over NATS by the gateway that does. One per process: the api's
  // procedures, the dispatch monitor's proof-of-delivery photos and the gateway share it.
  const commander = new TerminalCommander({ db, now, logger, remote: cluster?.remote });
  const monitors =
    roles.has('tracker') && positions
      ? await parts.start('monitors', async () =>
          (await import('./parts/monitors.ts')).startMonitors({
            db,
            positions,
            now,
            logger,
            callPolicy: config.callPolicy,
            jobChanges: cluster?.jobChanges,
            commander,
          }),
        )
      : null;
  if (cluster && monitors) {
    // Zones or alert rules changed through any api process: this tracker reloads them.
    cluster.control.on('zones', () => monitors.zoneFences.reloadZones());
    cluster.control.on('rules', () => monitors.rules.reloadRules());
  }
  // What this process accepts goes to its own live tap (an api process: it also hears the
  // others' through the relay, never its own) and to the other api processes.
  const ownTap = cluster && !roles.has('api') ? null : positions?.tap;
  const onAccepted = (fixes: readonly Fix[]) => {
    cluster?.fixesOut.onAccepted(fixes);
    ownTap?.accept(fixes);
  };
  const pipeline = await parts.start('pipeline', () =>
    startPipeline({ config, db, onAccepted, monitors, logger }),
  );
  // History upkeep (partitions ahead, compaction, retention) where fixes are written.
  const history = pipeline.tracker
    ? await parts.start('history upkeep', async () => {
        const { HistoryUpkeep } = await import('../domains/history/maintenance.ts');
        const writing = pipeline.writing;
        const upkeep = new HistoryUpkeep({
          db,
          policy: config.history,
          now,
          logger,
          ingestBusy: writing ? () => writing.share() : undefined,
        });
        upkeep.start();
        return upkeep;
      })
    : null;
  const gateways = roles.has('gateway')
    ? await parts.start('gateways', () =>
        startGateways({ config, db, devices, bus: pipeline.bus, now, logger, cluster, commander }),
      )
    : null;
  const { stats: databaseStats } = db;
  const metricsSources = {
    fix_bus: () => pipeline.bus.stats(),
    ...(cluster ? { relay: () => cluster.relayStats() } : {}),
    ...(databaseStats ? { database: databaseStats } : {}),
    ...(pipeline.tracker ? { tracker: () => pipeline.tracker as TrackerStats } : {}),
    ...(monitors
      ? {
          alerts: () => monitors.alertMonitor.stats,
          safety: () => monitors.safetyMonitor.stats,
          dispatch: () => monitors.dispatchMonitor.stats,
        }
      : {}),
    ...(gateways
      ? {
          jt808: () => gateways.jt808.counters,
          ais: () => gateways.ais.totals(),
          terminal_messages: () => gateways.messenger.stats,
          terminal_commands: () => gateways.commander.stats,
        }
      : {}),
    ...(history ? { history: () => history.stats } : {}),
    ...(pipeline.partitions
      ? {
          tracker_partitions: () => {
            const owned = pipeline.partitions?.();
            return { owned: owned?.owned.length ?? 0, members: owned?.members ?? 0 };
          },
        }
      : {}),
  };
  let server: Server;
  let url: string;
  let services: Services | null = null;
  if (roles.has('api') && positions) {
    const { startSessions } = await import('./parts/sessions.ts');
    const { startHttp } = await import('./parts/http.ts');
    const sessions = await parts.start('sessions', () => startSessions({ db, now, logger }));
    const links = apiLinks({ db, now, logger, monitors, gateways, cluster, commander });
    const supervision = await parts.start('supervision links', async () =>
      (await import('./parts/supervision.ts')).startSupervision({
        db,
        now,
        logger,
        positions: positions.live.positions,
        messenger: links.messenger,
      }),
    );
    const http = await parts.start('http', () =>
      startHttp({
        config,
        db,
        devices,
        now,
        logger,
        positions,
        links,
        publishFixes: (fixes) => pipeline.bus.publish(fixes),
        sessions,
        metricsSources: { ...metricsSources, supervision: () => supervision.stats() },
      }),
    );
    ({ server, url, services } = http);
  } else {
    ({ server, url } = await parts.start('http', () =>
      startOps({ config, db, logger, metricsSources }),
    ));
  }
  return {
    roles,
    db,
    server,
    url,
    jt808Port: gateways?.jt808Port ?? null,
    aisPort: gateways?.aisPort ?? null,
    tracker: pipeline.tracker,
    live: positions?.live ?? null,
    alertMonitor: monitors?.alertMonitor ?? null,
    services,
    partitions: () => pipeline.partitions?.() ?? null,
    parts: parts.names,
    stop: () => parts.stopAll(),
  };
}

/**
 * What the api's services reach in the other parts: in this process where it runs them,
 * else through the other processes over NATS (a zone or rule change tells every tracker; a
 * text goes to the gateway holding the terminal's connection).
 */
function apiLinks(deps: {
  db: Db;
  now: Clock;
  logger: Logger;
  monitors: Monitors | null;
  gateways: Gateways | null;
  cluster: Cluster | null;
  commander: TerminalCommander;
}): ApiLinks {
  const { monitors, gateways, cluster } = deps;
  const jobChanges = cluster?.jobChanges ?? monitors?.jobChanges;
  if (!jobChanges) throw new Error('an api without a tracker needs NATS (BUS_URL)');
  return {
    alertMonitor: cluster
      ? {
          async reloadRules() {
            cluster.control.rulesChanged();
            return 0;
          },
        }
      : (monitors as Monitors).rules,
    zoneFences: cluster
      ? {
          async reloadZones() {
            cluster.control.zonesChanged();
            return 0;
          },
        }
      : (monitors as Monitors).zoneFences,
    jobChanges,
    // Texts go out through this process's gateway, else the one holding the terminal.
    messenger:
      gateways?.messenger ??
      new TerminalMessenger({
        db: deps.db,
        now: deps.now,
        logger: deps.logger,
        remote: cluster?.remote,
      }),
    commander: deps.commander,
    terminalLinks: terminalLinksOf(gateways?.jt808 ?? null, cluster?.remote ?? null),
  };
}

/** Every role in one process: the default Harbor, and what tests and benchmarks start. */
export async function startHarbor(
  config: Config,
  logger: Logger,
  now: Clock = wallClock,
): Promise<Harbor> {
  if (config.roles.size < 3) throw new Error('startHarbor runs every role: use startProcess');
  const runtime = await startProcess(config, logger, now);
  const { jt808Port, aisPort, tracker, live, alertMonitor, services } = runtime;
  if (jt808Port === null || aisPort === null || !tracker || !live || !alertMonitor || !services)
    throw new Error('a Harbor with every role started without one of its parts');
  return { ...runtime, jt808Port, aisPort, tracker, live, alertMonitor, services };
}
