import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import type { Logger } from 'pino';

/**
 * Paths the api answers itself, never with the app: under these prefixes, and these exact
 * paths. `/reports` itself is the app's reports screen; the api's downloads live below it.
 */
const API_PREFIXES = ['/trpc/', '/v2/', '/reports/', '/ingest/', '/media/', '/api/'];
const API_PATHS = ['/trpc', '/v2', '/ingest', '/healthz', '/readyz', '/metrics'];

/**
 * The built web admin: hashed assets cached for a year, and index.html (never cached, so a
 * new build is picked up) for any other GET that asks for HTML, so client-side routes
 * (`/dispatch`, `/yard/YSP4`) survive a reload. Without a build, `/` says how to make one.
 */
export function createWebRouter(webDir: string, logger: Logger): Router {
  const router = express.Router();
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    logger.info({ webDir }, 'no web admin build: / explains how to build it');
    router.get('/', (_req, res) => {
      res
        .status(404)
        .type('text/plain')
        .send(
          'The web admin is not built. Run `pnpm --filter @harbor/web build` (pnpm start does it), then reload.\n',
        );
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(webDir, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (API_PATHS.includes(req.path) || API_PREFIXES.some((prefix) => req.path.startsWith(prefix)))
      return next();
    if (!req.accepts('html')) return next();
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return router;
}
