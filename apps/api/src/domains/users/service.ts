import { type Db, hashPassword } from '@harbor/db';
import type { ListUsersInput, SessionUser, UpdateUserInput, User } from '@harbor/shared';
import type { z } from 'zod';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { organizationScope } from '../auth/scope.ts';
import type { SessionStreams } from '../auth/session-streams.ts';

type UserRow = {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: User['role'];
  isActive: boolean;
  locale: string;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    name: row.name,
    role: row.role,
    isActive: row.isActive,
    locale: row.locale,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

type Deps = { db: Db };
/** With the live streams per session, a disabled account's streams end at once, not at the next check. */
type UpdateDeps = Deps & { sessionStreams?: Pick<SessionStreams, 'endUser'> | undefined };

export async function listUsers(
  deps: Deps,
  admin: SessionUser,
  input: z.infer<typeof ListUsersInput>,
) {
  const rows = await deps.db.prisma.user.findMany({
    where: {
      AND: [
        organizationScope(admin),
        input.organizationId ? { organizationId: input.organizationId } : {},
      ],
    },
    orderBy: [{ email: 'asc' }, { id: 'asc' }],
    ...pageArgs(input, organizationScope(admin)),
  });
  return toPage(rows, input.limit, toUser);
}

export async function updateUser(
  deps: UpdateDeps,
  admin: SessionUser,
  input: UpdateUserInput,
): Promise<User> {
  const existing = await deps.db.prisma.user.findFirst({
    where: { id: input.id, ...organizationScope(admin) },
  });
  if (!existing) throw new HarborError('not-found', 'user.not-found', 'no such user');
  if (
    existing.id === admin.id &&
    (input.isActive === false || (input.role && input.role !== 'ADMIN'))
  ) {
    throw new HarborError(
      'forbidden',
      'user.own-access',
      'you cannot disable or demote your own account',
    );
  }
  const { id, password, ...fields } = input;
  const row = await deps.db.prisma.user.update({
    where: { id },
    data: { ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
  });
  // A disabled account or a new password ends every open session of that user.
  if (input.isActive === false || password) {
    await deps.db.prisma.session.deleteMany({ where: { userId: id } });
    deps.sessionStreams?.endUser(id, 'account changed');
  }
  return toUser(row);
}
