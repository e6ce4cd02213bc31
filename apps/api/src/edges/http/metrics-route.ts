import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { HarborError } from '../../core/errors.ts';
import { answerError } from './error-answers.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` for a scraper holding the token (`Authorization: Bearer <METRICS_TOKEN>`):
 * the counters tell an outsider how busy the port is and which procedures fail, so they are
 * not public. Without a configured token the route is not served at all (404).
 */
export function metricsRoute(registry: Registry, token: string | undefined): RequestHandler {
  const expected = token === undefined ? null : digest(token);
  return async (req, res, next) => {
    if (expected === null) return next();
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Digests of equal length, compared in constant time: the answer's timing says nothing.
    if (!timingSafeEqual(digest(given), expected)) {
      answerError(
        res.set('www-authenticate', 'Bearer realm="harbor metrics"'),
        new HarborError(
          'unauthenticated',
          'metrics.token-required',
          'metrics need Authorization: Bearer <METRICS_TOKEN>',
        ),
      );
      return;
    }
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  };
}
