import { type Db, hashPassword, type Prisma } from '@harbor/db';
import type {
  AcceptInvitationInput,
  InvitationCreated,
  InvitationStatus,
  InviteUserInput,
  ListInvitationsInput,
  SessionUser,
  User,
  UserInvitation,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { organizationScope, targetOrganization } from '../auth/scope.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { toUser } from './service.ts';

/**
 * Accounts come from invitations. An email is the login identity and unique over Harbor, so
 * an administrator who could create accounts directly would learn, from a refusal, that an
 * email has an account at another company. An invitation is made the same way whether or
 * not the email has an account elsewhere; only the invitee, who owns the email, is told
 * when accepting that it is taken.
 */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

type Deps = { db: Db; now: () => Date };
type InvitationRow = Prisma.UserInvitationGetPayload<object>;

const invalid = () =>
  new HarborError(
    'not-found',
    'invitation.not-valid',
    'this invitation is not valid: it has expired, been used or been withdrawn; ask for a new one',
  );
// Said to the invitee, who owns the email; which organization holds the account is not named.
const EMAIL_TAKEN = {
  code: 'invitation.email-taken',
  message:
    'an account with this email address already exists: log in with it, or ask for an invitation to another address',
} as const;

function statusOf(row: InvitationRow, now: Date): InvitationStatus {
  if (row.acceptedAt) return 'ACCEPTED';
  if (row.revokedAt) return 'REVOKED';
  return row.expiresAt <= now ? 'EXPIRED' : 'PENDING';
}

const pendingWhere = (now: Date) =>
  ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }) as const;

function statusWhere(status: InvitationStatus, now: Date): Prisma.UserInvitationWhereInput {
  switch (status) {
    case 'PENDING':
      return pendingWhere(now);
    case 'ACCEPTED':
      return { acceptedAt: { not: null } };
    case 'REVOKED':
      return { acceptedAt: null, revokedAt: { not: null } };
    case 'EXPIRED':
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
  }
}

export function toInvitation(row: InvitationRow, now: Date): UserInvitation {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    status: statusOf(row, now),
    expiresAt: row.expiresAt.toISOString(),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  } satisfies UserInvitation;
}

/**
 * A new invitation and its token (in this answer only). Refused only when the email is
 * already a user of the organization invited to, which its admins can list anyway; an
 * account elsewhere changes nothing here. A new invitation to the same person withdraws the
 * organization's earlier ones, so only the newest link works.
 */
export async function inviteUser(
  deps: Deps,
  admin: SessionUser,
  input: InviteUserInput,
): Promise<InvitationCreated> {
  const organizationId = targetOrganization(admin, input.organizationId);
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: organizationId },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  const member = await deps.db.prisma.user.findFirst({
    where: { email: input.email, organizationId },
    select: { id: true },
  });
  if (member)
    throw new HarborError(
      'conflict',
      'invitation.already-member',
      `${input.email} is already a user of this organization`,
      { params: { email: input.email } },
    );
  const token = newSecret();
  const now = deps.now();
  const row = await deps.db.prisma.$transaction(async (tx) => {
    await tx.userInvitation.updateMany({
      where: { organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    return tx.userInvitation.create({
      data: {
        organizationId,
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        tokenHash: hashSecret(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdById: admin.id,
        createdAt: now,
      },
    });
  });
  return { invitation: toInvitation(row, now), token };
}

export async function listInvitations(deps: Deps, admin: SessionUser, input: ListInvitationsInput) {
  const now = deps.now();
  const rows = await deps.db.prisma.userInvitation.findMany({
    where: {
      // All must hold: a requested organization narrows the caller's scope, never widens it.
      AND: [
        organizationScope(admin),
        input.organizationId ? { organizationId: input.organizationId } : {},
        input.status ? statusWhere(input.status, now) : {},
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(input, organizationScope(admin)),
  });
  return toPage(rows, input.limit, (row) => toInvitation(row, now));
}

/** Withdraws a pending invitation; another organization's is NOT_FOUND, like a missing one. */
export async function revokeInvitation(
  deps: Deps,
  admin: SessionUser,
  id: string,
): Promise<UserInvitation> {
  const row = await deps.db.prisma.userInvitation.findFirst({
    where: { id, ...organizationScope(admin) },
  });
  if (!row) throw new HarborError('not-found', 'invitation.not-found', 'no such invitation');
  const now = deps.now();
  // Conditional: of a revoke and an accept at the same moment, one wins and the other is told.
  await deps.db.prisma.userInvitation.updateMany({
    where: { id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const current = await deps.db.prisma.userInvitation.findUniqueOrThrow({ where: { id } });
  if (current.acceptedAt)
    throw new HarborError(
      'conflict',
      'invitation.already-accepted',
      'the invitation was already accepted; disable the account with users.update',
    );
  return toInvitation(current, now);
}

/**
 * The invitee, holding the token, chooses a password: the account is created in the
 * inviting organization when the invitation is pending and the email still has no account.
 */
export async function acceptInvitation(deps: Deps, input: AcceptInvitationInput): Promise<User> {
  const now = deps.now();
  const invitation = await deps.db.prisma.userInvitation.findUnique({
    where: { tokenHash: hashSecret(input.token) },
  });
  if (!invitation || statusOf(invitation, now) !== 'PENDING') throw invalid();
  const taken = await deps.db.prisma.user.findUnique({
    where: { email: invitation.email },
    select: { id: true },
  });
  if (taken) throw new HarborError('conflict', EMAIL_TAKEN.code, EMAIL_TAKEN.message);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await deps.db.prisma.$transaction(async (tx) => {
      // Used once: a second accept of the same token (or one racing a revoke) finds nothing.
      const { count } = await tx.userInvitation.updateMany({
        where: { id: invitation.id, ...pendingWhere(now) },
        data: { acceptedAt: now },
      });
      if (count === 0) throw invalid();
      return tx.user.create({
        data: {
          organizationId: invitation.organizationId,
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
          locale: invitation.locale,
          passwordHash,
        },
      });
    });
    return toUser(row);
  } catch (error) {
    // The email taken between the check and the write: the same answer as above.
    rethrowPrismaError(error, { conflict: EMAIL_TAKEN });
  }
}
