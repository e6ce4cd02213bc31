import type { Role } from '@harbor/shared';
import { initTRPC } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { HarborError } from '../../core/errors.ts';
import { untilAborted } from '../../core/until-aborted.ts';
import { SessionEndedError } from '../../domains/auth/session-streams.ts';
import type { Context } from './context.ts';
import {
  asSpoken,
  fieldErrorsOfTrpc,
  fieldIssuesOfTrpc,
  harborErrorOf,
  paramsOf,
  reasonOf,
  speakingTrpc,
  toTrpcError,
} from './errors.ts';
import { throughFairGate } from './fair-scheduling.ts';
import { retryAfterSecondsOf } from './request-limits.ts';

const t = initTRPC.context<Context>().create({
  // Stack traces stay in the server's log; a browser or script never gets one.
  isDev: false,
  sse: {
    // A comment line every 15 s keeps proxies from closing a quiet stream; a stream ends after
    // an hour and the client reconnects (and ends with its session before: see
    // sessionStreamProcedure).
    ping: { enabled: true, intervalMs: 15_000 },
    maxDurationMs: 3_600_000,
    client: { reconnectAfterInactivityMs: 45_000 },
  },
  /**
   * What a client gets of an error: `data.code` the tRPC code, `data.reason` the stable code
   * (ErrorCode) and `data.params` its values, `data.fieldErrors` the field messages (English) and `data.fieldIssues` the same as codes.
   */
  errorFormatter({ shape, error }) {
    // A HarborError past the procedures' middleware (thrown while making the context) is
    // answered as the middleware would have.
    const spoken = asSpoken(error);
    const fieldErrors = fieldErrorsOfTrpc(error);
    const message = fieldErrors
      ? Object.entries(fieldErrors)
          .map(([field, messages]) => `${field || 'input'}: ${messages.join('; ')}`)
          .join(', ')
      : shape.message;
    const retryAfterSeconds = retryAfterSecondsOf(spoken);
    return {
      ...shape,
      code: TRPC_ERROR_CODES_BY_KEY[spoken.code],
      message,
      data: {
        ...shape.data,
        code: spoken.code,
        httpStatus: getHTTPStatusCodeFromError(spoken),
        reason: reasonOf(error),
        params: paramsOf(error),
        fieldErrors,
        fieldIssues: fieldIssuesOfTrpc(error),
        ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }),
      },
    };
  },
});

/**
 * The one place a HarborError becomes a TRPCError (its kind's code; errors.ts): one thrown by
 * a procedure or a middleware, and one a subscription's stream throws later.
 */
const speaksTrpc = t.middleware(async ({ type, next }) => {
  const result = await next();
  if (!result.ok) {
    const harbor = harborErrorOf(result.error);
    if (harbor) throw toTrpcError(harbor);
    return result;
  }
  if (type === 'subscription' && isAsyncIterable(result.data))
    return { ...result, data: speakingTrpc(result.data) };
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure's queries and mutations take their turn in the fair gate. */
export const publicProcedure = t.procedure.use(speaksTrpc).use(t.middleware(throughFairGate));

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new HarborError('unauthenticated', 'auth.login-required', 'log in first');
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure only the given roles may call. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new HarborError(
        'forbidden',
        'auth.role-required',
        `needs role ${roles.join(' or ')}; you are ${ctx.user.role}`,
        { params: { roles: roles.join(', '), role: ctx.user.role } },
      );
    }
    return next();
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * What every subscription is built from: a live stream (SSE) that ends when its session
 * does, by logout, expiry, a disabled account or a new password, and then sends the client
 * UNAUTHORIZED. The stream ends here whatever the procedure does; `ctx.streamSignal` (the
 * request's signal and the session's together) is what the procedure passes on to what it
 * listens to, so that stops too.
 */
export const sessionStreamProcedure = authedProcedure.use(async ({ ctx, signal, next }) => {
  // Every browser stream has a session; a caller without one (a test's direct call) has no lease.
  const lease = ctx.sessionTokenHash
    ? ctx.sessionStreams.watch({ tokenHash: ctx.sessionTokenHash, userId: ctx.user.id })
    : null;
  const signals = [signal, lease?.signal].filter((s): s is AbortSignal => s !== undefined);
  const streamSignal = signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
  const result = await next({ ctx: { streamSignal } });
  if (!lease) return result;
  if (!result.ok || !isAsyncIterable(result.data)) {
    lease.release();
    return result;
  }
  const source = result.data;
  // Also when the client leaves before the stream was ever read (its body then never runs).
  streamSignal.addEventListener('abort', () => lease.release(), { once: true });
  return {
    ...result,
    data: (async function* () {
      try {
        yield* untilAborted(source, streamSignal, lease.report);
        const reason: unknown = lease.signal.reason;
        if (reason instanceof SessionEndedError)
          throw new HarborError('unauthenticated', 'auth.session-ended', reason.message, {
            params: { reason: reason.reason },
            cause: reason,
          });
      } finally {
        lease.release();
      }
    })(),
  };
});
