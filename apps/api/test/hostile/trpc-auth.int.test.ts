import { hashPassword, hashPasswordSync, passwordHashParams, verifyPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { TRPC_MAX_BATCH_SIZE } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackoffPolicy, LoginThrottle } from '../../src/domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../src/domains/auth/password-check.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import { buildWorld, expectTrpcError, type UserKey, type World } from '../fixtures.ts';
import { serve } from '../serve.ts';
import { testApp, testContext } from '../services.ts';

// A client that guesses passwords over real HTTP. Before, 200 wrong passwords took 39 s and
// one batched request of 200 `auth.login` calls found the password.
const PASSWORD = 'correct horse battery';
const ACCOUNT: BackoffPolicy = {
  freeFailures: 3,
  windowSeconds: 600,
  firstLockoutSeconds: 30,
  maxLockoutSeconds: 120,
  strikeMemorySeconds: 3_600,
};
const ADDRESS: BackoffPolicy = { ...ACCOUNT, freeFailures: 8 };
const email = (user: UserKey) => `${user.toLowerCase()}@test.harbor.local`;

type Answer = {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  reason: string | null | undefined;
  message: string | undefined;
  retryAfterSeconds: number | undefined;
};

describe.each(testDbTargets())('the login edge against a hostile client on %s', (target) => {
  let world: World;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      loginGuard: {
        throttle: new LoginThrottle({ account: ACCOUNT, address: ADDRESS }),
        passwords: new PasswordCheck(),
      },
    });
    server = await serve(app);
  });
  afterAll(async () => {
    await server.close();
    await world.db.drop();
  });

  /** One `auth.login` request from `address` (the app trusts X-Forwarded-For from loopback only). */
  async function login(emailAddress: string, password: string, address: string): Promise<Answer> {
    const response = await fetch(`${server.base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email: emailAddress, password }),
    });
    const body = (await response.json()) as {
      error?: {
        message: string;
        data: { code: string; reason: string | null; retryAfterSeconds?: number };
      };
    };
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      code: body.error?.data.code,
      reason: body.error?.data.reason,
      message: body.error?.message,
      retryAfterSeconds: body.error?.data.retryAfterSeconds,
    };
  }

  const sessionsOf = (user: UserKey) =>
    world.db.prisma.session.count({ where: { userId: world.users[user].id } });

  it('throttles wrong passwords for one email, then refuses even the right one, saying when to retry', async () => {
    const guesses = [];
    for (let i = 0; i < 3; i += 1)
      guesses.push(await login(email('dhclDispatcher'), `guess ${i}`, '198.51.100.1'));
    expect(guesses.map((answer) => answer.code)).toEqual([
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
    ]);

    const throttled = await login(email('dhclDispatcher'), 'guess 3', '198.51.100.1');
    expect(throttled).toEqual({
      status: 429,
      retryAfter: '30',
      code: 'TOO_MANY_REQUESTS',
      reason: 'auth.login-throttled',
      message: 'too many failed logins: try again in 30 s',
      retryAfterSeconds: 30,
    });
    // The right password, from this address or any other, waits too: no session is made.
    expect((await login(email('dhclDispatcher'), PASSWORD, '198.51.100.1')).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect((await login(email('dhclDispatcher'), PASSWORD, '198.51.100.2')).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await sessionsOf('dhclDispatcher')).toBe(0);
  });

  it('throttles an email with no account exactly like one with an account', async () => {
    const attempts = async (emailAddress: string, address: string) => {
      const answers: Answer[] = [];
      for (let i = 0; i < 5; i += 1) answers.push(await login(emailAddress, `guess ${i}`, address));
      return answers;
    };
    const known = await attempts(email('lgftViewer'), '198.51.100.3');
    const unknown = await attempts('nobody@test.harbor.local', '198.51.100.4');
    expect(unknown).toEqual(known);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 429, 429]);
  });

  it('throttles an address that tries many emails, not the accounts from elsewhere', async () => {
    const address = '203.0.113.5';
    for (let i = 0; i < 8; i += 1)
      expect((await login(`guess${i}@test.harbor.local`, 'guess', address)).status).toBe(401);
    const throttled = await login(email('portViewer'), PASSWORD, address);
    expect(throttled).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 30,
    });
    expect((await login(email('portViewer'), PASSWORD, '203.0.113.6')).status).toBe(200);
  });

  it('refuses a batch that carries auth.login before any call runs', async () => {
    const batchOf = (paths: string[], inputs: Record<string, unknown>) =>
      fetch(`${server.base}/trpc/${paths.join(',')}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify(inputs),
      });
    const right = { email: email('dhclAdmin'), password: PASSWORD };
    const wrong = { email: email('dhclAdmin'), password: 'guess' };
    const logins = await batchOf(['auth.login', 'auth.login'], { 0: wrong, 1: right });
    expect(logins.status).toBe(400);
    const answers = (await logins.json()) as {
      error: { data: { code: string; reason: string }; message: string };
    }[];
    expect(answers.map((answer) => answer.error.data.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    expect(answers[0]?.error.data.reason).toBe('request.not-batchable');
    expect(answers[0]?.error.message).toBe(
      'auth.login cannot be batched: send it as a request of its own',
    );
    // Hidden among other calls, the same.
    const mixed = await batchOf(['auth.me', 'auth.login'], { 1: right });
    expect(mixed.status).toBe(400);

    // No login ran: no session, and none of the many wrong guesses counted against the email.
    expect(await sessionsOf('dhclAdmin')).toBe(0);
    for (let i = 0; i < 5; i += 1)
      expect((await batchOf(['auth.login'], { 0: wrong })).status).toBe(400);
    expect((await login(right.email, right.password, '198.51.100.7')).status).toBe(200);
    expect(await sessionsOf('dhclAdmin')).toBe(1);
  });

  it(`refuses a batch of more than ${TRPC_MAX_BATCH_SIZE} calls, and serves one of that many`, async () => {
    const session = await fetch(`${server.base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.8' },
      body: JSON.stringify({ email: email('portOperator'), password: PASSWORD }),
    });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const batch = (size: number) =>
      fetch(`${server.base}/trpc/${Array(size).fill('auth.me').join(',')}?batch=1&input={}`, {
        headers: { cookie },
      });
    const allowed = await batch(TRPC_MAX_BATCH_SIZE);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as unknown[]).length).toBe(TRPC_MAX_BATCH_SIZE);
    const refused = await batch(TRPC_MAX_BATCH_SIZE + 1);
    expect(refused.status).toBe(400);
    const tooLarge = (await refused.json()) as { error: { message: string; data: unknown } };
    expect(tooLarge.error.message).toBe('Batch call exceeds maximum size');
    expect(tooLarge.error.data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'request.batch-too-large',
    });
  });
});

describe.each(testDbTargets())('login does the same work for every email on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    await world.db.prisma.user.update({
      where: { id: world.users.lgftViewer.id },
      data: { isActive: false },
    });
  });
  afterAll(() => world.db.drop());

  it('verifies one argon2 hash with the real parameters, made at start, for known, unknown and disabled emails', async () => {
    const verified: string[] = [];
    let hashed = 0;
    const passwords = new PasswordCheck(
      (passwordHash, plain) => {
        verified.push(passwordHash);
        return verifyPassword(passwordHash, plain);
      },
      (plain) => {
        hashed += 1;
        return hashPasswordSync(plain);
      },
    );
    // The stand-in is made when the check is built, not on the first unknown email.
    expect(hashed).toBe(1);
    const caller = createCaller(
      testContext({
        db: world.db,
        loginGuard: { throttle: new LoginThrottle(), passwords },
      }),
    );
    const stored = await world.db.prisma.user.findUniqueOrThrow({
      where: { id: world.users.dhclViewer.id },
    });

    const attempt = async (emailAddress: string) => {
      verified.length = 0;
      await expectTrpcError(
        caller.auth.login({ email: emailAddress, password: 'guess' }),
        'UNAUTHORIZED',
      );
      return [...verified];
    };
    expect(await attempt(email('dhclViewer'))).toEqual([stored.passwordHash]);
    expect(await attempt('nobody@test.harbor.local')).toEqual([passwords.standInHash]);
    expect(await attempt(email('lgftViewer'))).toEqual([passwords.standInHash]);
    expect(hashed).toBe(1);

    const params = passwordHashParams(passwords.standInHash);
    expect(params).not.toBeNull();
    expect(params).toEqual(passwordHashParams(stored.passwordHash));
  });
});
