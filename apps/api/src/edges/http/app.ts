import type { AnyTRPCRouter } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { SESSION_COOKIE, userForSessionToken } from '../../domains/auth/session.ts';
import { createContext, type Services } from '../trpc/context.ts';
import { MAX_BATCH_SIZE, refuseUnbatchable, retryAfterMeta } from '../trpc/request-limits.ts';
import { TRPC_MAX_ANY_BODY_BYTES } from './body-limits.ts';
import { createDcsaRouter } from './dcsa.ts';
import { type EdgeOptions, edgeDefences } from './edge.ts';
import { answerErrors } from './error-answers.ts';
import { createIngestRouter, type IngestDeps } from './ingest.ts';
import { createMediaRouter } from './media-files.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { metricsRoute } from './metrics-route.ts';
import { healthRoutes } from './ops-app.ts';
import { createProofUploadRouter } from './proof-upload.ts';
import { createReportsCsvRouter } from './reports-csv.ts';
import { installWholeChunkTextEncoderStream } from './text-encoder-stream.ts';
import { createWebRouter } from './web.ts';

export type AppOptions = Omit<EdgeOptions, 'hsts'> & {
  /** The running services every request uses (built once by the runtime). */
  services: Services;
  /** The tRPC app router served at /trpc; it lives with the composition root. */
  router: AnyTRPCRouter;
  logger: Logger;
  cookieSecure: boolean;
  /** Where HTTP ingest publishes fixes; resolves once they are stored. */
  publishFixes: IngestDeps['publish'];
  /** How long an ingest request waits for its fixes to be stored (30 s unless given). */
  ingestStoreWithinMs?: number;
  /** The built web admin, served at `/` (client-side routes get its index.html). */
  webDir?: string | undefined;
  /** Bearer token for /metrics; without it /metrics is not served. */
  metricsToken?: string | undefined;
};

/**
 * The HTTP face: health, readiness, metrics, ingest, DCSA, report CSVs, media, the phone's
 * proof-of-delivery upload, /trpc and the web.
 */
export function createApp(options: AppOptions): { app: Express; metrics: Metrics } {
  // tRPC's subscriptions and streamed batches encode through the global TextEncoderStream.
  installWholeChunkTextEncoderStream();
  const { services, logger, cookieSecure } = options;
  const { db, now, gate } = services;
  const metrics = createMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const stopTimer = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // Label by route, not URL, so label cardinality stays bounded.
      // A phone upload link's path holds its token, a credential: never a label, also when
      // the edge answers before any route (413).
      const route = req.path.startsWith('/trpc/')
        ? `/trpc/${req.path.slice(6)}`
        : (req.route?.path ?? (req.path.startsWith('/api/pod/') ? '/api/pod/*' : req.path));
      const labels = { method: req.method, route: res.statusCode === 404 ? 'unmatched' : route };
      metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      stopTimer(labels);
    });
    next();
  });

  app.use(edgeDefences({ ...options, hsts: cookieSecure }));

  healthRoutes(app, db, logger);

  app.get('/metrics', metricsRoute(metrics.registry, options.metricsToken));

  app.use(
    createIngestRouter({
      db,
      devices: services.devices,
      logger,
      now,
      publish: options.publishFixes,
      ...(options.ingestStoreWithinMs === undefined
        ? {}
        : { storeWithinMs: options.ingestStoreWithinMs }),
    }).router,
  );

  app.use(createDcsaRouter({ db, logger, now, gate }));
  app.use(cookieParser());
  app.use(createReportsCsvRouter({ db, now, gate }));
  app.use(createMediaRouter({ db, now }));
  // The driver's phone's upload page: no session, the link's token is the credential.
  app.use(createProofUploadRouter({ db, now, gate }));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: options.router,
      maxBatchSize: MAX_BATCH_SIZE,
      maxBodySize: TRPC_MAX_ANY_BODY_BYTES,
      responseMeta: retryAfterMeta,
      async createContext({ req, res, info }) {
        refuseUnbatchable(info);
        const token: unknown = req.cookies?.[SESSION_COOKIE];
        const session =
          typeof token === 'string' ? await userForSessionToken(db, token, now()) : null;
        return createContext(services, {
          user: session?.user ?? null,
          sessionTokenHash: session?.tokenHash ?? null,
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
