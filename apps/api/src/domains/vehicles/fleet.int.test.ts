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
import type { Context } from '../../edges/trpc/context.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { LatestPositionCache } from '../positions/latest-cache.ts';
import { DeviceDirectory } from './device-directory.ts';

const T0 = new Date('2026-11-25T08:00:00Z');
const iso = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();
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

describe.each(testDbTargets())('drivers, shifts and derived vehicle status on %s', (target) => {
  let world: World;
  let truck: string;
  let spare: string;
  let lgftTruck: string;
  let driver: string;
  const as = (user: UserKey, extra: Partial<Context> = {}) =>
    createCaller(testContext({ db: world.db, user: world.users[user], now: () => T0, ...extra }));

  beforeAll(async () => {
    world = await buildWorld(target);
    const dhcl = world.organizations.dhcl.id;
    truck = (
      await world.db.prisma.vehicle.create({ data: { organizationId: dhcl, plate: '沪D70001' } })
    ).id;
    spare = (
      await world.db.prisma.vehicle.create({ data: { organizationId: dhcl, plate: '沪D70002' } })
    ).id;
    lgftTruck = (
      await world.db.prisma.vehicle.create({
        data: { organizationId: world.organizations.lgft.id, plate: '沪E70001' },
      })
    ).id;
    await world.db.prisma.device.create({
      data: { organizationId: dhcl, vehicleId: truck, terminalPhone: '013900070001' },
    });
  });
  afterAll(() => world.db.drop());

  it('creates drivers in the own company, validating phone and licence', async () => {
    const created = await as('dhclDispatcher').drivers.create({
      name: '赵敏 Zhao Min',
      phone: '13916007001',
      licenseNumber: '310115198001011234',
      currentVehicleId: truck,
    });
    driver = created.id;
    expect(created).toMatchObject({
      organizationId: world.organizations.dhcl.id,
      currentVehicle: { id: truck, plate: '沪D70001' },
    });
    await expectFieldError(
      as('dhclDispatcher').drivers.create({ name: 'X', phone: '12345' }),
      'phone',
    );
    await expectFieldError(as('dhclDispatcher').drivers.create({ name: '' }), 'name');
    await expectTrpcError(
      as('dhclDispatcher').drivers.create({ name: 'Y', currentVehicleId: lgftTruck }),
      'NOT_FOUND',
    );
  });

  it.each(ALL_USERS)(
    'drivers as %s: read in scope, managed by ADMIN and DISPATCHER',
    async (user) => {
      const names = (await as(user).drivers.list({})).items.map((d) => d.name);
      expect(names).toEqual(ORG_OF[user] === 'lgft' ? [] : ['赵敏 Zhao Min']);
      const update = as(user).drivers.update({ id: driver, phone: '13916007002' });
      const role = world.users[user].role;
      if (ORG_OF[user] === 'lgft')
        await expectTrpcError(update, role === 'VIEWER' ? 'FORBIDDEN' : 'NOT_FOUND');
      else if (role === 'ADMIN' || role === 'DISPATCHER')
        expect((await update).phone).toBe('13916007002');
      else await expectTrpcError(update, 'FORBIDDEN');
    },
  );

  it('derives the status: OFF_DUTY without a shift, AVAILABLE on shift, ON_JOB with a job, manual wins', async () => {
    const get = async () => (await as('dhclViewer').vehicles.get({ id: truck })).status;
    expect(await get()).toBe('OFF_DUTY');
    const shift = await as('dhclDispatcher').shifts.create({
      driverId: driver,
      startsAt: iso(-60),
      endsAt: iso(420),
    });
    // The shift names no vehicle: it covers the truck the driver currently drives.
    expect(shift).toMatchObject({ vehicle: null, driver: { name: '赵敏 Zhao Min' } });
    expect(await get()).toBe('AVAILABLE');
    const zone = await world.db.prisma.port.create({
      data: {
        unlocode: 'CNSHA',
        name: 'Shanghai',
        timezone: 'Asia/Shanghai',
        lat: 31.2,
        lon: 121.5,
      },
    });
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [121, 31],
          [121.1, 31],
          [121.1, 31.1],
          [121, 31],
        ],
      ],
    };
    const zoneIds = [];
    for (const code of ['A', 'B'])
      zoneIds.push(
        (
          await world.db.prisma.zone.create({
            data: {
              portId: zone.id,
              code,
              name: code,
              kind: 'DEPOT',
              polygon,
              minLat: 31,
              minLon: 121,
              maxLat: 31.1,
              maxLon: 121.1,
            },
          })
        ).id,
      );
    const job = await world.db.prisma.dispatchJob.create({
      data: {
        organizationId: world.organizations.dhcl.id,
        reference: 'F-1',
        status: 'EN_ROUTE_PICKUP',
        vehicleId: truck,
        pickupZoneId: zoneIds[0] as string,
        dropoffZoneId: zoneIds[1] as string,
        windowStart: T0,
        windowEnd: T0,
      },
    });
    const onJob = await as('dhclViewer').vehicles.get({ id: truck });
    expect(onJob).toMatchObject({
      status: 'ON_JOB',
      manualStatus: 'AVAILABLE',
      currentJob: { id: job.id, status: 'EN_ROUTE_PICKUP' },
      driver: { name: '赵敏 Zhao Min' },
    });
    await as('dhclDispatcher').vehicles.update({ id: truck, status: 'MAINTENANCE' });
    expect(await get()).toBe('MAINTENANCE');
    const byStatus = async (status: 'AVAILABLE' | 'ON_JOB' | 'OFF_DUTY' | 'MAINTENANCE') =>
      (await as('dhclViewer').vehicles.list({ status })).items.map((v) => v.plate);
    expect(await byStatus('MAINTENANCE')).toEqual(['沪D70001']);
    expect(await byStatus('OFF_DUTY')).toEqual(['沪D70002']);
    await as('dhclDispatcher').vehicles.update({ id: truck, status: 'AVAILABLE' });
    expect(await byStatus('ON_JOB')).toEqual(['沪D70001']);
    await world.db.prisma.dispatchJob.update({
      where: { id: job.id },
      data: { status: 'DELIVERED' },
    });
    expect(await byStatus('AVAILABLE')).toEqual(['沪D70001']);
    // After the shift ends the truck is off duty again.
    const later = createCaller(
      testContext({
        db: world.db,
        user: world.users.dhclViewer,
        now: () => new Date(iso(500)),
      }),
    );
    expect((await later.vehicles.get({ id: truck })).status).toBe('OFF_DUTY');
  });

  it('refuses overlapping shifts of one driver or one vehicle, naming the other', async () => {
    const dispatcher = as('dhclDispatcher');
    const overlap = await expectTrpcError(
      dispatcher.shifts.create({
        driverId: driver,
        vehicleId: spare,
        startsAt: iso(400),
        endsAt: iso(600),
      }),
      'CONFLICT',
    );
    expect(overlap.message).toBe(
      `driver 赵敏 Zhao Min already has a shift from ${iso(-60)} to ${iso(420)}`,
    );
    const other = await dispatcher.drivers.create({ name: '孙立 Sun Li' });
    await dispatcher.shifts.create({
      driverId: other.id,
      vehicleId: spare,
      startsAt: iso(0),
      endsAt: iso(480),
    });
    const vehicleClash = await expectTrpcError(
      dispatcher.shifts.create({
        driverId: driver,
        vehicleId: spare,
        startsAt: iso(470),
        endsAt: iso(900),
      }),
      'CONFLICT',
    );
    expect(vehicleClash.message).toContain('vehicle 沪D70002 already has a shift');
    // Back to back is not an overlap.
    const next = await dispatcher.shifts.create({
      driverId: driver,
      startsAt: iso(420),
      endsAt: iso(900),
    });
    await expectTrpcError(
      dispatcher.shifts.update({ id: next.id, startsAt: iso(400) }),
      'CONFLICT',
    );
    await expectFieldError(
      dispatcher.shifts.create({ driverId: driver, startsAt: iso(1000), endsAt: iso(990) }),
      'endsAt',
    );
    await expectFieldError(
      dispatcher.shifts.create({ driverId: driver, startsAt: iso(1000), endsAt: iso(3000) }),
      'endsAt',
    );
    await expectTrpcError(
      as('lgftDispatcher').shifts.create({
        driverId: driver,
        startsAt: iso(2000),
        endsAt: iso(2100),
      }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      dispatcher.shifts.create({
        driverId: other.id,
        vehicleId: lgftTruck,
        startsAt: iso(2000),
        endsAt: iso(2100),
      }),
      'NOT_FOUND',
    );
    const listed = await as('dhclViewer').shifts.list({ driverId: driver });
    expect(listed.items.map((s) => [s.startsAt, s.endsAt])).toEqual([
      [iso(-60), iso(420)],
      [iso(420), iso(900)],
    ]);
    expect((await as('lgftViewer').shifts.list({})).items).toEqual([]);
    await dispatcher.shifts.delete({ id: next.id });
    expect((await as('dhclViewer').shifts.list({ from: iso(500) })).items).toHaveLength(0);
  });

  it('shows the latest position from the live cache, loaded at start and fed by the bus', async () => {
    await world.db.prisma.latestPosition.create({
      data: {
        assetKind: 'VEHICLE',
        assetKey: '013900070001',
        fixAt: T0,
        receivedAt: T0,
        lat: 30.62,
        lon: 122.01,
        source: 'JT808',
      },
    });
    const cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    await cache.load();
    const atStart = await as('dhclViewer', { latestPositions: cache }).vehicles.get({ id: truck });
    expect(atStart).toMatchObject({
      terminalPhone: '013900070001',
      position: { lat: 30.62, lon: 122.01 },
    });
    await cache.apply([
      {
        assetKind: 'VEHICLE',
        assetKey: '013900070001',
        fixAt: new Date(iso(1)),
        receivedAt: new Date(iso(1)),
        lat: 30.63,
        lon: 122.02,
        speedKnots: 10,
        courseDeg: 90,
        headingDeg: null,
        altitudeM: null,
        status: 'ACC_ON',
        source: 'JT808',
      },
    ]);
    const listed = await as('portViewer', { latestPositions: cache }).vehicles.list({
      search: 'D7000',
    });
    expect(listed.items.map((v) => [v.plate, v.position?.lat ?? null])).toEqual([
      ['沪D70001', 30.63],
      ['沪D70002', null],
    ]);
  });

  it('deletes a driver with their shifts', async () => {
    const temp = await as('dhclAdmin').drivers.create({ name: 'Temp Driver' });
    await as('dhclAdmin').shifts.create({
      driverId: temp.id,
      startsAt: iso(5000),
      endsAt: iso(5100),
    });
    await expectTrpcError(as('lgftDispatcher').drivers.delete({ id: temp.id }), 'NOT_FOUND');
    expect(await as('dhclAdmin').drivers.delete({ id: temp.id })).toEqual({ ok: true });
    expect(await world.db.prisma.shift.count({ where: { driverId: temp.id } })).toBe(0);
    await expectTrpcError(as('dhclViewer').drivers.get({ id: temp.id }), 'NOT_FOUND');
  });
});
