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
import type { Context } from '../../edges/trpc/context.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { LatestPositionCache } from '../positions/latest-cache.ts';
import { DeviceDirectory, REGISTERED } from './device-directory.ts';

const T0 = new Date('2026-11-25T08:00:00Z');

const reasonOf = (error: { cause?: unknown }) => (error.cause as { code?: string }).code;

describe.each(testDbTargets())('devices.create and devices.update on %s', (target) => {
  let world: World;
  let truck: string;
  let spare: string;
  let lgftTruck: string;
  let lgftDevice: string;
  const as = (user: UserKey, extra: Partial<Context> = {}) =>
    createCaller(testContext({ db: world.db, user: world.users[user], now: () => T0, ...extra }));

  beforeAll(async () => {
    world = await buildWorld(target);
    const vehicle = (organizationId: string, plate: string) =>
      world.db.prisma.vehicle.create({ data: { organizationId, plate } });
    truck = (await vehicle(world.organizations.dhcl.id, '沪D80001')).id;
    spare = (await vehicle(world.organizations.dhcl.id, '沪D80002')).id;
    lgftTruck = (await vehicle(world.organizations.lgft.id, '沪E80001')).id;
    lgftDevice = (
      await world.db.prisma.device.create({
        data: {
          organizationId: world.organizations.lgft.id,
          vehicleId: lgftTruck,
          terminalPhone: '013800080001',
        },
      })
    ).id;
  });
  afterAll(() => world.db.drop());

  it('an admin adds a terminal to a truck, open to its first registration', async () => {
    const device = await as('dhclAdmin').devices.create({
      terminalPhone: '013800080002',
      vehicleId: truck,
    });
    expect(device).toMatchObject({
      organizationId: world.organizations.dhcl.id,
      vehicle: { id: truck, plate: '沪D80001' },
      terminalPhone: '013800080002',
      boundTerminalId: null,
      isRegistrationOpen: true,
      registeredAt: null,
      lastFixAt: null,
      isOnline: false,
    });
    expect((await as('dhclViewer').vehicles.get({ id: truck })).terminalPhone).toBe('013800080002');
    // The gateway now knows the phone: the first registration binds it.
    const registered = await new DeviceDirectory(world.db).register(
      {
        terminalPhone: '013800080002',
        version: 'V2013',
        manufacturerId: '70111',
        terminalModel: 'HB-T1',
        terminalId: 'T800802',
        isOnline: false,
      },
      T0,
    );
    expect(registered.result).toBe(REGISTERED);
    const [listed] = (await as('dhclAdmin').devices.list({ search: '013800080002' })).items;
    expect(listed).toMatchObject({ boundTerminalId: 'T800802', isRegistrationOpen: false });
  });

  it('refuses a taken phone alike whoever holds it, and a phone that is not 12 or 20 digits', async () => {
    for (const terminalPhone of ['013800080001', '013800080002']) {
      const error = await expectTrpcError(
        as('dhclAdmin').devices.create({ terminalPhone }),
        'CONFLICT',
      );
      expect(reasonOf(error)).toBe('device.phone-unavailable');
    }
    await expectFieldError(
      as('dhclAdmin').devices.create({ terminalPhone: '13800080003' }),
      'terminalPhone',
    );
  });

  it("refuses a truck that has a terminal, and another company's truck as a missing one", async () => {
    const taken = await expectTrpcError(
      as('dhclAdmin').devices.create({ terminalPhone: '013800080004', vehicleId: truck }),
      'CONFLICT',
    );
    expect(reasonOf(taken)).toBe('vehicle.has-terminal');
    const other = await expectTrpcError(
      as('dhclAdmin').devices.create({ terminalPhone: '013800080004', vehicleId: lgftTruck }),
      'NOT_FOUND',
    );
    expect(reasonOf(other)).toBe('vehicle.not-in-organization');
    expect(await world.db.prisma.device.count({ where: { terminalPhone: '013800080004' } })).toBe(
      0,
    );
  });

  it('is for admins only; a company acts for itself, the port authority for any', async () => {
    await expectTrpcError(
      as('dhclDispatcher').devices.create({ terminalPhone: '013800080005' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      as('dhclAdmin').devices.create({
        terminalPhone: '013800080005',
        organizationId: world.organizations.lgft.id,
      }),
      'FORBIDDEN',
    );
    const forLgft = await as('portAdmin').devices.create({
      terminalPhone: '013800080005',
      organizationId: world.organizations.lgft.id,
    });
    expect(forLgft.organizationId).toBe(world.organizations.lgft.id);
  });

  it('moves a terminal to another truck and takes it off, keeping its binding', async () => {
    const device = await as('dhclAdmin').devices.create({ terminalPhone: '013800080006' });
    await world.db.prisma.device.update({
      where: { id: device.id },
      data: { boundTerminalId: 'T800806', isRegistrationOpen: false },
    });
    const fitted = await as('dhclAdmin').devices.update({ id: device.id, vehicleId: spare });
    expect(fitted).toMatchObject({ vehicle: { plate: '沪D80002' }, boundTerminalId: 'T800806' });
    const taken = await expectTrpcError(
      as('dhclAdmin').devices.update({ id: device.id, vehicleId: truck }),
      'CONFLICT',
    );
    expect(reasonOf(taken)).toBe('vehicle.has-terminal');
    // Fitting it again to the truck it is on changes nothing.
    expect(
      (await as('dhclAdmin').devices.update({ id: device.id, vehicleId: spare })).vehicle?.plate,
    ).toBe('沪D80002');
    const off = await as('dhclAdmin').devices.update({ id: device.id, vehicleId: null });
    expect(off.vehicle).toBeNull();
    await expectTrpcError(
      as('dhclAdmin').devices.update({ id: lgftDevice, vehicleId: null }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      as('dhclDispatcher').devices.update({ id: device.id, vehicleId: spare }),
      'FORBIDDEN',
    );
  });

  it("gives each terminal its latest position's time", async () => {
    const cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    await cache.apply([
      {
        assetKind: 'VEHICLE',
        assetKey: '013800080002',
        fixAt: T0,
        receivedAt: T0,
        lat: 30.63,
        lon: 122.02,
        speedKnots: 10,
        courseDeg: 90,
        headingDeg: null,
        altitudeM: null,
        status: null,
        source: 'JT808',
      },
    ]);
    const items = (await as('dhclAdmin', { latestPositions: cache }).devices.list({})).items;
    expect(items.map((device) => [device.terminalPhone, device.lastFixAt])).toEqual([
      ['013800080002', T0.toISOString()],
      ['013800080006', null],
    ]);
  });
});

describe.each(testDbTargets())('a vehicle model in Chinese on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it('is stored, shown and cleared with the vehicle', async () => {
    const dispatcher = world.as('dhclDispatcher');
    const created = await dispatcher.vehicles.create({
      plate: '沪D81001',
      model: 'Sinotruk HOWO T7H tractor',
      modelZh: '中国重汽豪沃 T7H 牵引车',
    });
    expect(created).toMatchObject({
      model: 'Sinotruk HOWO T7H tractor',
      modelZh: '中国重汽豪沃 T7H 牵引车',
    });
    expect((await world.as('dhclViewer').vehicles.get({ id: created.id })).modelZh).toBe(
      '中国重汽豪沃 T7H 牵引车',
    );
    const renamed = await dispatcher.vehicles.update({ id: created.id, modelZh: '豪沃 T7H' });
    expect(renamed).toMatchObject({ model: 'Sinotruk HOWO T7H tractor', modelZh: '豪沃 T7H' });
    // An emptied field clears it; an absent one leaves it.
    const cleared = await dispatcher.vehicles.update({ id: created.id, modelZh: '', vin: null });
    expect(cleared).toMatchObject({ model: 'Sinotruk HOWO T7H tractor', modelZh: null, vin: null });
  });
});
