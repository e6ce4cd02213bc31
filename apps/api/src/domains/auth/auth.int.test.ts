import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { testContext } from '../../../test/services.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { LoginThrottle } from './login-throttle.ts';
import { PasswordCheck } from './password-check.ts';
import { hashSessionToken, userForSessionToken } from './session.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const TTL_MS = 12 * 3_600_000;

describe.each(testDbTargets())('auth on %s', (target) => {
  let world: World;
  const loginGuard = { throttle: new LoginThrottle(), passwords: new PasswordCheck() };
  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword('correct horse battery'));
  });
  afterAll(() => world.db.drop());

  function anonymous() {
    const cookie: { token?: string; expiresAt?: Date; cleared: boolean } = { cleared: false };
    const caller = createCaller(
      testContext({
        db: world.db,
        now: () => NOW,
        sessionTtlMs: TTL_MS,
        loginGuard,
        sessionCookie: {
          set: (token, expiresAt) => Object.assign(cookie, { token, expiresAt }),
          clear: () => Object.assign(cookie, { cleared: true }),
        },
      }),
    );
    return { caller, cookie };
  }

  it('logs in: sets the cookie, stores only the token hash, and the token finds the user', async () => {
    const { caller, cookie } = anonymous();
    const user = await caller.auth.login({
      email: 'DHCLDispatcher@test.harbor.local',
      password: 'correct horse battery',
    });
    expect(user).toMatchObject({
      role: 'DISPATCHER',
      organization: { code: 'DHCL', kind: 'LOGISTICS_COMPANY' },
    });
    expect(cookie.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.expiresAt).toEqual(new Date(NOW.getTime() + TTL_MS));

    const token = cookie.token ?? '';
    const stored = await world.db.prisma.session.findUniqueOrThrow({
      where: { tokenHash: hashSessionToken(token) },
    });
    expect(stored.userId).toBe(user.id);
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await userForSessionToken(world.db, token, NOW))?.user.id).toBe(user.id);
    expect(await userForSessionToken(world.db, token, new Date(NOW.getTime() + TTL_MS))).toBeNull();
    expect(await userForSessionToken(world.db, 'forged-token', NOW)).toBeNull();
  });

  it('gives the same answer for a wrong password, an unknown email and a disabled account', async () => {
    const { caller } = anonymous();
    const wrong = await expectTrpcError(
      caller.auth.login({ email: 'dhcldispatcher@test.harbor.local', password: 'wrong' }),
      'UNAUTHORIZED',
    );
    const unknown = await expectTrpcError(
      caller.auth.login({ email: 'nobody@test.harbor.local', password: 'correct horse battery' }),
      'UNAUTHORIZED',
    );
    await world.db.prisma.user.update({
      where: { id: world.users.lgftViewer.id },
      data: { isActive: false },
    });
    const disabled = await expectTrpcError(
      caller.auth.login({
        email: 'lgftviewer@test.harbor.local',
        password: 'correct horse battery',
      }),
      'UNAUTHORIZED',
    );
    expect(new Set([wrong.message, unknown.message, disabled.message])).toEqual(
      new Set(['invalid email or password']),
    );
  });

  it('names a malformed email', async () => {
    await expectFieldError(
      anonymous().caller.auth.login({ email: 'not-an-email', password: 'x' }),
      'email',
    );
  });

  it.each(ALL_USERS)('me answers who %s is', async (user) => {
    expect(await world.as(user).auth.me()).toEqual(world.users[user]);
  });

  it('me refuses anonymous callers', async () => {
    await expectTrpcError(world.as(null).auth.me(), 'UNAUTHORIZED');
  });

  it('logout ends exactly this session and clears the cookie', async () => {
    const { caller, cookie } = anonymous();
    await caller.auth.login({
      email: 'portoperator@test.harbor.local',
      password: 'correct horse battery',
    });
    const other = anonymous();
    await other.caller.auth.login({
      email: 'portoperator@test.harbor.local',
      password: 'correct horse battery',
    });
    const session = await userForSessionToken(world.db, cookie.token ?? '', NOW);
    const loggedIn = createCaller(
      testContext({
        db: world.db,
        user: session?.user ?? null,
        sessionTokenHash: session?.tokenHash ?? null,
        sessionCookie: { set() {}, clear: () => Object.assign(cookie, { cleared: true }) },
      }),
    );
    expect(await loggedIn.auth.logout()).toEqual({ ok: true });
    expect(cookie.cleared).toBe(true);
    expect(await userForSessionToken(world.db, cookie.token ?? '', NOW)).toBeNull();
    expect(await userForSessionToken(world.db, other.cookie.token ?? '', NOW)).not.toBeNull();
  });
});
