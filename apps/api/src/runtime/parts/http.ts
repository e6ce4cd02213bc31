import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../domains/auth/password-check.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { createApp, createOpsApp } from '../../edges/http/app.ts';
import { registerPipelineMetrics, type Stats } from '../../edges/http/metrics.ts';
import type { Services } from '../../edges/trpc/context.ts';
import { FairGate } from '../../edges/trpc/fair-gate.ts';
import type { Config } from '../../env.ts';
import { appRouter } from '../app-router.ts';
import type { LivePositions } from './live-positions.ts';
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

/** What the api's services take from the other parts, local or shared over NATS. */
export type ApiLinks = Pick<
  Services,
  'alertMonitor' | 'zoneFences' | 'jobChanges' | 'messenger' | 'terminalLinks'
>;

/** The api's services, built once, and the HTTP server (tRPC, SSE, ingest, DCSA, the web). */
export async function startHttp(deps: {
  config: Pick<
    Config,
    'host' | 'port' | 'http' | 'sessionTtlMs' | 'cookieSecure' | 'webDir' | 'history'
  >;
  db: Db;
  devices: DeviceDirectory;
  now: Clock;
  logger: Logger;
  positions: LivePositions;
  links: ApiLinks;
  publishFixes: (fixes: Fix[]) => Promise<void>;
  sessions: Sessions;
  /** Counters of the other parts this process runs, for /metrics. */
  metricsSources: Record<string, Stats>;
}): Promise<Http> {
  const { config, db, devices, now, logger, positions, links, sessions } = deps;
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
    history: config.history,
    devices,
    latestPositions: positions.latest,
    live: positions.live,
    ...links,
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
    publishFixes: deps.publishFixes,
    webDir: config.webDir,
    metricsToken: config.http.metricsToken,
    allowedOrigins: config.http.allowedOrigins,
    tileOrigin: config.http.tileOrigin,
    baseMapOrigins: config.http.baseMapOrigins,
  });
  registerPipelineMetrics(metrics.registry, {
    ...deps.metricsSources,
    live_subscribers: () => positions.live.subscribers,
    live_tap: () => positions.tap.stats,
    session_streams: () => ({ ...sessions.streams.stats, open: sessions.streams.openStreams }),
    session_purge: () => sessions.purge.stats,
    api_gate: () => gate.stats,
  });
  const { server, url } = await listen(app, config);
  logger.info({ url }, 'Harbor api listening');
  return { server, url, services, stop: () => close(server) };
}

/** A gateway's or tracker's HTTP face: health, readiness and metrics. */
export async function startOps(deps: {
  config: Pick<Config, 'host' | 'port' | 'http'>;
  db: Db;
  logger: Logger;
  metricsSources: Record<string, Stats>;
}): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const { app, metrics } = createOpsApp({
    db: deps.db,
    logger: deps.logger,
    metricsToken: deps.config.http.metricsToken,
  });
  registerPipelineMetrics(metrics.registry, deps.metricsSources);
  const { server, url } = await listen(app, deps.config);
  deps.logger.info({ url }, 'Harbor health and metrics listening');
  return { server, url, stop: () => close(server) };
}

async function listen(
  app: Express,
  config: Pick<Config, 'host' | 'port'>,
): Promise<{ server: Server; url: string }> {
  // Express 5 hands a failed listen (a port in use) to the callback, not to a thrown error.
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  limitSlowClients(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { server, url: `http://${config.host}:${port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
