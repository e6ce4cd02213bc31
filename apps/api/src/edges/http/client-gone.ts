import type { Response } from 'express';

/**
 * Aborts once the client has closed the connection before its answer was sent. A request
 * waiting its turn in the fair gate leaves the queue then (the tRPC calls do so by tRPC's own
 * signal): a client that sends a hundred slow requests and goes does not hold the database
 * for work nobody will read.
 */
export function closedByClient(res: Response): AbortSignal {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone.signal;
}
