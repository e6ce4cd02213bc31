import { LoginInput, SessionUserSchema } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, publicProcedure } from '../trpc/init.ts';
import { acceptInvitationProcedure } from '../users/router.ts';
import { login, logout } from './service.ts';

export const authRouter = {
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
