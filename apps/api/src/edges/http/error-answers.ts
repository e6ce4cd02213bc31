import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** The HTTP status an error carries (http-errors' `status`/`statusCode`), else 500. */
function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const status =
    'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The last error handler: a short JSON answer with the status's name and nothing of the
 * error itself. Express's own handler answers an HTML page with the message and the stack
 * trace unless NODE_ENV is `production` (a database address, file paths), and writes it to
 * stderr past the structured log; here a server error goes to the log instead.
 */
export function answerErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    if (res.headersSent) {
      // Too late for an answer: the half-sent one is cut off.
      logger.error({ err: error, path: req.path }, 'request failed while answering');
      res.destroy();
      return;
    }
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    res.status(status).json({ error: (STATUS_CODES[status] ?? 'Error').toLowerCase() });
  };
}
