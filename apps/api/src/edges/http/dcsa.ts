import type { Db } from '@harbor/db';
import { type DcsaError, DcsaEventsQuery } from '@harbor/shared';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { isHarborError } from '../../core/errors.ts';
import { organizationForKey } from '../../domains/auth/api-keys.ts';
import { containerVisibility } from '../../domains/containers/visibility.ts';
import { findDcsaEvents } from '../../domains/dcsa/events-query.ts';
import { dcsaOpenApiDocument } from '../../domains/dcsa/openapi.ts';
import { type FairGate, GateFullError, inTurn, isAbandoned } from '../trpc/fair-gate.ts';
import { closedByClient } from './client-gone.ts';
import { HTTP_STATUS_OF_KIND } from './error-answers.ts';

export type DcsaDeps = {
  db: Pick<Db, 'prisma'>;
  logger: Logger;
  now(): Date;
  /** The queries wait their organization's turn here, beside tRPC's calls; none in tests. */
  gate?: FairGate | undefined;
};

const API_VERSION = '2.2.0';
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** The same key headers as HTTP ingest: `Authorization: Bearer hbk_...` or `X-Api-Key`. */
function apiKeyOf(req: Request): string | null {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return req.get('x-api-key') ?? null;
}

/**
 * A DCSA ERROR_DOMAIN answer: its `reason`s are DCSA's own codes, so the body stays DCSA's;
 * the status is the one Harbor's other answers give the same kind of refusal (error-answers.ts).
 */
function sendError(
  deps: DcsaDeps,
  req: Request,
  res: Response,
  statusCode: number,
  errors: DcsaError['errors'],
): void {
  res
    .status(statusCode)
    .set('API-Version', API_VERSION)
    .json({
      httpMethod: req.method,
      requestUri: req.originalUrl,
      statusCode,
      statusCodeText: STATUS_TEXT[statusCode] ?? 'Error',
      errorDateTime: deps.now().toISOString(),
      errors,
    } satisfies DcsaError);
}

/**
 * DCSA Track & Trace 2.2 face: `GET /v2/events` (equipment events of the containers the API
 * key's organization sees: the port authority's keys all, another organization's the
 * containers it handles unless the port granted it the whole feed, containers/visibility.ts;
 * and the transport events of every port call, which are port data) and
 * `GET /v2/openapi.json` (public).
 */
export function createDcsaRouter(deps: DcsaDeps): Router {
  const router = Router();
  const document = dcsaOpenApiDocument();

  router.get('/v2/openapi.json', (_req, res) => {
    res.json(document);
  });

  router.get('/v2/events', async (req, res, next) => {
    const gone = closedByClient(res);
    try {
      const key = apiKeyOf(req);
      const organization = key ? await organizationForKey(deps.db, key, deps.now()) : null;
      if (!organization) {
        sendError(deps, req, res, HTTP_STATUS_OF_KIND.unauthenticated, [
          {
            reason: 'unauthorized',
            message: 'a valid API key is required (Authorization: Bearer <key> or X-Api-Key)',
          },
        ]);
        return;
      }
      const parsed = DcsaEventsQuery.safeParse(req.query);
      if (!parsed.success) {
        sendError(
          deps,
          req,
          res,
          HTTP_STATUS_OF_KIND.invalid,
          parsed.error.issues.map((issue) => ({
            reason: issue.code === 'unrecognized_keys' ? 'unknownQueryParameter' : 'invalidQuery',
            message: issue.path.length
              ? `${issue.path.join('.')}: ${issue.message}`
              : issue.message,
          })),
        );
        return;
      }
      // The key's scope and its events, both read in the organization's turn.
      const page = await inTurn(
        deps.gate,
        `organization:${organization.id}`,
        async () =>
          findDcsaEvents(
            deps,
            await containerVisibility(deps, organization, 'DCSA_FEED'),
            parsed.data,
          ),
        gone,
      );
      // DCSA_DOMAIN 1.0.3's paging headers: links, each with the `cursor` of its page.
      const link = (cursor: string) =>
        `${req.baseUrl}/v2/events?cursor=${cursor}${
          parsed.data.limit ? `&limit=${parsed.data.limit}` : ''
        }`;
      res.set('API-Version', API_VERSION);
      res.set('Current-Page', req.originalUrl);
      if (page.nextCursor) res.set('Next-Page', link(page.nextCursor));
      if (page.firstCursor) res.set('First-Page', link(page.firstCursor));
      res.json(page.events);
    } catch (error) {
      // The client left while its page waited its turn: nobody to answer.
      if (isAbandoned(error, gone)) return;
      if (error instanceof GateFullError) {
        sendError(deps, req, res, HTTP_STATUS_OF_KIND['too-many'], [
          { reason: 'tooManyRequests', message: error.message },
        ]);
        return;
      }
      if (isHarborError(error, 'invalid')) {
        const messages = Object.values(error.fieldErrors ?? {}).flat();
        sendError(
          deps,
          req,
          res,
          HTTP_STATUS_OF_KIND.invalid,
          (messages.length ? messages : [error.message]).map((message) => ({
            reason: 'invalidQuery',
            message,
          })),
        );
        return;
      }
      next(error);
    }
  });

  // A failure in the query answers a DCSA error body too, never Express's HTML page.
  router.use(
    '/v2',
    (error: unknown, req: Request, res: Response, _next: (error?: unknown) => void) => {
      deps.logger.error({ err: error }, 'DCSA events failed');
      sendError(deps, req, res, 500, [{ reason: 'internalError', message: 'events failed' }]);
    },
  );
  return router;
}
