import type { Role } from '@harbor/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import { untilAborted } from '../../core/until-aborted.ts';
import { SessionEndedError } from '../../domains/auth/session-streams.ts';
import type { Context } from './context.ts';
import { throughFairGate } from './fair-scheduling.ts';
import { retryAfterSecondsOf } from './request-limits.ts';

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

function hasIssues(cause: unknown): cause is { issues: Issue[] } {
  return (
    typeof cause === 'object' &&
    cause !== null &&
    Array.isArray((cause as { issues?: unknown }).issues)
  );
}

/** `{ 'field.path': ['message', ...] }`; issues about the whole input go under `''`. */
export function fieldErrorsOf(issues: Issue[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = (issue.path ?? [])
      .map((part) => String(typeof part === 'object' ? part.key : part))
      .join('.');
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

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
  errorFormatter({ shape, error }) {
    const fieldErrors =
      error.code === 'BAD_REQUEST' && hasIssues(error.cause)
        ? fieldErrorsOf(error.cause.issues)
        : null;
    const message = fieldErrors
      ? Object.entries(fieldErrors)
          .map(([field, messages]) => `${field || 'input'}: ${messages.join('; ')}`)
          .join(', ')
      : shape.message;
    const retryAfterSeconds = retryAfterSecondsOf(error);
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        fieldErrors,
        ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }),
      },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure's queries and mutations take their turn in the fair gate. */
export const publicProcedure = t.procedure.use(t.middleware(throughFairGate));

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure only the given roles may call. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `needs role ${roles.join(' or ')}; you are ${ctx.user.role}`,
      });
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
          throw new TRPCError({ code: 'UNAUTHORIZED', message: reason.message, cause: reason });
      } finally {
        lease.release();
      }
    })(),
  };
});
