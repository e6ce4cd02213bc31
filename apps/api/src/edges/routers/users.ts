import {
  ByIdInput,
  InvitationCreatedSchema,
  InviteUserInput,
  ListInvitationsInput,
  ListUsersInput,
  PasswordResetCreatedSchema,
  pageOf,
  UpdateUserInput,
  UserInvitationSchema,
  UserSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { inviteUser, listInvitations, revokeInvitation } from '../../domains/users/invitations.ts';
import { createPasswordReset } from '../../domains/users/password-resets.ts';
import { listUsers, updateUser } from '../../domains/users/service.ts';
import { roleProcedure } from '../trpc/init.ts';

/**
 * Account administration: ADMINs manage the users of the organizations they can see. New
 * accounts come from invitations only (see invitations.ts for why).
 */
export const usersRouter = {
  list: roleProcedure('ADMIN')
    .input(ListUsersInput)
    .output(pageOf(UserSchema))
    .query(({ ctx, input }) => listUsers(ctx, ctx.user, input)),

  update: roleProcedure('ADMIN')
    .input(UpdateUserInput)
    .output(UserSchema)
    .mutation(({ ctx, input }) => updateUser(ctx, ctx.user, input)),

  /** The token is in this answer only. */
  invite: roleProcedure('ADMIN')
    .input(InviteUserInput)
    .output(InvitationCreatedSchema)
    .mutation(({ ctx, input }) => inviteUser(ctx, ctx.user, input)),

  invitations: roleProcedure('ADMIN')
    .input(ListInvitationsInput)
    .output(pageOf(UserInvitationSchema))
    .query(({ ctx, input }) => listInvitations(ctx, ctx.user, input)),

  revokeInvitation: roleProcedure('ADMIN')
    .input(ByIdInput)
    .output(UserInvitationSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, ctx.user, input.id)),

  /** A one-time link for the user to choose a new password; the token is in this answer only. */
  resetPassword: roleProcedure('ADMIN')
    .input(ByIdInput)
    .output(PasswordResetCreatedSchema)
    .mutation(({ ctx, input }) => createPasswordReset(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
