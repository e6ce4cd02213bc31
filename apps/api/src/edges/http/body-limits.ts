import { PROOF_PHOTO_MAX_BYTES } from '@harbor/shared';
import type { Request, RequestHandler, Response } from 'express';
import getRawBody from 'raw-body';
import { HarborError } from '../../core/errors.ts';
import { answerError } from './error-answers.ts';

const MB = 1024 * 1024;

/** The largest request body of a tRPC call, unless the procedure is listed below. */
export const TRPC_MAX_BODY_BYTES = 1 * MB;

/**
 * Procedures that take a whole file: their CSV limit (`dispatch.import` 2,000,000
 * characters, `visits.importSchedule` 1,000,000) as JSON, where a Chinese character takes 3
 * bytes and a line end 4 (`\r\n`).
 */
export const TRPC_FILE_BODY_BYTES: Readonly<Record<string, number>> = {
  'dispatch.import': 6 * MB,
  'visits.importSchedule': 3 * MB,
};

/** The adapter's own `maxBodySize`: the backstop, the largest procedure's limit. */
export const TRPC_MAX_ANY_BODY_BYTES = Math.max(
  TRPC_MAX_BODY_BYTES,
  ...Object.values(TRPC_FILE_BODY_BYTES),
);

/** `POST /ingest/fixes`: 10,000 fixes as JSON or NMEA lines (apps/api/README.md). */
export const INGEST_MAX_BODY_BYTES = 5 * MB;

/** `POST /api/pod/<token>/photo`: one photo from a driver's phone. */
export const PROOF_PHOTO_MAX_BODY_BYTES = PROOF_PHOTO_MAX_BYTES;

/** Every other route takes no body worth the name (DCSA and the CSV report are GET). */
export const OTHER_MAX_BODY_BYTES = 64 * 1024;

/** The most a request to this path may send, by route. */
export function maxBodyBytesFor(path: string): number {
  if (path.startsWith('/ingest/')) return INGEST_MAX_BODY_BYTES;
  if (path.startsWith('/api/pod/') && path.endsWith('/photo')) return PROOF_PHOTO_MAX_BODY_BYTES;
  if (path === '/trpc' || path.startsWith('/trpc/')) {
    // A batch names its procedures joined by commas: the largest allowance among them.
    const procedures = path.slice('/trpc/'.length).split(',');
    return Math.max(
      TRPC_MAX_BODY_BYTES,
      ...procedures.map((procedure) => TRPC_FILE_BODY_BYTES[procedure] ?? 0),
    );
  }
  return OTHER_MAX_BODY_BYTES;
}

export class BodyTooLargeError extends HarborError {
  override name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(
      'too-large',
      'request.body-too-large',
      `body too large (${formatBytes(limitBytes)} at most)`,
      {
        params: { limitBytes },
      },
    );
  }
}

/**
 * The body as UTF-8 text, read up to `limitBytes`. Past the limit reading stops there (the
 * stream is paused, the rest never read) and BodyTooLargeError is thrown. body-parser is not
 * used for this: on an error it reads the rest of the body, however long, before it answers.
 */
export async function readBodyText(req: Request, limitBytes: number): Promise<string> {
  try {
    return await getRawBody(req, {
      limit: limitBytes,
      length: req.headers['content-length'],
      encoding: 'utf-8',
    });
  } catch (error) {
    throw tooLargeOr(error, limitBytes);
  }
}

/** The body as bytes (a photo), read up to `limitBytes` as `readBodyText` reads text. */
export async function readBodyBytes(req: Request, limitBytes: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit: limitBytes, length: req.headers['content-length'] });
  } catch (error) {
    throw tooLargeOr(error, limitBytes);
  }
}

/** raw-body's refusal past the limit as BodyTooLargeError; any other error as it is. */
function tooLargeOr(error: unknown, limitBytes: number): unknown {
  const isTooLarge =
    typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
  return isTooLarge ? new BodyTooLargeError(limitBytes) : error;
}

/**
 * How long a connection answered 413 stays half open after the answer, the rest of the body
 * thrown away as it comes, before it is closed whatever the client does.
 */
const LINGER_AFTER_413_MS = 5_000;

/**
 * 413, and the connection closes after it: the rest of the body is never kept. It closes in
 * stages, as RFC 9112 §9.6 asks of a server closing while a body is still coming: the answer
 * and the end of Harbor's side first, then what the client still sends is read and thrown away
 * until it closes its side or `LINGER_AFTER_413_MS` pass. Closed at once, with bytes unread,
 * the connection would be reset under a client still sending, and the client could lose the
 * answer with it.
 */
export function answerTooLarge(res: Response, limitBytes: number): void {
  closeInStages(res.req);
  answerError(res.set('connection', 'close'), new BodyTooLargeError(limitBytes));
}

/**
 * Node's HTTP server ends a `connection: close` response with `socket.destroySoon()`, which
 * destroys the socket as soon as its end is written; this socket's does the staged close.
 */
function closeInStages(req: Request): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    // Whatever reads the body has stopped (raw-body pauses it at the limit): discard the rest.
    req.unpipe();
    req.removeAllListeners('data');
    req.on('data', () => {});
    req.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_AFTER_413_MS);
    socket.once('close', () => clearTimeout(timer));
  };
}

/**
 * Answers 413 at once, before a byte of the body is read, when the declared Content-Length
 * is over the route's limit. A tRPC body sent without Content-Length (chunked) is read here,
 * up to the procedure's limit, and handed to tRPC as text; past the limit reading stops with
 * the same 413. (The adapter's one `maxBodySize` is the largest procedure's, so it cannot
 * hold a plain procedure to its 1 MB.) Ingest reads its own body against its 5 MB.
 */
export function limitRequestBodies(): RequestHandler {
  return (req, res, next) => {
    const limit = maxBodyBytesFor(req.path);
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      const length = Number(declared);
      if (Number.isSafeInteger(length) && length <= limit) return next();
      return answerTooLarge(res, limit);
    }
    const isChunked = req.headers['transfer-encoding'] !== undefined;
    if (!isChunked || !req.path.startsWith('/trpc/') || limit >= TRPC_MAX_ANY_BODY_BYTES)
      return next();
    readBodyText(req, limit).then(
      (text) => {
        // tRPC's node adapter takes a string `req.body` as the body, unread from the stream.
        req.body = text;
        next();
      },
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) answerTooLarge(res, limit);
        else next(error);
      },
    );
  };
}

function formatBytes(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / 1024} KB`;
}
