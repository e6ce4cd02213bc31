import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../domains/auth/password-check.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { terminalLinksOf } from '../../domains/vehicles/terminal-links.ts';
import { createApp } from '../../edges/http/app.ts';
import { registerPipelineMetrics } from '../../edges/http/metrics.ts';
import type { Services } from '../../edges/trpc/context.ts';
import { FairGate } from '../../edges/trpc/fair-gate.ts';
import type { Config } from '../../env.ts';
import { appRouter } from '../app-router.ts';
import type { Gateways } from './gateways.ts';
import type { LivePositions } from './live-positions.ts';
import type { Monitors } from './monitors.ts';
import type { Pipeline } from './pipeline.ts';
import type { Sessions } from './sessions.ts';

export type Http = { server: Server; url: string; services: Services; stop(): Promise<void> };

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

/** The api's services, built once, and the HTTP server (tRPC, SSE, ingest, DCSA, the web). */
export async function startHttp(deps: {
  config: Pick<Config, 'host' | 'port' | 'http' | 'sessionTtlMs' | 'cookieSecure' | 'webDir'>;
  db: Db;
  devices: DeviceDirectory;
  now: Clock;
  logger: Logger;
  positions: LivePositions;
  monitors: Monitors;
  pipeline: Pipeline;
  gateways: Gateways;
  sessions: Sessions;
}): Promise<Http> {
  const { config, db, devices, now, logger, positions, monitors, pipeline, gateways, sessions } =
    deps;
  // PGlite has one connection: two calls at once keep it busy without a long line behind
  // it; PostgreSQL's pool has 10, two left for the tracker and the gateways.
  const gate = new FairGate({
    concurrency: config.http.procedureConcurrency ?? (db.kind === 'pglite' ? 2 : 8),
    maxQueuedPerClient: config.http.maxQueuedPerClient,
  });
  const services: Services = {
    db,
    now,
    sessionTtlMs: config.sessionTtlMs,
    devices,
    latestPositions: positions.latest,
    live: positions.live,
    alertMonitor: monitors.rules,
    zoneFences: monitors.zoneFences,
    jobChanges: monitors.jobChanges,
    messenger: gateways.messenger,
    terminalLinks: terminalLinksOf(gateways.jt808),
    // Made at start, not at the first login: the password check hashes its stand-in now.
    loginGuard: { throttle: new LoginThrottle(), passwords: new PasswordCheck() },
    sessionStreams: sessions.streams,
    gate,
  };
  const { app, metrics } = createApp({
    services,
    router: appRouter,
    logger,
    cookieSecure: config.cookieSecure,
    publishFixes: (fixes: Fix[]) => pipeline.bus.publish(fixes),
    webDir: config.webDir,
    metricsToken: config.http.metricsToken,
    allowedOrigins: config.http.allowedOrigins,
    tileOrigin: config.http.tileOrigin,
    baseMapOrigins: config.http.baseMapOrigins,
  });
  registerPipelineMetrics(metrics.registry, {
    jt808: () => gateways.jt808.counters,
    ais: () => gateways.ais.totals(),
    fix_bus: () => pipeline.bus.stats(),
    tracker: () => pipeline.tracker,
    alerts: () => monitors.alertMonitor.stats,
    safety: () => monitors.safetyMonitor.stats,
    dispatch: () => monitors.dispatchMonitor.stats,
    terminal_messages: () => gateways.messenger.stats,
    live_subscribers: () => positions.live.subscribers,
    live_tap: () => positions.tap.stats,
    session_streams: () => ({ ...sessions.streams.stats, open: sessions.streams.openStreams }),
    session_purge: () => sessions.purge.stats,
    api_gate: () => gate.stats,
  });
  // Express 5 hands a failed listen (a port in use) to the callback, not to a thrown error.
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  limitSlowClients(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url }, 'Harbor api listening');
  return {
    server,
    url,
    services,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
