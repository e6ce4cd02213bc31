import { testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_USERS, buildWorld, type World } from '../../../test/fixtures.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { LatestPositionCache } from './latest-cache.ts';
import { latestInViewport } from './service.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');
const AREA = { minLat: 30.5, minLon: 121.8, maxLat: 30.8, maxLon: 122.2 };

const fix = (
  assetKind: Fix['assetKind'],
  assetKey: string,
  seconds: number,
  lat: number,
  lon: number,
): Fix => ({
  assetKind,
  assetKey,
  fixAt: new Date(T0 + seconds * 1000),
  receivedAt: new Date(T0 + seconds * 1000),
  lat,
  lon,
  speedKnots: 5,
  courseDeg: null,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
});

const byKey = (positions: { assetKind: string; assetKey: string }[]) =>
  [...positions].sort((a, b) =>
    `${a.assetKind}${a.assetKey}`.localeCompare(`${b.assetKind}${b.assetKey}`),
  );

describe.each(testDbTargets())('the latest-position cache on %s', (target) => {
  let world: World;
  let cache: LatestPositionCache;
  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.dhcl.id, terminalPhone: '013916001001' },
    });
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.lgft.id, terminalPhone: '013816002001' },
    });
    const first = [
      fix('VESSEL', '477266900', 0, 30.62, 122.01),
      fix('VEHICLE', '013916001001', 0, 30.63, 122.05),
    ];
    await writeFixes(world.db, first);
    cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    expect(await cache.load()).toBe(2);

    // What the tracker commits next: a newer fix, a late one, a truck not seen before, and a
    // device registered after the cache loaded.
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.dhcl.id, terminalPhone: '013916001002' },
    });
    const next = [
      fix('VEHICLE', '013916001001', 60, 30.64, 122.06),
      fix('VEHICLE', '013916001001', 30, 30.1, 121.1),
      fix('VEHICLE', '013816002001', 10, 30.7, 122.1),
      fix('VEHICLE', '013916001002', 10, 30.71, 122.11),
      fix('VESSEL', '413000111', 5, 31.36, 121.6),
    ];
    await writeFixes(world.db, next);
    await cache.apply(next);
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('answers %s exactly as the database query does', async (user) => {
    const input = { bbox: AREA, assetKinds: ['VESSEL' as const, 'VEHICLE' as const], limit: 1000 };
    const fromDb = await latestInViewport(world, world.users[user], input);
    const fromCache = cache.inViewport(world.users[user], input);
    expect(byKey(fromCache)).toEqual(byKey(fromDb));
    expect(fromCache.length).toBeGreaterThan(0);
  });

  it('never moves a position back in time', () => {
    const [truck] = cache
      .inViewport(world.users.dhclViewer, { bbox: AREA, assetKinds: ['VEHICLE'], limit: 10 })
      .filter((p) => p.assetKey === '013916001001');
    expect(truck).toMatchObject({ fixAt: '2026-11-25T02:01:00.000Z', lat: 30.64 });
    expect(cache.size).toBe(5);
  });
});
