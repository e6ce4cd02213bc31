import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import { hashSecret, newSecret } from './secrets.ts';

export const SESSION_COOKIE = 'harbor_session';

/** 32 random bytes; only the SHA-256 of the token is stored (secrets.ts). */
export function newSessionToken(): string {
  return newSecret();
}

export function hashSessionToken(token: string): string {
  return hashSecret(token);
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: SessionUser['role'];
  locale: string;
  organization: SessionUser['organization'];
};

export function toSessionUser(user: UserRow): SessionUser {
  const { id, code, name, kind } = user.organization;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    organization: { id, code, name, kind },
  };
}

/** The user behind a session token, or null when it is unknown, expired or the user is disabled. */
export async function userForSessionToken(
  db: Db,
  token: string,
  now: Date,
): Promise<{ user: SessionUser; tokenHash: string } | null> {
  const tokenHash = hashSessionToken(token);
  const session = await db.prisma.session.findUnique({
    where: { tokenHash },
    include: { user: { include: { organization: true } } },
  });
  if (!session || session.expiresAt <= now || !session.user.isActive) return null;
  return { user: toSessionUser(session.user), tokenHash };
}
