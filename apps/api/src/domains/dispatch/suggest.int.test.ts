import { testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import { at, buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { LatestPositionCache } from '../positions/latest-cache.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';

// Where the trucks stand (the seed's trucks; terminals added here for the two without one).
const XIAOYANGSHAN = { lat: 30.645, lon: 122.045 }; // the bridge's island end, on Yangshan
const DHB_GATE = { lat: 30.8705, lon: 121.9055 }; // the bridge's mainland gate at Luchaogang
const PUDONG = { lat: 31.12, lon: 121.9 }; // inland on the mainland, north of Luchaogang
const YSP4_GATE = { lat: 30.6243, lon: 122.0163 };

const fix = (terminalPhone: string, where: { lat: number; lon: number }): Fix => ({
  assetKind: 'VEHICLE',
  assetKey: terminalPhone,
  fixAt: at(-1),
  receivedAt: at(-1),
  lat: where.lat,
  lon: where.lon,
  speedKnots: 0,
  courseDeg: 0,
  headingDeg: null,
  altitudeM: null,
  status: 'ACC_ON',
  source: 'JT808',
});

describe.each(testDbTargets())('dispatch.suggest on %s', (target) => {
  let world: DispatchWorld;
  let cache: LatestPositionCache;
  const jobAt = async (reference: string, pickupZoneCode: string) =>
    (
      await world.with('dhclDispatcher').dispatch.create({
        reference,
        pickupZoneCode,
        dropoffZoneCode: 'YSBZ-WH1',
        windowStart: iso(0),
        windowEnd: iso(120),
      })
    ).id;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    const devices = [
      ['沪D23456', '013916001002'],
      ['沪D34567', '013916001003'],
      ['沪E56789', '013816002002'],
    ] as const;
    for (const [plate, terminalPhone] of devices) {
      const vehicle = await world.vehicle(plate);
      await world.db.prisma.device.create({
        data: { terminalPhone, vehicleId: vehicle.id, organizationId: vehicle.organizationId },
      });
    }
    // Every seeded driver is on shift from an hour ago, on their own truck.
    for (const driver of await world.db.prisma.driver.findMany())
      await world.db.prisma.shift.create({
        data: {
          organizationId: driver.organizationId,
          driverId: driver.id,
          vehicleId: driver.currentVehicleId,
          startsAt: at(-60),
          endsAt: at(480),
        },
      });
    cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    await cache.load();
    await cache.apply([
      fix('013916001001', DHB_GATE), // 沪D12345, DHCL
      fix('013916001002', XIAOYANGSHAN), // 沪D23456, DHCL
      fix('013916001003', PUDONG), // 沪D34567, DHCL
      fix('013816002001', YSP4_GATE), // 沪E45678, LGFT: at the very gate, but not DHCL's
    ]);
  });
  afterAll(() => world.db.drop());

  it('sends a Yangshan pickup the truck on the islands first; mainland trucks go over the bridge', async () => {
    const jobId = await jobAt('SG-1', 'YSP4-GATE');
    const ranked = await world
      .with('dhclDispatcher', { latestPositions: cache })
      .dispatch.suggest({ jobId, limit: 5 });
    expect(ranked.map((s) => [s.plate, s.viaBridge])).toEqual([
      ['沪D23456', false],
      ['沪D12345', true],
      ['沪D34567', true],
    ]);
    const [island, luchaogang] = ranked;
    expect(island?.why).toMatch(/^no bridge: Yangshan island roads \d\.\d km/);
    expect(luchaogang?.why).toMatch(
      /^via the Donghai Bridge: mainland roads .* Donghai Bridge 32\.5 km, Yangshan island roads/,
    );
    // By road the mainland truck drives the bridge's 32.5 km plus both approaches.
    expect(luchaogang?.distanceKm).toBeGreaterThan(35);
    expect(luchaogang?.distanceKm).toBeGreaterThan(luchaogang?.straightLineKm ?? 0);
    expect(luchaogang?.etaMinutes).toBeGreaterThan(40);
    expect(ranked.map((s) => s.etaMinutes)).toEqual(
      [...ranked.map((s) => s.etaMinutes)].sort((a, b) => a - b),
    );
  });

  it('ranks a Yangshan truck over a truck closer as the crow flies whose roads wind', async () => {
    const jobId = await jobAt('SG-2', 'DHB-GATE');
    const dispatcher = world.with('dhclDispatcher', { latestPositions: cache });
    // The truck standing at the gate itself is in the workshop: not available.
    await dispatcher.vehicles.update({
      id: (await world.vehicle('沪D12345')).id,
      status: 'MAINTENANCE',
    });
    const ranked = await dispatcher.dispatch.suggest({ jobId, limit: 5 });
    expect(ranked.map((s) => s.plate)).toEqual(['沪D23456', '沪D34567']);
    const [yangshan, pudong] = ranked as [(typeof ranked)[0], (typeof ranked)[0]];
    // Pudong is nearer in a straight line, but 1.3x winding mainland roads lose to the
    // straight bridge.
    expect(pudong.straightLineKm).toBeLessThan(yangshan.straightLineKm);
    expect(yangshan.etaMinutes).toBeLessThan(pudong.etaMinutes);
    expect(yangshan.viaBridge).toBe(true);
    expect(pudong.viaBridge).toBe(false);
    await dispatcher.vehicles.update({
      id: (await world.vehicle('沪D12345')).id,
      status: 'AVAILABLE',
    });
  });

  it('puts first the trucks that can make the job’s slot at the gates', async () => {
    const jobId = await jobAt('SG-6', 'YSP4-GATE');
    const dispatcher = world.with('dhclDispatcher', { latestPositions: cache });
    const truck = async (plate: string) => (await world.vehicle(plate)).id;
    const terminals = await world.db.prisma.terminal.findMany();
    const terminal = (code: string) => terminals.find((t) => t.code === code)?.id as string;
    // The job is Pudong's truck's, booked for the 08:00 hour at Yangshan IV.
    await dispatcher.dispatch.assign({ id: jobId, vehicleId: await truck('沪D34567') });
    await dispatcher.gates.book({
      vehicleId: await truck('沪D34567'),
      terminalId: terminal('YSP4'),
      moveKind: 'EMPTY',
      slotStart: iso(0),
      jobId,
    });
    // The island truck has that hour booked at Yangshan I already.
    await dispatcher.gates.book({
      vehicleId: await truck('沪D23456'),
      terminalId: terminal('YSP1'),
      moveKind: 'EMPTY',
      slotStart: iso(0),
    });
    const ranked = await dispatcher.dispatch.suggest({ jobId, limit: 5 });
    const slotEnd = Date.parse(iso(60));
    // Judged here from each truck's own estimate: there before 09:00, and free that hour.
    const makes = (s: (typeof ranked)[0]) =>
      Date.parse(iso(0)) + s.etaMinutes * 60_000 < slotEnd && s.plate !== '沪D23456';
    expect(ranked.map((s) => [s.plate, s.makesSlot])).toEqual(
      ranked.map((s) => [s.plate, makes(s)]),
    );
    expect(ranked[0]).toMatchObject({ plate: '沪D12345', makesSlot: true });
    // The island truck is nearest, but its hour is taken: it comes after the ones that make it.
    const island = ranked.findIndex((s) => s.plate === '沪D23456');
    expect(island).toBeGreaterThan(0);
    expect(ranked.slice(0, island).every((s) => s.makesSlot)).toBe(true);
    // A job with no slot says nothing of slots.
    const unbooked = await dispatcher.dispatch.suggest({
      jobId: await jobAt('SG-7', 'YSP4-GATE'),
      limit: 5,
    });
    expect(unbooked.every((s) => s.makesSlot === null)).toBe(true);
    expect(unbooked[0]?.plate).toBe('沪D23456');
  });

  it('skips trucks on another job or off shift', async () => {
    const jobId = await jobAt('SG-3', 'YSP4-GATE');
    const busy = await jobAt('SG-4', 'YSP1-GATE');
    const dispatcher = world.with('dhclDispatcher', { latestPositions: cache });
    await dispatcher.dispatch.assign({ id: busy, vehicleId: (await world.vehicle('沪D23456')).id });
    await world.db.prisma.shift.updateMany({
      where: { vehicleId: (await world.vehicle('沪D34567')).id },
      data: { endsAt: at(-1) },
    });
    const ranked = await dispatcher.dispatch.suggest({ jobId, limit: 5 });
    expect(ranked.map((s) => [s.plate, s.viaBridge])).toEqual([['沪D12345', true]]);
  });

  it('is for the company ADMIN or DISPATCHER of the job, and for open jobs only', async () => {
    const jobId = await jobAt('SG-5', 'YSP4-GATE');
    await expectTrpcError(world.with('dhclViewer').dispatch.suggest({ jobId }), 'FORBIDDEN');
    await expectTrpcError(world.with('lgftDispatcher').dispatch.suggest({ jobId }), 'NOT_FOUND');
    await world.with('dhclDispatcher').dispatch.transition({ id: jobId, to: 'CANCELLED' });
    await expectTrpcError(world.with('dhclDispatcher').dispatch.suggest({ jobId }), 'BAD_REQUEST');
  });
});
