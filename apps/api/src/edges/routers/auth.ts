import {
  AcceptInvitationInput,
  AcceptPasswordResetInput,
  ChangePasswordInput,
  LoginInput,
  OkSchema,
  SessionUserSchema,
  UpdateProfileInput,
  UserSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { changePassword, updateProfile } from '../../domains/auth/own-account.ts';
import { login, logout } from '../../domains/auth/service.ts';
import { acceptInvitation } from '../../domains/users/invitations.ts';
import { acceptPasswordReset } from '../../domains/users/password-resets.ts';
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

  /** The holder of a reset link chooses a new password (see domains/users/password-resets.ts). */
  acceptPasswordReset: publicProcedure
    .input(AcceptPasswordResetInput)
    .output(OkSchema)
    .mutation(async ({ ctx, input }) => {
      await acceptPasswordReset(ctx, input);
      return { ok: true as const };
    }),

  /** Every user's own name and language. */
  updateProfile: authedProcedure
    .input(UpdateProfileInput)
    .output(SessionUserSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx, ctx.user, input)),

  /** Every user's own password, with the current one; their other sessions end. */
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .output(OkSchema)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx, ctx.user, ctx.sessionTokenHash, input);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
