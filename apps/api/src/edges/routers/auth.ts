import {
  AcceptInvitationInput,
  LoginInput,
  OkSchema,
  SessionUserSchema,
  UserSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { login, logout } from '../../domains/auth/service.ts';
import { acceptInvitation } from '../../domains/users/invitations.ts';
import { authedProcedure, publicProcedure } from '../trpc/init.ts';

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

  logout: publicProcedure.output(OkSchema).mutation(async ({ ctx }) => {
    await logout(ctx, ctx.sessionTokenHash);
    ctx.sessionCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.output(SessionUserSchema).query(({ ctx }) => ctx.user),

  /**
   * Who is logged in, or null: what a page asks before it knows whether to show the login
   * form, so a logged-out visitor is an answer, not an error.
   */
  session: publicProcedure
    .output(SessionUserSchema.nullable())
    .query(({ ctx }) => ctx.user ?? null),

  /** The invitee, holding the token, chooses a password (see domains/users/invitations.ts). */
  acceptInvitation: publicProcedure
    .input(AcceptInvitationInput)
    .output(UserSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, input)),
} satisfies TRPCRouterRecord;
