import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS, buildWorld, expectTrpcError, type World } from '../../../test/fixtures.ts';
import { appRouter } from '../../runtime/app-router.ts';

describe.each(testDbTargets())('users on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('only ADMINs manage users (%s)', async (user) => {
    const call = world.as(user).users.list({});
    if (world.users[user].role === 'ADMIN') expect((await call).items.length).toBeGreaterThan(0);
    else await expectTrpcError(call, 'FORBIDDEN');
  });

  it('the port admin sees every account; a company admin only its own', async () => {
    expect((await world.as('portAdmin').users.list({ limit: 100 })).items).toHaveLength(
      ALL_USERS.length,
    );
    const own = (await world.as('dhclAdmin').users.list({})).items;
    expect(new Set(own.map((u) => u.organizationId))).toEqual(
      new Set([world.organizations.dhcl.id]),
    );
    expect(own).toHaveLength(3);
    expect(JSON.stringify(own)).not.toMatch(/passwordHash|not-a-login-hash/);
  });

  it('there is no direct account creation: accounts come from invitations', () => {
    // Creating accounts directly told an admin which emails have accounts at other companies.
    const procedures = Object.keys(appRouter._def.procedures);
    expect(procedures).not.toContain('users.create');
    expect(procedures).toEqual(expect.arrayContaining(['users.invite', 'auth.acceptInvitation']));
  });

  it('disabling an account ends its sessions; another company user is NOT_FOUND; no self-demotion', async () => {
    const viewer = world.users.dhclViewer;
    await world.db.prisma.session.create({
      data: {
        tokenHash: 'viewer-session',
        userId: viewer.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const updated = await world.as('dhclAdmin').users.update({ id: viewer.id, isActive: false });
    expect(updated.isActive).toBe(false);
    expect(await world.db.prisma.session.count({ where: { userId: viewer.id } })).toBe(0);

    await expectTrpcError(
      world.as('dhclAdmin').users.update({ id: world.users.lgftViewer.id, name: 'X' }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      world.as('dhclAdmin').users.update({ id: world.users.dhclAdmin.id, role: 'VIEWER' }),
      'FORBIDDEN',
    );
    const promoted = await world
      .as('portAdmin')
      .users.update({ id: world.users.lgftViewer.id, role: 'DISPATCHER' });
    expect(promoted.role).toBe('DISPATCHER');
  });

  it('an admin neither disables nor demotes themself, said with a stable code; others may', async () => {
    for (const change of [{ isActive: false }, { role: 'VIEWER' as const }]) {
      const error = await expectTrpcError(
        world.as('portAdmin').users.update({ id: world.users.portAdmin.id, ...change }),
        'FORBIDDEN',
      );
      expect((error.cause as { code?: string }).code).toBe('user.own-access');
    }
    // Keeping one's own role, or renaming oneself, is no demotion.
    const self = await world
      .as('portAdmin')
      .users.update({ id: world.users.portAdmin.id, role: 'ADMIN', name: 'Port admin' });
    expect(self).toMatchObject({ role: 'ADMIN', isActive: true, name: 'Port admin' });
  });
});
