import type { Server } from 'node:http';
import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../domains/auth/password-check.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { createApp } from '../../edges/http/app.ts';
import { registerPipelineMetrics, type Stats } from '../../edges/http/metrics.ts';
import type { Services } from '../../edges/trpc/context.ts';
import { FairGate } from '../../edges/trpc/fair-gate.ts';
import type { Config } from '../../env.ts';
import { appRouter } from '../app-router.ts';
import type { LivePositions } from './live-positions.ts';
import { close, listen } from './ops.ts';
import type { Sessions } from './sessions.ts';

export type Http = { server: Server; url: string; services: Services; stop(): Promise<void> };

/** What the api's services take from the other parts, local or shared over NATS. */
export type ApiLinks = Pick<
  Services,
  'alertMonitor' | 'zoneFences' | 'jobChanges' | 'messenger' | 'commander' | 'terminalLinks'
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
