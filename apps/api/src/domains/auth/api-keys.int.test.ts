import { createHash } from 'node:crypto';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { organizationForKey } from './api-keys.ts';

describe.each(testDbTargets())('API keys on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('only ADMINs manage keys (%s)', async (user) => {
    const call = world.as(user).apiKeys.create({ name: `key of ${user}` });
    if (world.users[user].role === 'ADMIN') {
      const { apiKey, key } = await call;
      expect(apiKey).toMatchObject({
        organizationId: world.users[user].organization.id,
        prefix: key.slice(0, 8),
        revokedAt: null,
      });
    } else {
      await expectTrpcError(call, 'FORBIDDEN');
    }
  });

  it('shows a key once and stores only its hash; the key finds its organization', async () => {
    const { apiKey, key } = await world.as('dhclAdmin').apiKeys.create({ name: 'TMS' });
    expect(key).toMatch(/^hbk_[A-Za-z0-9_-]{32}$/);
    const row = await world.db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await world.as('dhclAdmin').apiKeys.list())).not.toContain(key);
    expect(await organizationForKey(world.db, key, new Date())).toEqual({
      id: world.organizations.dhcl.id,
      kind: 'LOGISTICS_COMPANY',
    });
  });

  it('scopes keys to the organization: list, revoke, and creating for another company', async () => {
    const { apiKey } = await world
      .as('portAdmin')
      .apiKeys.create({ name: 'for LGFT', organizationId: world.organizations.lgft.id });
    expect(apiKey.organizationId).toBe(world.organizations.lgft.id);
    expect(
      (await world.as('dhclAdmin').apiKeys.list()).every(
        (k) => k.organizationId === world.organizations.dhcl.id,
      ),
    ).toBe(true);
    await expectTrpcError(world.as('dhclAdmin').apiKeys.revoke({ id: apiKey.id }), 'NOT_FOUND');
    await expectTrpcError(
      world
        .as('dhclAdmin')
        .apiKeys.create({ name: 'sneaky', organizationId: world.organizations.lgft.id }),
      'FORBIDDEN',
    );
    const revoked = await world.as('portAdmin').apiKeys.revoke({ id: apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expectFieldError(world.as('portAdmin').apiKeys.create({ name: '' }), 'name');
  });
});
