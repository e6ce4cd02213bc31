import { type Db, hashPassword } from '@harbor/db';
import type { AcceptPasswordResetInput, PasswordResetCreated, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { organizationScope } from '../auth/scope.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import type { SessionStreams } from '../auth/session-streams.ts';

/**
 * An administrator's way to let a user who forgot their password choose a new one: a link
 * with a random token (only its SHA-256 is stored), used once, for a day. Nobody but the
 * holder of the link learns the new password, not even the administrator. Harbor sends no
 * mail: the administrator passes the link on as they passed the invitation.
 */
export const PASSWORD_RESET_TTL_MS = 24 * 3_600_000;

type Deps = { db: Db; now: () => Date };
/** With the live streams per session, the user's open streams end with their sessions. */
type AcceptDeps = Deps & { sessionStreams?: Pick<SessionStreams, 'endUser'> | undefined };

const invalid = () =>
  new HarborError(
    'not-found',
    'password-reset.not-valid',
    'this password reset link is not valid: it has expired, been used or been replaced; ask for a new one',
  );

/**
 * A new reset link for a user the admin may manage (their own organization's; the port
 * authority's admins any). A new link replaces the user's earlier unused ones.
 */
export async function createPasswordReset(
  deps: Deps,
  admin: SessionUser,
  userId: string,
): Promise<PasswordResetCreated> {
  const user = await deps.db.prisma.user.findFirst({
    where: { id: userId, ...organizationScope(admin) },
    select: { id: true },
  });
  if (!user) throw new HarborError('not-found', 'user.not-found', 'no such user');
  const token = newSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await deps.db.prisma.$transaction(async (tx) => {
    await tx.passwordReset.updateMany({
      where: { userId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.passwordReset.create({
      data: {
        userId,
        tokenHash: hashSecret(token),
        issuedById: admin.id,
        createdAt: now,
        expiresAt,
      },
    });
  });
  return { userId, token, expiresAt: expiresAt.toISOString() };
}

/**
 * The holder of a reset link chooses a new password: refused, alike, for an unknown,
 * expired, used or replaced token and for a disabled account (a reset does not reopen an
 * account its administrator closed). Every session of the user ends: whoever held the old
 * password is out.
 */
export async function acceptPasswordReset(
  deps: AcceptDeps,
  input: AcceptPasswordResetInput,
): Promise<void> {
  const now = deps.now();
  const reset = await deps.db.prisma.passwordReset.findUnique({
    where: { tokenHash: hashSecret(input.token) },
    include: { user: { select: { isActive: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= now || !reset.user.isActive) throw invalid();
  const passwordHash = await hashPassword(input.password);
  await deps.db.prisma.$transaction(async (tx) => {
    // Used once: of two uses of the same link at the same moment, one finds nothing.
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw invalid();
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
  });
  deps.sessionStreams?.endUser(reset.userId, 'account changed');
}
