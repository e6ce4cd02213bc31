import { LoginInput, SessionUserSchema } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { HarborError } from '../../core/errors.ts';
import { login, logout } from '../../domains/auth/service.ts';
import { authedProcedure, publicProcedure } from '../trpc/init.ts';
import { acceptInvitationProcedure } from './users.ts';

export const authRouter = {
  /** Never in a batch: the HTTP layer refuses a batch that names it (see `refuseBatchedLogin`). */
  login: publicProcedure
    .input(LoginInput)
    .output(SessionUserSchema)
    .mutation(async ({ ctx, input }) => {
      const { loginGuard } = ctx;
      if (!loginGuard)
        throw new HarborError(
          'unavailable',
          'auth.login-not-served',
          'login is served with its throttle only',
        );
      const session = await login({ ...ctx, loginGuard }, input, ctx.client);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return session.user;
    }),

  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await logout(ctx, ctx.sessionTokenHash);
    ctx.sessionCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.output(SessionUserSchema).query(({ ctx }) => ctx.user),

  acceptInvitation: acceptInvitationProcedure,
} satisfies TRPCRouterRecord;
