import { testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { LatestPositionCache } from '../positions/latest-cache.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { PICKUP_HANDLING_MINUTES } from './eta.ts';
import { etaMinutes } from './routing.ts';

const DHB_GATE = { lat: 30.8705, lon: 121.9055 }; // the bridge's mainland gate at Luchaogang

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

describe.each(testDbTargets())('dispatch.etas on %s', (target) => {
  let world: DispatchWorld;
  let cache: LatestPositionCache;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    await cache.load();
    await cache.apply([fix('013916001001', DHB_GATE)]); // 沪D12345, DHCL
  });
  afterAll(() => world.db.drop());

  it("gives an assigned job's truck position and its road ETA to the pickup, then the drop-off", async () => {
    const dispatcher = world.with('dhclDispatcher', { latestPositions: cache });
    const job = await dispatcher.dispatch.create({
      reference: 'ETA-1',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    // A planned job has no truck yet: nothing to estimate.
    expect(await dispatcher.dispatch.etas({ jobId: job.id })).toEqual([]);
    const truck = await world.vehicle('沪D12345');
    await dispatcher.dispatch.assign({ id: job.id, vehicleId: truck.id });

    const [eta] = await dispatcher.dispatch.etas({ jobId: job.id });
    expect(eta).toMatchObject({
      jobId: job.id,
      vehicleId: truck.id,
      position: { lat: DHB_GATE.lat, lon: DHB_GATE.lon, fixAt: iso(-1) },
      target: 'PICKUP',
      viaBridge: true,
    });
    // From the mainland gate over the bridge to Yangshan: the routing's own minutes.
    const zones = await world.db.prisma.zone.findMany({
      where: { code: { in: ['YSP4-GATE', 'LCG-DEPOT'] } },
    });
    const centre = (code: string) => {
      const zone = zones.find((z) => z.code === code);
      if (!zone) throw new Error(code);
      return { lat: (zone.minLat + zone.maxLat) / 2, lon: (zone.minLon + zone.maxLon) / 2 };
    };
    const toPickup = etaMinutes(DHB_GATE, centre('YSP4-GATE'));
    expect(eta?.etaMinutes).toBeCloseTo(toPickup, 1);
    const now = Date.parse(iso(0));
    expect(Date.parse(eta?.arrivalAt ?? '')).toBeCloseTo(now + toPickup * 60_000, -3);
    const toDropoff =
      toPickup + PICKUP_HANDLING_MINUTES + etaMinutes(centre('YSP4-GATE'), centre('LCG-DEPOT'));
    expect(Date.parse(eta?.dropoffArrivalAt ?? '')).toBeCloseTo(now + toDropoff * 60_000, -3);

    // Loaded, the truck heads for the drop-off.
    for (const to of ['EN_ROUTE_PICKUP', 'AT_PICKUP', 'LOADED'] as const)
      await dispatcher.dispatch.transition({ id: job.id, to });
    const [loaded] = await dispatcher.dispatch.etas({ jobId: job.id });
    expect(loaded?.target).toBe('DROPOFF');
    expect(loaded?.arrivalAt).toBe(loaded?.dropoffArrivalAt);
  });

  it("shows another company's users none of DHCL's trucks", async () => {
    const all = await world.with('lgftViewer', { latestPositions: cache }).dispatch.etas();
    expect(all).toEqual([]);
  });
});
