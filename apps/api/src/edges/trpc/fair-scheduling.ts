import { type ProcedureType, TRPCError } from '@trpc/server';
import { HarborError } from '../../core/errors.ts';
import type { Context } from './context.ts';
import { GateFullError, inTurn, isAbandoned } from './fair-gate.ts';

/**
 * Who a call is queued as in the fair gate: the logged-in user, else the address it came
 * from. (API keys do not authenticate tRPC; the key-authenticated routes are not tRPC.)
 */
export function clientKeyOf(ctx: Pick<Context, 'user' | 'client'>): string {
  if (ctx.user) return `user:${ctx.user.id}`;
  return `address:${ctx.client.ipAddress ?? 'unknown'}`;
}

/**
 * The procedure middleware: every query and mutation waits for its client's turn in the
 * context's gate (subscriptions are long-lived streams, not calls, and go straight through,
 * as does everything where the context has no gate, e.g. tests calling procedures directly).
 * A client with too many calls waiting is refused (`request.too-many-waiting`: HTTP 429).
 * A call whose client closed the request while it waited is dropped as closed by the client
 * (499), not failed: nobody is there to answer, and Harbor did nothing wrong.
 */
export async function throughFairGate<R>(opts: {
  ctx: Context;
  type: ProcedureType;
  signal: AbortSignal | undefined;
  next: () => Promise<R>;
}): Promise<R> {
  if (opts.type === 'subscription') return opts.next();
  try {
    return await inTurn(opts.ctx.gate, clientKeyOf(opts.ctx), () => opts.next(), opts.signal);
  } catch (error) {
    if (isAbandoned(error, opts.signal))
      throw new TRPCError({
        code: 'CLIENT_CLOSED_REQUEST',
        message: 'the client closed the request while it waited its turn',
        cause: error,
      });
    if (error instanceof GateFullError)
      throw new HarborError('too-many', 'request.too-many-waiting', error.message, {
        cause: error,
      });
    throw error;
  }
}
