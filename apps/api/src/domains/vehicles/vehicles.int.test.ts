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

const ORG_OF: Record<UserKey, 'port' | 'dhcl' | 'lgft'> = {
  portAdmin: 'port',
  portOperator: 'port',
  portViewer: 'port',
  dhclAdmin: 'dhcl',
  dhclDispatcher: 'dhcl',
  dhclViewer: 'dhcl',
  lgftDispatcher: 'lgft',
  lgftViewer: 'lgft',
};

describe.each(testDbTargets())('vehicles on %s', (target) => {
  let world: World;
  let dhclTruck: string;
  let lgftTruck: string;
  beforeAll(async () => {
    world = await buildWorld(target);
    dhclTruck = (
      await world.db.prisma.vehicle.create({
        data: {
          organizationId: world.organizations.dhcl.id,
          plate: '沪D10001',
          model: 'Sinotruk HOWO',
        },
      })
    ).id;
    await world.db.prisma.vehicle.create({
      data: {
        organizationId: world.organizations.dhcl.id,
        plate: '沪D10002',
        status: 'MAINTENANCE',
      },
    });
    lgftTruck = (
      await world.db.prisma.vehicle.create({
        data: { organizationId: world.organizations.lgft.id, plate: '沪E20001' },
      })
    ).id;
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s lists only the vehicles its organization may see', async (user) => {
    const plates = (await world.as(user).vehicles.list({})).items.map((vehicle) => vehicle.plate);
    const expected = {
      port: ['沪D10001', '沪D10002', '沪E20001'],
      dhcl: ['沪D10001', '沪D10002'],
      lgft: ['沪E20001'],
    }[ORG_OF[user]];
    expect(plates.filter((plate) => plate.startsWith('沪'))).toEqual(expected);
  });

  it('a company user cannot widen the scope by naming another organization', async () => {
    const page = await world
      .as('dhclDispatcher')
      .vehicles.list({ organizationId: world.organizations.lgft.id });
    expect(page.items).toEqual([]);
  });

  it('filters by status and plate', async () => {
    const port = world.as('portOperator');
    expect((await port.vehicles.list({ status: 'MAINTENANCE' })).items.map((v) => v.plate)).toEqual(
      ['沪D10002'],
    );
    expect((await port.vehicles.list({ search: 'e2' })).items.map((v) => v.plate)).toEqual([
      '沪E20001',
    ]);
  });

  it('another company vehicle is NOT_FOUND, never shown', async () => {
    expect((await world.as('dhclViewer').vehicles.get({ id: dhclTruck })).plate).toBe('沪D10001');
    await expectTrpcError(world.as('dhclViewer').vehicles.get({ id: lgftTruck }), 'NOT_FOUND');
    await expectTrpcError(world.as('lgftDispatcher').vehicles.get({ id: dhclTruck }), 'NOT_FOUND');
    expect((await world.as('portViewer').vehicles.get({ id: lgftTruck })).plate).toBe('沪E20001');
  });

  it.each(ALL_USERS)(
    'create as %s: admins and dispatchers, into their own organization',
    async (user) => {
      const plate = `沪F3000${ALL_USERS.indexOf(user)}`;
      const call = world.as(user).vehicles.create({ plate, model: 'FAW J6P' });
      const role = world.users[user].role;
      if (role === 'ADMIN' || role === 'DISPATCHER') {
        const created = await call;
        // No shift covers now, so a new truck is off duty although nobody set it so.
        expect(created).toMatchObject({
          plate,
          status: 'OFF_DUTY',
          manualStatus: 'AVAILABLE',
          organizationId: world.users[user].organization.id,
        });
      } else {
        await expectTrpcError(call, 'FORBIDDEN');
      }
    },
  );

  it('a dispatcher cannot create for another company; the port admin can', async () => {
    await expectTrpcError(
      world
        .as('dhclDispatcher')
        .vehicles.create({ plate: '沪G40001', organizationId: world.organizations.lgft.id }),
      'FORBIDDEN',
    );
    const created = await world
      .as('portAdmin')
      .vehicles.create({ plate: '沪G40002', organizationId: world.organizations.lgft.id });
    expect(created.organizationId).toBe(world.organizations.lgft.id);
  });

  it('refuses a duplicate plate (CONFLICT) and names a malformed plate or VIN', async () => {
    await expectTrpcError(
      world.as('dhclDispatcher').vehicles.create({ plate: '沪D10001' }),
      'CONFLICT',
    );
    await expectFieldError(world.as('dhclDispatcher').vehicles.create({ plate: '!' }), 'plate');
    await expectFieldError(
      world.as('dhclDispatcher').vehicles.create({ plate: '沪D10009', vin: 'LOOKS-SHORT' }),
      'vin',
    );
  });

  it('updates: own company yes, another company NOT_FOUND, viewers FORBIDDEN', async () => {
    const updated = await world
      .as('dhclDispatcher')
      .vehicles.update({ id: dhclTruck, status: 'OFF_DUTY' });
    expect(updated.status).toBe('OFF_DUTY');
    await expectTrpcError(
      world.as('dhclDispatcher').vehicles.update({ id: lgftTruck, status: 'OFF_DUTY' }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      world.as('dhclViewer').vehicles.update({ id: dhclTruck, status: 'AVAILABLE' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      world.as('portOperator').vehicles.update({ id: dhclTruck, status: 'AVAILABLE' }),
      'FORBIDDEN',
    );
    const stored = await world.db.prisma.vehicle.findUniqueOrThrow({ where: { id: lgftTruck } });
    expect(stored.status).toBe('AVAILABLE');
  });
});
