import { createHash } from 'node:crypto';
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
import { LoginThrottle } from '../auth/login-throttle.ts';
import { PasswordCheck } from '../auth/password-check.ts';
import { INVITATION_TTL_MS } from './invitations.ts';

const T0 = new Date('2026-11-25T08:00:00Z');
const PASSWORD = 'a long enough passphrase';

describe.each(testDbTargets())('user invitations on %s', (target) => {
  let world: World;
  const loginGuard = { throttle: new LoginThrottle(), passwords: new PasswordCheck() };
  /** A caller at a given time: as a user, or anonymous (the invitee) with null. */
  const as = (user: UserKey | null, now = T0) =>
    createCaller(
      testContext({
        db: world.db,
        user: user ? world.users[user] : null,
        now: () => now,
        loginGuard,
      }),
    );
  const invite = (email: string, by: UserKey = 'dhclAdmin', organizationId?: string) =>
    as(by).users.invite({
      email,
      name: 'Wang Lei',
      role: 'DISPATCHER',
      ...(organizationId ? { organizationId } : {}),
    });

  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it('an invitation accepted with a password makes an account that logs in', async () => {
    const { invitation, token } = await invite('New.Dispatcher@DHCL.example');
    expect(invitation).toMatchObject({
      organizationId: world.organizations.dhcl.id,
      email: 'new.dispatcher@dhcl.example',
      role: 'DISPATCHER',
      status: 'PENDING',
      createdById: world.users.dhclAdmin.id,
      expiresAt: new Date(T0.getTime() + INVITATION_TTL_MS).toISOString(),
    });
    const stored = await world.db.prisma.userInvitation.findUniqueOrThrow({
      where: { id: invitation.id },
    });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const user = await as(null).auth.acceptInvitation({ token, password: PASSWORD });
    expect(user).toMatchObject({
      email: 'new.dispatcher@dhcl.example',
      organizationId: world.organizations.dhcl.id,
      role: 'DISPATCHER',
      isActive: true,
    });
    const row = await world.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const session = await as(null).auth.login({
      email: 'new.dispatcher@dhcl.example',
      password: PASSWORD,
    });
    expect(session.organization.id).toBe(world.organizations.dhcl.id);
    const [listed] = (await as('dhclAdmin').users.invitations({ status: 'ACCEPTED' })).items;
    expect(listed).toMatchObject({ id: invitation.id, status: 'ACCEPTED' });
  });

  it('a used, expired, revoked, replaced or made-up token is refused', async () => {
    const refusedToken = async (token: string, now = T0) =>
      (
        await expectTrpcError(
          as(null, now).auth.acceptInvitation({ token, password: PASSWORD }),
          'NOT_FOUND',
        )
      ).message;

    const used = await invite('used@dhcl.example');
    await as(null).auth.acceptInvitation({ token: used.token, password: PASSWORD });
    const message = await refusedToken(used.token);
    expect(message).toMatch(/expired, been used or been withdrawn/);

    const expiring = await invite('late@dhcl.example');
    expect(await refusedToken(expiring.token, new Date(T0.getTime() + INVITATION_TTL_MS))).toBe(
      message,
    );
    const later = await as(
      'dhclAdmin',
      new Date(T0.getTime() + INVITATION_TTL_MS),
    ).users.invitations({ status: 'EXPIRED', limit: 500 });
    expect(later.items.map((i) => i.id)).toContain(expiring.invitation.id);

    const revoked = await invite('withdrawn@dhcl.example');
    const withdrawn = await as('dhclAdmin').users.revokeInvitation({ id: revoked.invitation.id });
    expect(withdrawn.status).toBe('REVOKED');
    expect(await refusedToken(revoked.token)).toBe(message);

    // A new invitation to the same person withdraws the earlier one: only the newest link works.
    const first = await invite('twice@dhcl.example');
    const second = await invite('twice@dhcl.example');
    expect(await refusedToken(first.token)).toBe(message);
    await as(null).auth.acceptInvitation({ token: second.token, password: PASSWORD });

    expect(await refusedToken('made-up-token')).toBe(message);
    expect(await world.db.prisma.user.count({ where: { email: 'late@dhcl.example' } })).toBe(0);
    expect(await world.db.prisma.user.count({ where: { email: 'withdrawn@dhcl.example' } })).toBe(
      0,
    );
  });

  it('an email taken meanwhile is refused to the invitee without naming who holds it', async () => {
    const fromDhcl = await invite('owner.operator@example.com');
    const fromLgft = await invite(
      'owner.operator@example.com',
      'portAdmin',
      world.organizations.lgft.id,
    );
    await as(null).auth.acceptInvitation({ token: fromLgft.token, password: PASSWORD });
    const error = await expectTrpcError(
      as(null).auth.acceptInvitation({ token: fromDhcl.token, password: PASSWORD }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/an account with this email address already exists/);
    expect(error.message).not.toMatch(/LGFT|Lingang|DHCL|Donghai/i);
    expect(error.message).not.toContain(world.organizations.lgft.id);
    const owner = await world.db.prisma.user.findUniqueOrThrow({
      where: { email: 'owner.operator@example.com' },
    });
    expect(owner.organizationId).toBe(world.organizations.lgft.id);
  });

  it('the invitee chooses a password by the same rules as before', async () => {
    const { token } = await invite('short@dhcl.example');
    const messages = await expectFieldError(
      as(null).auth.acceptInvitation({ token, password: 'short' }),
      'password',
    );
    expect(messages).toEqual(['at least 10 characters']);
  });

  it('ADMINs invite into their own organization; port authority admins into any', async () => {
    await expectTrpcError(
      as('dhclDispatcher').users.invite({ email: 'x@dhcl.example', name: 'X', role: 'VIEWER' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      invite('intruder@lgft.example', 'dhclAdmin', world.organizations.lgft.id),
      'FORBIDDEN',
    );
    const { invitation } = await invite(
      'lgft.new@lgft.example',
      'portAdmin',
      world.organizations.lgft.id,
    );
    expect(invitation.organizationId).toBe(world.organizations.lgft.id);
    // Already a user of the organization invited to: its admins can list them anyway.
    const error = await expectTrpcError(invite('dhclviewer@test.harbor.local'), 'CONFLICT');
    expect(error.message).toBe(
      'dhclviewer@test.harbor.local is already a user of this organization',
    );
  });

  it('invitations are listed and revoked by their organization and the port authority only', async () => {
    const lgft = await invite('listed@lgft.example', 'portAdmin', world.organizations.lgft.id);
    const own = (await as('dhclAdmin').users.invitations({ limit: 500 })).items;
    expect(new Set(own.map((i) => i.organizationId))).toEqual(
      new Set([world.organizations.dhcl.id]),
    );
    expect(JSON.stringify(own)).not.toMatch(/tokenHash/);
    await expectTrpcError(
      as('dhclAdmin').users.revokeInvitation({ id: lgft.invitation.id }),
      'NOT_FOUND',
    );
    await expectTrpcError(as('dhclViewer').users.invitations({}), 'FORBIDDEN');
    const all = (await as('portAdmin').users.invitations({ limit: 500 })).items;
    expect(all.map((i) => i.id)).toContain(lgft.invitation.id);
    expect((await as('portAdmin').users.revokeInvitation({ id: lgft.invitation.id })).status).toBe(
      'REVOKED',
    );

    const accepted = await invite('kept@dhcl.example');
    await as(null).auth.acceptInvitation({ token: accepted.token, password: PASSWORD });
    await expectTrpcError(
      as('dhclAdmin').users.revokeInvitation({ id: accepted.invitation.id }),
      'CONFLICT',
    );
  });
});
