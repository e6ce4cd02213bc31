import type { Server } from 'node:http';
import { createDb, type Db, migrate, seed } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import { AlertMonitor } from '../domains/alerts/monitor.ts';
import { SessionPurge } from '../domains/auth/session-purge.ts';
import { SessionStreams } from '../domains/auth/session-streams.ts';
import { jobChangeTopic } from '../domains/dispatch/job-changes.ts';
import { TerminalMessenger } from '../domains/dispatch/messenger.ts';
import { DispatchMonitor } from '../domains/dispatch/monitor.ts';
import { LatestPositionCache } from '../domains/positions/latest-cache.ts';
import { LiveTap } from '../domains/positions/live-tap.ts';
import { LiveTopics } from '../domains/positions/live-topics.ts';
import { DeviceDirectory } from '../domains/vehicles/device-directory.ts';
import { VisitTracker } from '../domains/visits/visit-tracker.ts';
import { AisGateway } from '../edges/gateways/ais-gateway.ts';
import { Jt808Gateway } from '../edges/gateways/jt808-gateway.ts';
import { createApp } from '../edges/http/app.ts';
import { registerPipelineMetrics } from '../edges/http/metrics.ts';
import { FairGate } from '../edges/trpc/fair-gate.ts';
import type { Config } from '../env.ts';
import { loadFenceZones } from '../pipeline/fence-zones.ts';
import { type FixBus, InProcessFixBus } from '../pipeline/fix-bus.ts';
import { GeofenceEngine } from '../pipeline/geofence-engine.ts';
import { JetStreamFixBus } from '../pipeline/jetstream-fix-bus.ts';
import { startTracker, type TrackerStats } from '../pipeline/tracker.ts';

export type Harbor = {
  db: Db;
  server: Server;
  url: string;
  jt808Port: number;
  aisPort: number;
  tracker: TrackerStats;
  live: LiveTopics;
  alertMonitor: AlertMonitor;
  stop(): Promise<void>;
};

/**
 * A client that sends its headers or body slowly (slowloris) holds a connection, not the
 * process: the headers must arrive within 15 s and the whole request (a 5 MB ingest batch at
 * 100 kB/s) within 60 s, or Node answers 408 and closes it. Node's defaults are 60 s and
 * 300 s. Streams (SSE) are answers, which these limits do not touch.
 */
function limitSlowClients(server: Server): void {
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
}

/** The one composition root: config -> database (migrated, seeded) -> bus -> tracker -> gateways -> http. */
export async function startHarbor(
  config: Config,
  logger: Logger,
  /**
   * Harbor's clock: the wall clock, or a simulated one for a test that plays hours of the port
   * in seconds (fixes are judged, jobs dated and alerts swept by it).
   */
  now: () => Date = () => new Date(),
): Promise<Harbor> {
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    logger.info({ database: db.describe }, 'database open');
    const applied = await migrate(db);
    logger.info({ applied }, `${applied.length} migration(s) applied`);
    if (config.seed)
      logger.info(
        { counts: await seed(db, { fleetSize: config.seedFleet }) },
        'seed data in place',
      );

    const fence = await loadFenceZones(db);
    if (fence.skipped.length > 0)
      logger.warn({ zones: fence.skipped }, 'zones without a valid polygon are not geofenced');
    const devices = new DeviceDirectory(db);
    const latestPositions = new LatestPositionCache({ db, devices });
    logger.info({ assets: await latestPositions.load() }, 'latest positions loaded');
    const live = new LiveTopics();
    // What the bus accepts goes to the map at once; the tracker stores it meanwhile.
    const liveTap = new LiveTap({ cache: latestPositions, topic: live.positions, logger });
    const onAccepted = (fixes: readonly Fix[]) => liveTap.accept(fixes);
    const bus: FixBus = config.busUrl
      ? await JetStreamFixBus.connect({
          url: config.busUrl,
          stream: config.busStream,
          // The default stream keeps the subjects it always had; another gets its own.
          subjectPrefix:
            config.busStream === 'HARBOR_FIXES' ? 'harbor.fixes' : `harbor.${config.busStream}`,
          onAccepted,
        })
      : new InProcessFixBus({ onAccepted });
    logger.info({ bus: config.busUrl ? 'NATS JetStream' : 'in-process' }, 'fix bus ready');
    // Both resolve (or call back) only once the fixes are durable: what a gateway answers.
    const publish = (fixes: Fix[]) => bus.publish(fixes);
    const publishNow = (fixes: Fix[], stored: (error?: Error) => void) =>
      bus.publishNow?.(fixes, stored) ?? false;
    const alertMonitor = new AlertMonitor({
      db,
      alerts: live.alerts,
      zones: fence.zones,
      ownerOf: (kind, key) => latestPositions.ownerOf(kind, key),
      now,
      logger,
    });
    await alertMonitor.start({ latest: latestPositions.all(), sweepEveryMs: 30_000 });
    const dispatchHub = jobChangeTopic();
    const dispatchMonitor = new DispatchMonitor({
      db,
      jobChanges: dispatchHub,
      now,
      logger,
    });
    const visitTracker = new VisitTracker({ db, logger });
    await visitTracker.load();
    const tracker = startTracker({
      db,
      bus,
      geofence: new GeofenceEngine(fence.zones),
      afterWrite: async (batch, transitions) => {
        await alertMonitor.observe(batch, transitions);
        await visitTracker.observe(batch, transitions);
        await dispatchMonitor.observe(batch, transitions);
      },
    });
    logger.info({ zones: fence.zones.length }, 'tracker running with geofences and alert rules');
    const messenger = new TerminalMessenger({ db, now, logger });
    const jt808 = new Jt808Gateway({
      devices,
      logger,
      now,
      publish,
      publishNow,
      onAuthenticated: (terminalPhone) => messenger.onAuthenticated(terminalPhone),
      onTerminalResponse: (terminalPhone, response) =>
        messenger.onTerminalResponse(terminalPhone, response),
    });
    messenger.attach(jt808);
    messenger.start({ everyMs: 30_000, answerWithinMs: 120_000 });
    const jt808Port = await jt808.listen(config.jt808Port, config.host);
    logger.info({ port: jt808Port }, 'JT/T 808 gateway listening');
    const ais = new AisGateway({
      db,
      logger,
      now,
      publish,
    });
    const aisPort = await ais.listenTcp(config.aisPort, config.host);
    await ais.listenUdp(aisPort, config.host);
    if (config.aisUpstream) ais.connectUpstream(config.aisUpstream.host, config.aisUpstream.port);
    logger.info(
      { port: aisPort, upstream: config.aisUpstream ?? null },
      'AIS gateway listening (TCP and UDP)',
    );

    // Live streams end with their session: at once on logout or a disabled account here, and
    // by a check every 30 s for expiry and what other processes ended. Ended sessions are
    // purged every 10 minutes.
    const sessionStreams = new SessionStreams({ db, now, logger });
    sessionStreams.start({ everyMs: 30_000 });
    const sessionPurge = new SessionPurge({ db, now, logger });
    sessionPurge.start({ everyMs: 10 * 60_000 });
    // PGlite has one connection: two calls at once keep it busy without a long line behind
    // it; PostgreSQL's pool has 10, two left for the tracker and the gateways.
    const gate = new FairGate({
      concurrency: config.http.procedureConcurrency ?? (db.kind === 'pglite' ? 2 : 8),
      maxQueuedPerClient: config.http.maxQueuedPerClient,
    });
    const { app, metrics } = createApp({
      db,
      logger,
      now,
      sessionTtlMs: config.sessionTtlMs,
      cookieSecure: config.cookieSecure,
      publishFixes: publish,
      latestPositions,
      live,
      alertMonitor,
      dispatchHub,
      messenger,
      terminalLinks: jt808,
      sessionStreams,
      webDir: config.webDir,
      gate,
      metricsToken: config.http.metricsToken,
      allowedOrigins: config.http.allowedOrigins,
      tileOrigin: config.http.tileOrigin,
    });
    registerPipelineMetrics(metrics.registry, {
      jt808: () => jt808.counters,
      ais: () => ais.totals(),
      fix_bus: () => bus.stats(),
      tracker: () => tracker,
      alerts: () => alertMonitor.stats,
      dispatch: () => dispatchMonitor.stats,
      terminal_messages: () => messenger.stats,
      live_subscribers: () => live.subscribers,
      live_tap: () => liveTap.stats,
      session_streams: () => ({ ...sessionStreams.stats, open: sessionStreams.openStreams }),
      session_purge: () => sessionPurge.stats,
      api_gate: () => gate.stats,
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, config.host, () => resolve(listening));
      listening.once('error', reject);
    });
    limitSlowClients(server);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info({ url }, 'Harbor api listening');

    return {
      db,
      server,
      url,
      jt808Port,
      aisPort,
      tracker,
      live,
      alertMonitor,
      async stop() {
        alertMonitor.stop();
        messenger.stop();
        sessionStreams.stop();
        sessionPurge.stop();
        await jt808.close();
        await ais.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await liveTap.stop();
        await bus.close();
        // The after-write step of the last batches, before the database goes.
        for (let waited = 0; tracker.observing > 0 && waited < 5000; waited += 20)
          await new Promise((resolve) => setTimeout(resolve, 20));
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
