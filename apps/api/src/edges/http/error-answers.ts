import { STATUS_CODES } from 'node:http';
import type { ErrorAnswer } from '@harbor/shared';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { type ErrorKind, HarborError } from '../../core/errors.ts';

/** The one table from a HarborError's kind to the HTTP status of a plain (non-tRPC) answer. */
export const HTTP_STATUS_OF_KIND = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'too-many': 429,
  unavailable: 503,
} as const satisfies Record<ErrorKind, number>;

/** The JSON body of a refusal: the English message as `error`, beside its stable code. */
export function errorAnswerOf(error: HarborError): ErrorAnswer {
  return {
    error: error.message,
    code: error.code,
    ...(error.params ? { params: error.params } : {}),
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    ...(error.fieldIssues ? { fieldIssues: error.fieldIssues } : {}),
  };
}

/** Answers a refusal: its kind's status and its ErrorAnswer. Headers set on `res` before stay. */
export function answerError(res: Response, error: HarborError): void {
  res.status(HTTP_STATUS_OF_KIND[error.kind]).json(errorAnswerOf(error));
}

/** The HTTP status an error carries (http-errors' `status`/`statusCode`), else 500. */
function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const status =
    'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The last error handler: a HarborError is answered as answerError does; anything else with
 * a short JSON of the status's name and nothing of the error itself. Express's own handler
 * answers an HTML page with the message and the stack trace unless NODE_ENV is `production`
 * (a database address, file paths), and writes it to stderr past the structured log; here a
 * server error goes to the log instead.
 */
export function answerErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      // Too late for an answer: the half-sent one is cut off.
      logger.error({ err: error, path: req.path }, 'request failed while answering');
      res.destroy();
      return;
    }
    if (error instanceof HarborError) return answerError(res, error);
    const status = statusOf(error);
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    res.status(status).json({
      error: (STATUS_CODES[status] ?? 'Error').toLowerCase(),
      code: status >= 500 ? 'server.failed' : 'request.refused',
    } satisfies ErrorAnswer);
  };
}
