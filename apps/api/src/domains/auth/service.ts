import type { Db } from '@harbor/db';
import type { LoginInput, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { type LoginThrottle, LoginThrottledError } from './login-throttle.ts';
import type { PasswordCheck } from './password-check.ts';
import { hashSessionToken, newSessionToken, toSessionUser } from './session.ts';
import type { SessionStreams } from './session-streams.ts';

export type AuthDeps = {
  db: Db;
  now: () => Date;
  sessionTtlMs: number;
  loginGuard: { throttle: LoginThrottle; passwords: PasswordCheck };
};

const refused = () =>
  new HarborError('unauthenticated', 'auth.invalid-credentials', 'invalid email or password');

/**
 * Logs in: throttled per email as submitted and per client address (a throttled attempt
 * is refused as too many, saying when to try again, before the password is looked at); the same work, one
 * user lookup and one argon2 verification, whether the email has an account or not.
 */
export async function login(
  deps: AuthDeps,
  input: LoginInput,
  client: { userAgent?: string | undefined; ipAddress?: string | undefined } = {},
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const { throttle, passwords } = deps.loginGuard;
  let user: Awaited<ReturnType<typeof findLoginUser>>;
  try {
    user = await throttle.guard(
      { email: input.email, address: client.ipAddress ?? 'unknown' },
      async () => {
        const found = await findLoginUser(deps.db, input.email);
        const usable = found?.isActive ? found : null;
        return (await passwords.matches(usable?.passwordHash ?? null, input.password))
          ? usable
          : null;
      },
    );
  } catch (error) {
    if (!(error instanceof LoginThrottledError)) throw error;
    throw new HarborError('too-many', 'auth.login-throttled', error.message, {
      params: { retryAfterSeconds: error.retryAfterSeconds },
      cause: error,
    });
  }
  if (!user) throw refused();

  const now = deps.now();
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlMs);
  await deps.db.prisma.session.create({
    data: {
      tokenHash: hashSessionToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ipAddress: client.ipAddress ?? null,
    },
  });
  await deps.db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { user: toSessionUser(user), token, expiresAt };
}

function findLoginUser(db: Db, email: string) {
  return db.prisma.user.findUnique({ where: { email }, include: { organization: true } });
}

/** Ends exactly this session: its row, and its live streams in this process at once. */
export async function logout(
  deps: { db: Db; sessionStreams?: Pick<SessionStreams, 'endSession'> | undefined },
  tokenHash: string | null,
): Promise<void> {
  if (!tokenHash) return;
  await deps.db.prisma.session.deleteMany({ where: { tokenHash } });
  deps.sessionStreams?.endSession(tokenHash, 'logged out');
}
