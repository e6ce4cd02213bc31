import type { Db } from '@harbor/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { AlertMonitor } from '../../domains/alerts/monitor.ts';
import { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../domains/auth/password-check.ts';
import { SESSION_COOKIE, userForSessionToken } from '../../domains/auth/session.ts';
import { SessionStreams } from '../../domains/auth/session-streams.ts';
import type { JobChangeTopic } from '../../domains/dispatch/job-changes.ts';
import type { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { LatestPositionCache } from '../../domains/positions/latest-cache.ts';
import type { LiveTopics } from '../../domains/positions/live-topics.ts';
import { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { appRouter } from '../../runtime/app-router.ts';
import { type Clock, type ContextInner, createContextInner } from '../trpc/context.ts';
import type { FairGate } from '../trpc/fair-gate.ts';
import { MAX_BATCH_SIZE, refuseUnbatchable, retryAfterMeta } from '../trpc/request-limits.ts';
import { TRPC_MAX_ANY_BODY_BYTES } from './body-limits.ts';
import { createDcsaRouter } from './dcsa.ts';
import { type EdgeOptions, edgeDefences } from './edge.ts';
import { answerErrors } from './error-answers.ts';
import { createIngestRouter, type IngestDeps } from './ingest.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { metricsRoute } from './metrics-route.ts';
import { createReportsCsvRouter } from './reports-csv.ts';
import { createWebRouter } from './web.ts';

export type AppOptions = Omit<EdgeOptions, 'hsts'> & {
  db: Db;
  logger: Logger;
  sessionTtlMs: number;
  cookieSecure: boolean;
  now?: Clock;
  /** The tracker-fed latest positions, for the map's viewport query. */
  latestPositions?: LatestPositionCache;
  /** Where HTTP ingest publishes fixes; without it `/ingest` is not served. */
  publishFixes?: IngestDeps['publish'];
  /** How long an ingest request waits for its fixes to be stored (30 s unless given). */
  ingestStoreWithinMs?: number;
  /** The live fan-out for subscriptions, and the alert rules to reload when one changes. */
  live?: LiveTopics;
  alertMonitor?: AlertMonitor;
  /** Dispatch job changes for `dispatch.live`, and the texts sender for `dispatch.sendMessage`. */
  dispatchHub?: JobChangeTopic;
  messenger?: TerminalMessenger;
  /** The JT/T 808 gateway's connections, for `devices.list` and `devices.resetBinding`. */
  terminalLinks?: ContextInner['terminalLinks'];
  /** The built web admin, served at `/` (client-side routes get its index.html). */
  webDir?: string;
  /** Login's throttle and password check; made here when not given (tests give small limits). */
  loginGuard?: NonNullable<ContextInner['loginGuard']>;
  /** The live streams per session; server.ts passes one whose periodic check runs. */
  sessionStreams?: SessionStreams;
  /** Where tRPC queries and mutations wait their client's turn; without it they run at once. */
  gate?: FairGate;
  /** Bearer token for /metrics; without it /metrics is not served. */
  metricsToken?: string | undefined;
};

/** The HTTP face: health, readiness, metrics and tRPC at /trpc. */
export function createApp(options: AppOptions): { app: Express; metrics: Metrics } {
  const { db, logger, sessionTtlMs, cookieSecure } = options;
  const now = options.now ?? (() => new Date());
  const metrics = createMetrics();
  // Made at start, not at the first login: the password check hashes its stand-in now.
  const loginGuard = options.loginGuard ?? {
    throttle: new LoginThrottle(),
    passwords: new PasswordCheck(),
  };
  const sessionStreams = options.sessionStreams ?? new SessionStreams({ db, now, logger });
  const devices = new DeviceDirectory(db);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Label by route, not URL, so label cardinality stays bounded.
      const route = req.path.startsWith('/trpc/')
        ? `/trpc/${req.path.slice(6)}`
        : (req.route?.path ?? req.path);
      const labels = { method: req.method, route: res.statusCode === 404 ? 'unmatched' : route };
      metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      stopTimer(labels);
    });
    next();
  });

  app.use(edgeDefences({ ...options, hsts: cookieSecure }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await db.sql.query('SELECT 1');
      res.json({ status: 'ready', database: db.kind });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed: database unreachable');
      res
        .status(503)
        .json({ status: 'unavailable', database: db.kind, error: 'database unreachable' });
    }
  });

  app.get('/metrics', metricsRoute(metrics.registry, options.metricsToken));

  if (options.publishFixes) {
    app.use(
      createIngestRouter({
        db,
        devices,
        logger,
        now,
        publish: options.publishFixes,
        ...(options.ingestStoreWithinMs === undefined
          ? {}
          : { storeWithinMs: options.ingestStoreWithinMs }),
      }).router,
    );
  }

  app.use(createDcsaRouter({ db, logger, now, gate: options.gate }));
  app.use(cookieParser());
  app.use(createReportsCsvRouter({ db, now, gate: options.gate }));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: TRPC_MAX_ANY_BODY_BYTES,
      responseMeta: retryAfterMeta,
      async createContext({ req, res, info }) {
        refuseUnbatchable(info);
        const token: unknown = req.cookies?.[SESSION_COOKIE];
        const session =
          typeof token === 'string' ? await userForSessionToken(db, token, now()) : null;
        return createContextInner({
          db,
          devices,
          now,
          sessionTtlMs,
          user: session?.user ?? null,
          sessionTokenHash: session?.tokenHash ?? null,
          latestPositions: options.latestPositions,
          live: options.live,
          alertMonitor: options.alertMonitor,
          dispatchHub: options.dispatchHub,
          messenger: options.messenger,
          terminalLinks: options.terminalLinks,
          loginGuard,
          sessionStreams,
          gate: options.gate,
          client: { userAgent: req.get('user-agent'), ipAddress: req.ip },
          sessionCookie: {
            set(value, expiresAt) {
              res.cookie(SESSION_COOKIE, value, {
                httpOnly: true,
                sameSite: 'lax',
                secure: cookieSecure,
                expires: expiresAt,
                path: '/',
              });
            },
            clear() {
              res.clearCookie(SESSION_COOKIE, {
                httpOnly: true,
                sameSite: 'lax',
                secure: cookieSecure,
                path: '/',
              });
            },
          },
        });
      },
      onError({ error, path }) {
        metrics.trpcErrors.inc({ code: error.code, path: path ?? 'unknown' });
        if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error, path }, 'procedure failed');
      },
    }),
  );

  if (options.webDir) app.use(createWebRouter(options.webDir, logger));
  app.use(answerErrors(logger));

  return { app, metrics };
}
