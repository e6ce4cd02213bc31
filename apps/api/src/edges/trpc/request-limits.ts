import { TRPC_MAX_BATCH_SIZE } from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

/** The most calls one batched request may carry; a larger batch is refused whole (400). */
export const MAX_BATCH_SIZE = TRPC_MAX_BATCH_SIZE;

/**
 * Procedures that only run alone in their request. A batch of 200 `auth.login` calls once
 * tried 200 passwords in one request; the throttle counts each, and refusing the batch
 * keeps the count honest and one guess per request.
 */
const UNBATCHABLE = new Set(['auth.login']);

/** Refuses, before any call runs, a batch that names an unbatchable procedure. */
export function refuseUnbatchable(info: Pick<TRPCRequestInfo, 'isBatchCall' | 'calls'>): void {
  if (!info.isBatchCall) return;
  const alone = info.calls.find((call) => UNBATCHABLE.has(call.path));
  if (alone)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${alone.path} cannot be batched: send it as a request of its own`,
    });
}

/**
 * Seconds until a refused call may be tried again, when its error says (a throttled login's
 * cause carries `retryAfterSeconds`); null otherwise.
 */
export function retryAfterSecondsOf(error: TRPCError): number | null {
  const cause: unknown = error.cause;
  if (error.code !== 'TOO_MANY_REQUESTS' || typeof cause !== 'object' || cause === null)
    return null;
  const seconds = (cause as { retryAfterSeconds?: unknown }).retryAfterSeconds;
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
