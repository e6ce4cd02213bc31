import { z } from 'zod';
import { IdSchema, IsoDateTime, PageInput, RoleSchema } from './common.ts';

export const UserSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  isActive: z.boolean(),
  locale: z.string(),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof UserSchema>;

export const LocaleSchema = z.enum(['en', 'zh-CN']);

/** At least 10 characters: long passphrases beat composition rules (NIST SP 800-63B). */
export const NewPasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const ListUsersInput = PageInput.extend({
  organizationId: IdSchema.optional(),
});

/**
 * An administrator invites a person; the person chooses their password when accepting.
 * There is no direct account creation: an email is unique over Harbor, so creating accounts
 * would tell one company which emails have accounts at another.
 */
export const InviteUserInput = z.object({
  /** Defaults to the caller's own organization; port authority admins may name another. */
  organizationId: IdSchema.optional(),
  email: z.email().trim().toLowerCase(),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  locale: LocaleSchema.default('en'),
});
export type InviteUserInput = z.infer<typeof InviteUserInput>;

export const InvitationStatusSchema = z.enum(['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED']);
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

export const UserInvitationSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: z.string(),
  status: InvitationStatusSchema,
  expiresAt: IsoDateTime,
  createdById: IdSchema.nullable(),
  createdAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export type UserInvitation = z.infer<typeof UserInvitationSchema>;

/** The token is in this answer only (Harbor keeps its hash): the admin passes it to the invitee. */
export const InvitationCreatedSchema = z.object({
  invitation: UserInvitationSchema,
  token: z.string(),
});
export type InvitationCreated = z.infer<typeof InvitationCreatedSchema>;

export const ListInvitationsInput = PageInput.extend({
  organizationId: IdSchema.optional(),
  status: InvitationStatusSchema.optional(),
});
export type ListInvitationsInput = z.infer<typeof ListInvitationsInput>;

/** What the invitee sends: the token from the invitation and the password they choose. */
export const AcceptInvitationInput = z.object({
  token: z.string().trim().min(1, 'token is required').max(200),
  password: NewPasswordSchema,
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const UpdateUserInput = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  isActive: z.boolean().optional(),
  locale: LocaleSchema.optional(),
  password: NewPasswordSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** An administrator's link for a user to choose a new password; the token is in this answer only. */
export const PasswordResetCreatedSchema = z.object({
  userId: IdSchema,
  token: z.string(),
  expiresAt: IsoDateTime,
});
export type PasswordResetCreated = z.infer<typeof PasswordResetCreatedSchema>;

/** What the person with a reset link sends: its token and the new password. */
export const AcceptPasswordResetInput = z.object({
  token: z.string().trim().min(1, 'token is required').max(200),
  password: NewPasswordSchema,
});
export type AcceptPasswordResetInput = z.infer<typeof AcceptPasswordResetInput>;

/** A logged-in user's own new password, given with the current one. */
export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'current password is required').max(200),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** What every user may change of their own account. */
export const UpdateProfileInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  locale: LocaleSchema.optional(),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileInput>;
