import { LoginInput, SessionUserSchema } from '@harbor/shared';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { login, logout } from '../../domains/auth/service.ts';
import { authedProcedure, publicProcedure } from '../trpc/init.ts';
import { acceptInvitationProcedure } from './users.ts';

export const authRouter = {
  /** Never in a batch: the HTTP layer refuses a batch that names it (see `refuseBatchedLogin`). */
  login: publicProcedure
    .input(LoginInput)
    .output(SessionUserSchema)
    .mutation(async ({ ctx, input }) => {
      const session = await login(ctx, input, ctx.client);
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
