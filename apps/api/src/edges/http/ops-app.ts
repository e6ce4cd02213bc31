import type { Db } from '@harbor/db';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { createMetrics, type Metrics } from './metrics.ts';
import { metricsRoute } from './metrics-route.ts';

// What every process serves over HTTP, kept apart from the api's app (tRPC, the routers, the
// web) so that a gateway or tracker process does not load the api to start.

/** Liveness, and readiness as the database's answer. */
export function healthRoutes(app: Express, db: Db, logger: Logger): void {
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
}

/**
 * The HTTP face of a process that is not an api (a gateway or a tracker): health, readiness
 * and metrics only.
 */
export function createOpsApp(options: {
  db: Db;
  logger: Logger;
  metricsToken?: string | undefined;
}): { app: Express; metrics: Metrics } {
  const metrics = createMetrics();
  const app = express();
  app.disable('x-powered-by');
  healthRoutes(app, options.db, options.logger);
  app.get('/metrics', metricsRoute(metrics.registry, options.metricsToken));
  return { app, metrics };
}
