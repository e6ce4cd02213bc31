import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../../test/fixtures.ts';
import { testContext } from '../../../test/services.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { hashSessionToken } from './session.ts';

const PASSWORD = 'the old passphrase';

describe.each(testDbTargets())('own account on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
  });
  afterAll(() => world.db.drop());

  /** Two open sessions of the user; calls as the first of them. */
  async function withSessions(user: UserKey) {
    const id = world.users[user].id;
    const [current, other] = [`${user}-here`, `${user}-elsewhere`].map(hashSessionToken);
    for (const tokenHash of [current, other])
      await world.db.prisma.session.create({
        data: { tokenHash: tokenHash ?? '', userId: id, expiresAt: new Date(2030, 0) },
      });
    const caller = createCaller(
      testContext({ db: world.db, user: world.users[user], sessionTokenHash: current }),
    );
    return { caller, current, other, id };
  }

  it.each(ALL_USERS)('%s changes their own name and language', async (user) => {
    const caller = world.as(user);
    const renamed = await caller.auth.updateProfile({ name: `${user} renamed`, locale: 'zh-CN' });
    expect(renamed).toMatchObject({ id: world.users[user].id, name: `${user} renamed` });
    expect(renamed.locale).toBe('zh-CN');
    await expectFieldError(caller.auth.updateProfile({ name: '  ' }), 'name');
  });

  it('a new password needs the current one; it ends the other sessions, not this one', async () => {
    const { caller, current, other, id } = await withSessions('dhclDispatcher');
    const wrong = await expectTrpcError(
      caller.auth.changePassword({
        currentPassword: 'not it at all',
        newPassword: 'a brand new passphrase',
      }),
      'BAD_REQUEST',
    );
    expect((wrong.cause as { code?: string }).code).toBe('auth.wrong-password');
    expect(await world.db.prisma.session.count({ where: { userId: id } })).toBe(2);

    await expectFieldError(
      caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'short' }),
      'newPassword',
    );

    expect(
      await caller.auth.changePassword({
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      }),
    ).toEqual({ ok: true });
    const left = await world.db.prisma.session.findMany({ where: { userId: id } });
    expect(left.map((session) => session.tokenHash)).toEqual([current]);
    expect(left.map((session) => session.tokenHash)).not.toContain(other);
    const anonymous = world.as(null);
    await expectTrpcError(
      anonymous.auth.login({ email: world.users.dhclDispatcher.email, password: PASSWORD }),
      'UNAUTHORIZED',
    );
    await anonymous.auth.login({
      email: world.users.dhclDispatcher.email,
      password: 'a brand new passphrase',
    });
  });

  it('nobody logged out changes a profile or a password', async () => {
    await expectTrpcError(world.as(null).auth.updateProfile({ name: 'X' }), 'UNAUTHORIZED');
    await expectTrpcError(
      world
        .as(null)
        .auth.changePassword({ currentPassword: PASSWORD, newPassword: 'long enough!' }),
      'UNAUTHORIZED',
    );
  });
});
