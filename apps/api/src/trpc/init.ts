import type { Role } from '@harbor/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context.ts';
import { throughFairGate } from './fair-scheduling.ts';

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
    // an hour and the client reconnects, so a session that ended also ends its streams.
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
    return { ...shape, message, data: { ...shape.data, fieldErrors } };
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
