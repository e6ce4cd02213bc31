import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';

describe.each(testDbTargets())('organizations on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s lists what it may see: port staff all, a company itself', async (user) => {
    const codes = (await world.as(user).organizations.list()).map((org) => org.code);
    if (user.startsWith('port'))
      expect(codes).toEqual(expect.arrayContaining(['SHPA', 'DHCL', 'LGFT']));
    else expect(codes).toEqual([user.startsWith('dhcl') ? 'DHCL' : 'LGFT']);
  });

  it('get: own organization yes, another company NOT_FOUND, port staff any', async () => {
    const { dhcl, lgft } = world.organizations;
    expect((await world.as('dhclViewer').organizations.get({ id: dhcl.id })).code).toBe('DHCL');
    await expectTrpcError(world.as('dhclViewer').organizations.get({ id: lgft.id }), 'NOT_FOUND');
    expect((await world.as('portViewer').organizations.get({ id: lgft.id })).code).toBe('LGFT');
    await expectTrpcError(world.as(null).organizations.get({ id: lgft.id }), 'UNAUTHORIZED');
  });

  it.each(ALL_USERS)('create as %s: the port authority admin only', async (user) => {
    const code = `NEW${ALL_USERS.indexOf(user)}`;
    const call = world
      .as(user)
      .organizations.create({ code, name: 'Pudong Haulage', kind: 'LOGISTICS_COMPANY' });
    if (user === 'portAdmin') expect(await call).toMatchObject({ code, kind: 'LOGISTICS_COMPANY' });
    else await expectTrpcError(call, 'FORBIDDEN');
  });

  it('refuses a duplicate code and names a malformed one', async () => {
    const admin = world.as('portAdmin');
    await expectTrpcError(
      admin.organizations.create({ code: 'dhcl', name: 'Again', kind: 'LOGISTICS_COMPANY' }),
      'CONFLICT',
    );
    await expectFieldError(
      admin.organizations.create({ code: 'x', name: 'Short code', kind: 'LOGISTICS_COMPANY' }),
      'code',
    );
  });

  it('carries the Chinese name and the count of users', async () => {
    const created = await world.as('portAdmin').organizations.create({
      code: 'YSHL',
      name: 'Yangshan Haulage',
      nameZh: '洋山运输',
      kind: 'LOGISTICS_COMPANY',
    });
    expect(created).toMatchObject({ nameZh: '洋山运输', userCount: 0 });
    const dhcl = await world
      .as('dhclViewer')
      .organizations.get({ id: world.organizations.dhcl.id });
    expect(dhcl).toMatchObject({ nameZh: null, userCount: 3 });
  });

  it.each(ALL_USERS)(
    'update as %s: the port authority admin renames, nobody else',
    async (user) => {
      const { lgft } = world.organizations;
      const call = world.as(user).organizations.update({ id: lgft.id, nameZh: '临港货运' });
      if (user !== 'portAdmin') {
        await expectTrpcError(call, 'FORBIDDEN');
        return;
      }
      expect(await call).toMatchObject({
        code: 'LGFT',
        nameZh: '临港货运',
        kind: 'LOGISTICS_COMPANY',
      });
      const renamed = await world
        .as('portAdmin')
        .organizations.update({ id: lgft.id, name: 'Lingang Freight', nameZh: '' });
      expect(renamed).toMatchObject({ name: 'Lingang Freight', nameZh: null, code: 'LGFT' });
      expect((await world.as('lgftViewer').organizations.get({ id: lgft.id })).name).toBe(
        'Lingang Freight',
      );
    },
  );

  it('update names a missing organization and a short name', async () => {
    const admin = world.as('portAdmin');
    await expectTrpcError(
      admin.organizations.update({ id: '00000000-0000-4000-8000-000000000000', name: 'Nobody' }),
      'NOT_FOUND',
    );
    await expectFieldError(
      admin.organizations.update({ id: world.organizations.dhcl.id, name: 'X' }),
      'name',
    );
  });
});
