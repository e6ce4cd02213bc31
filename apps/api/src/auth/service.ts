import { type Db, hashPassword, verifyPassword } from '@harbor/db';
import type { LoginInput, SessionUser } from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { hashSessionToken, newSessionToken, toSessionUser } from './session.ts';

export type AuthDeps = { db: Db; now: () => Date; sessionTtlMs: number };

// Verifying against a real hash when the email is unknown keeps the answer time the same,
// so login does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

const refused = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'invalid email or password' });

export async function login(
  deps: AuthDeps,
  input: LoginInput,
  client: { userAgent?: string | undefined; ipAddress?: string | undefined } = {},
): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const user = await deps.db.prisma.user.findUnique({
    where: { email: input.email },
    include: { organization: true },
  });
  if (!user?.isActive) {
    dummyHash ??= hashPassword('harbor-timing-equaliser');
    await verifyPassword(await dummyHash, input.password);
    throw refused();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw refused();

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

export async function logout(deps: Pick<AuthDeps, 'db'>, tokenHash: string | null): Promise<void> {
  if (tokenHash) await deps.db.prisma.session.deleteMany({ where: { tokenHash } });
}
