import { createHash } from 'node:crypto';
import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../../test/fixtures.ts';
import { testContext } from '../../../test/services.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { PASSWORD_RESET_TTL_MS } from './password-resets.ts';

const T0 = new Date('2026-11-25T08:00:00Z');
const OLD_PASSWORD = 'the old passphrase';
const NEW_PASSWORD = 'a brand new passphrase';

describe.each(testDbTargets())('password resets on %s', (target) => {
  let world: World;
  /** A caller at a given time: as a user, or anonymous (the holder of the link) with null. */
  const as = (user: UserKey | null, now = T0) =>
    createCaller(
      testContext({ db: world.db, user: user ? world.users[user] : null, now: () => now }),
    );
  const reasonOf = (error: { cause?: unknown }) => (error.cause as { code?: string }).code;

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(OLD_PASSWORD));
  });
  afterAll(() => world.db.drop());

  /** A new DHCL viewer with the old password and an open session. */
  async function newUser(email: string) {
    const user = await world.db.prisma.user.create({
      data: {
        organizationId: world.organizations.dhcl.id,
        email,
        name: 'Zhao Min',
        role: 'VIEWER',
        passwordHash: await hashPassword(OLD_PASSWORD),
      },
    });
    await world.db.prisma.session.create({
      data: { tokenHash: `session-of-${email}`, userId: user.id, expiresAt: new Date(2030, 0) },
    });
    return user;
  }

  it('a reset link sets a new password once, ends the sessions, and the old password stops working', async () => {
    const user = await newUser('forgot@dhcl.example');
    const reset = await as('dhclAdmin').users.resetPassword({ id: user.id });
    expect(reset).toMatchObject({
      userId: user.id,
      expiresAt: new Date(T0.getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
    });
    const stored = await world.db.prisma.passwordReset.findFirstOrThrow({
      where: { userId: user.id },
    });
    expect(stored.tokenHash).toBe(createHash('sha256').update(reset.token).digest('hex'));
    expect(stored.issuedById).toBe(world.users.dhclAdmin.id);

    expect(
      await as(null).auth.acceptPasswordReset({ token: reset.token, password: NEW_PASSWORD }),
    ).toEqual({ ok: true });
    expect(await world.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const used = await world.db.prisma.passwordReset.findUniqueOrThrow({
      where: { id: stored.id },
    });
    expect(used.usedAt).toEqual(T0);

    await expectTrpcError(
      as(null).auth.login({ email: 'forgot@dhcl.example', password: OLD_PASSWORD }),
      'UNAUTHORIZED',
    );
    const session = await as(null).auth.login({
      email: 'forgot@dhcl.example',
      password: NEW_PASSWORD,
    });
    expect(session.id).toBe(user.id);

    // Used once.
    const again = await expectTrpcError(
      as(null).auth.acceptPasswordReset({ token: reset.token, password: 'yet another passphrase' }),
      'NOT_FOUND',
    );
    expect(reasonOf(again)).toBe('password-reset.not-valid');
  });

  it('an expired, replaced or made-up link is refused alike, and so is one for a disabled account', async () => {
    const user = await newUser('late@dhcl.example');
    const refused = async (token: string, now = T0) => {
      const error = await expectTrpcError(
        as(null, now).auth.acceptPasswordReset({ token, password: NEW_PASSWORD }),
        'NOT_FOUND',
      );
      expect(reasonOf(error)).toBe('password-reset.not-valid');
    };
    const expiring = await as('dhclAdmin').users.resetPassword({ id: user.id });
    await refused(expiring.token, new Date(T0.getTime() + PASSWORD_RESET_TTL_MS));

    // A new link replaces the earlier one.
    const first = await as('dhclAdmin').users.resetPassword({ id: user.id });
    const second = await as('dhclAdmin').users.resetPassword({ id: user.id });
    await refused(first.token);
    await refused('made-up-token');

    await as('dhclAdmin').users.update({ id: user.id, isActive: false });
    await refused(second.token);
    const row = await world.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.isActive).toBe(false);
  });

  it('the new password follows the same rules as an invitation', async () => {
    const user = await newUser('short@dhcl.example');
    const { token } = await as('dhclAdmin').users.resetPassword({ id: user.id });
    expect(
      await expectFieldError(
        as(null).auth.acceptPasswordReset({ token, password: 'short' }),
        'password',
      ),
    ).toEqual(['at least 10 characters']);
  });

  it('ADMINs reset their own organization users; port authority admins any; others none', async () => {
    await expectTrpcError(
      as('dhclAdmin').users.resetPassword({ id: world.users.lgftViewer.id }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      as('dhclDispatcher').users.resetPassword({ id: world.users.dhclViewer.id }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      as('portOperator').users.resetPassword({ id: world.users.lgftViewer.id }),
      'FORBIDDEN',
    );
    const reset = await as('portAdmin').users.resetPassword({ id: world.users.lgftViewer.id });
    expect(reset.userId).toBe(world.users.lgftViewer.id);
  });
});
