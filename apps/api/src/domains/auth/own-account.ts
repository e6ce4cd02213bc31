import { type Db, hashPassword, verifyPassword } from '@harbor/db';
import type { ChangePasswordInput, SessionUser, UpdateProfileInput } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { toSessionUser } from './session.ts';
import type { SessionStreams } from './session-streams.ts';

/** What every logged-in user may do to their own account, whatever their role. */

type Deps = { db: Db; sessionStreams?: Pick<SessionStreams, 'endSession'> | undefined };

/** Their name and language. */
export async function updateProfile(
  deps: { db: Db },
  user: SessionUser,
  input: UpdateProfileInput,
): Promise<SessionUser> {
  const row = await deps.db.prisma.user.update({
    where: { id: user.id },
    data: input,
    include: { organization: true },
  });
  return toSessionUser(row);
}

/**
 * A new password, given with the current one (a session left open on a shared screen does
 * not let a passer-by take the account). Every other session of the user ends; the one that
 * changed it stays.
 */
export async function changePassword(
  deps: Deps,
  user: SessionUser,
  currentSessionHash: string | null,
  input: ChangePasswordInput,
): Promise<void> {
  const row = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw new HarborError('invalid', 'auth.wrong-password', 'the current password is wrong');
  const passwordHash = await hashPassword(input.newPassword);
  const others = await deps.db.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const where = {
      userId: user.id,
      ...(currentSessionHash ? { tokenHash: { not: currentSessionHash } } : {}),
    };
    const ended = await tx.session.findMany({ where, select: { tokenHash: true } });
    await tx.session.deleteMany({ where });
    return ended;
  });
  for (const { tokenHash } of others) deps.sessionStreams?.endSession(tokenHash, 'account changed');
}
