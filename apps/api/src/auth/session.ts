import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';

export const SESSION_COOKIE = 'harbor_session';

/** 32 random bytes; only the SHA-256 of the token is stored, so a leaked table opens nothing. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
