import { testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { testServices } from '../../../test/services.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import { DEFAULT_HISTORY_POLICY } from '../history/policy.ts';
import { runUpkeep } from '../history/upkeep.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');
const YANGSHAN = { minLat: 30.55, minLon: 121.95, maxLat: 30.7, maxLon: 122.2 };

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
  receivedAt: new Date(T0 + seconds * 1000 + 300),
  lat,
  lon,
  speedKnots: 10,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
});

describe.each(testDbTargets())('positions on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.dhcl.id, terminalPhone: '013916001001' },
    });
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.lgft.id, terminalPhone: '013816002001' },
    });
    await writeFixes(world.db, [
      fix('VESSEL', '477266900', 0, 30.62, 122.01),
      fix('VEHICLE', '013916001001', 0, 30.63, 122.05),
      fix('VEHICLE', '013816002001', 0, 30.64, 122.06),
      fix('VEHICLE', '013916001001', 30, 30.631, 122.052),
      fix('VEHICLE', '013916001001', 60, 30.632, 122.054),
      fix('VESSEL', '413000111', 0, 31.36, 121.6),
    ]);
    // What Harbor does at start: the cache the map reads holds what the table does.
    await testServices(world.db).latestPositions.load();
  });
  afterAll(() => world.db.drop());

  const keysInYangshan = async (user: Parameters<World['as']>[0]) =>
    (await world.as(user).positions.inViewport({ bbox: YANGSHAN })).map((p) => p.assetKey).sort();

  it.each(ALL_USERS)(
    '%s sees every vessel in the viewport and only the trucks it may',
    async (user) => {
      const expected = user.startsWith('port')
        ? ['013816002001', '013916001001', '477266900']
        : user.startsWith('dhcl')
          ? ['013916001001', '477266900']
          : ['013816002001', '477266900'];
      expect(await keysInYangshan(user)).toEqual(expected);
    },
  );

  it('gives the latest position only, and filters by asset kind', async () => {
    const trucks = await world
      .as('dhclDispatcher')
      .positions.inViewport({ bbox: YANGSHAN, assetKinds: ['VEHICLE'] });
    expect(trucks).toEqual([
      expect.objectContaining({
        assetKey: '013916001001',
        fixAt: '2026-11-25T02:01:00.000Z',
        lat: 30.632,
      }),
    ]);
  });

  it('refuses anonymous callers and names a backwards bounding box', async () => {
    await expectTrpcError(world.as(null).positions.inViewport({ bbox: YANGSHAN }), 'UNAUTHORIZED');
    await expectFieldError(
      world.as('portViewer').positions.inViewport({ bbox: { ...YANGSHAN, minLat: 31 } }),
      'bbox.minLat',
    );
  });

  it('returns a track oldest first, simplified to maxPoints, and hides another company truck', async () => {
    const input = {
      assetKind: 'VEHICLE' as const,
      assetKey: '013916001001',
      from: '2026-11-25T01:00:00Z',
      to: '2026-11-25T03:00:00Z',
    };
    const full = await world.as('dhclViewer').positions.track(input);
    expect(full.map((p) => p.fixAt)).toEqual([
      '2026-11-25T02:00:00.000Z',
      '2026-11-25T02:00:30.000Z',
      '2026-11-25T02:01:00.000Z',
    ]);
    const thinned = await world.as('portOperator').positions.track({ ...input, maxPoints: 2 });
    expect(thinned.map((p) => p.fixAt)).toEqual([
      '2026-11-25T02:00:00.000Z',
      '2026-11-25T02:01:00.000Z',
    ]);
    // An L-shaped voyage (north, then east from the third fix): simplified to three points it
    // keeps the corner, which thinning evenly (fixes 0, 3 and 6) would cut.
    const legs: [number, number][] = [
      [31.4, 121.7],
      [31.41, 121.7],
      [31.42, 121.7],
      [31.42, 121.71],
      [31.42, 121.72],
      [31.42, 121.73],
      [31.42, 121.74],
    ];
    await writeFixes(
      world.db,
      legs.map(([lat, lon], i) => ({
        ...fix('VESSEL', '413000222', i * 60, lat, lon),
        speedKnots: i,
      })),
    );
    const voyage = { ...input, assetKind: 'VESSEL' as const, assetKey: '413000222' };
    expect(await world.as('lgftViewer').positions.track(voyage)).toHaveLength(7);
    const simplified = await world.as('lgftViewer').positions.track({ ...voyage, maxPoints: 3 });
    expect(simplified).toEqual([
      expect.objectContaining({
        fixAt: '2026-11-25T02:00:00.000Z',
        lat: 31.4,
        lon: 121.7,
        speedKnots: 0,
      }),
      expect.objectContaining({
        fixAt: '2026-11-25T02:02:00.000Z',
        lat: 31.42,
        lon: 121.7,
        speedKnots: 2,
      }),
      expect.objectContaining({
        fixAt: '2026-11-25T02:06:00.000Z',
        lat: 31.42,
        lon: 121.74,
        speedKnots: 6,
      }),
    ]);
    await expectTrpcError(world.as('lgftDispatcher').positions.track(input), 'NOT_FOUND');
    await expectFieldError(
      world.as('portViewer').positions.track({ ...input, from: '2026-11-25T04:00:00Z' }),
      'from',
    );
  });

  // Last: it compacts the world's history, then reads it back through the api.
  it('returns the same tracks from compact history as from the rows it was compacted from', async () => {
    const track = (assetKind: Fix['assetKind'], assetKey: string, maxPoints?: number) =>
      world.as('portOperator').positions.track({
        assetKind,
        assetKey,
        from: '2026-11-25T00:00:00Z',
        to: '2026-11-26T00:00:00Z',
        ...(maxPoints ? { maxPoints } : {}),
      });
    const before = [
      await track('VEHICLE', '013916001001'),
      await track('VESSEL', '413000222'),
      await track('VESSEL', '413000222', 3),
    ];
    expect(before[0]).toHaveLength(3);
    await runUpkeep(
      world.db,
      { ...DEFAULT_HISTORY_POLICY, keepDays: 3_650 },
      Date.now() + (DEFAULT_HISTORY_POLICY.hotDays + 2) * 86_400_000,
    );
    expect(await world.db.prisma.positionFix.count()).toBe(0);
    expect(await world.db.prisma.trackSegment.count()).toBeGreaterThan(0);
    expect([
      await track('VEHICLE', '013916001001'),
      await track('VESSEL', '413000222'),
      await track('VESSEL', '413000222', 3),
    ]).toEqual(before);
  });
});
