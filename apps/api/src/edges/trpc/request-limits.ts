import { TRPC_MAX_BATCH_SIZE } from '@harbor/shared';
import type { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { HarborError } from '../../core/errors.ts';
import { harborErrorOf, toTrpcError } from './errors.ts';

/** The most calls one batched request may carry; a larger batch is refused whole (400). */
export const MAX_BATCH_SIZE = TRPC_MAX_BATCH_SIZE;

/**
 * Procedures that only run alone in their request. A batch of 200 `auth.login` calls once
 * tried 200 passwords in one request; the throttle counts each, and refusing the batch
 * keeps the count honest and one guess per request.
 */
const UNBATCHABLE = new Set(['auth.login']);

/**
 * Refuses, before any call runs, a batch that names an unbatchable procedure. It runs while
 * the context is made, before the procedures' middleware, so it throws the TRPCError itself.
 */
export function refuseUnbatchable(info: Pick<TRPCRequestInfo, 'isBatchCall' | 'calls'>): void {
  if (!info.isBatchCall) return;
  const alone = info.calls.find((call) => UNBATCHABLE.has(call.path));
  if (alone)
    throw toTrpcError(
      new HarborError(
        'invalid',
        'request.not-batchable',
        `${alone.path} cannot be batched: send it as a request of its own`,
        { params: { procedure: alone.path } },
      ),
    );
}

/**
 * Seconds until a refused call may be tried again, when its error says (a throttled login's
 * `retryAfterSeconds`); null otherwise.
 */
export function retryAfterSecondsOf(error: TRPCError): number | null {
  const seconds = harborErrorOf(error)?.params?.retryAfterSeconds;
  if (error.code !== 'TOO_MANY_REQUESTS') return null;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : null;
}

/** A `Retry-After` header for a response whose calls were refused for now (tRPC's `responseMeta`). */
export function retryAfterMeta(opts: { errors: TRPCError[] }): {
  headers?: Record<string, string>;
} {
  const waits = opts.errors
    .map(retryAfterSecondsOf)
    .filter((seconds): seconds is number => seconds !== null);
  return waits.length > 0 ? { headers: { 'retry-after': String(Math.max(...waits)) } } : {};
}
