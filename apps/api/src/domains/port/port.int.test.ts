import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';

describe.each(testDbTargets())('port geography on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { fleetSize: 0 });
  }, 60_000);
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s reads the terminals with their berth and block counts', async (user) => {
    const terminals = await world.as(user).port.terminals();
    expect(terminals.map((t) => [t.code, t.berthCount, t.yardBlockCount])).toEqual([
      ['WGQ1', 3, 4],
      ['WGQ4', 4, 4],
      ['WGQ5', 4, 4],
      ['YSP1', 5, 5],
      ['YSP2', 4, 4],
      ['YSP3', 7, 6],
      ['YSP4', 7, 8],
    ]);
  });

  it('lists berths, all or one terminal, with their polygons', async () => {
    const caller = world.as('dhclDispatcher');
    expect(await caller.port.berths({})).toHaveLength(34);
    const [ysp4] = (await caller.port.terminals()).filter((t) => t.code === 'YSP4');
    const berths = await caller.port.berths({ terminalId: ysp4?.id });
    expect(berths.map((b) => b.code)).toEqual(['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07']);
    expect(berths[0]).toMatchObject({
      terminalCode: 'YSP4',
      depthM: 17.5,
      polygon: { type: 'Polygon' },
    });
    expect(berths[0]?.polygon.coordinates[0]).toHaveLength(5);
  });

  it('filters zones by kind, terminal and bounding box', async () => {
    const caller = world.as('lgftViewer');
    const anchorages = await caller.port.zones({ kinds: ['ANCHORAGE'] });
    expect(anchorages.map((z) => z.code)).toEqual(['WS-ANCH', 'YS-ANCH-E']);
    // A box around Yangshan (south of 30.7°N) holds no Waigaoqiao zone and no Wusong anchorage.
    const yangshan = await caller.port.zones({
      bbox: { minLat: 30.5, minLon: 121.9, maxLat: 30.7, maxLon: 122.3 },
    });
    expect(yangshan.some((z) => z.code.startsWith('WGQ') || z.code === 'WS-ANCH')).toBe(false);
    expect(yangshan.some((z) => z.code === 'YS-ANCH-E')).toBe(true);
    const gates = await caller.port.zones({ kinds: ['GATE', 'DEPOT'] });
    expect(new Set(gates.map((z) => z.kind))).toEqual(new Set(['GATE', 'DEPOT']));
    expect(gates).toHaveLength(7 + 1 + 2);
  });

  it('gives every user the land around the port, clipped to the box asked for', async () => {
    const box = { minLat: 30.5, minLon: 121.5, maxLat: 31.5, maxLon: 122.3 };
    const land = await world.as('lgftViewer').port.land({ bbox: box });
    expect(land.length).toBeGreaterThan(0);
    const points = land.flatMap((polygon) => polygon.coordinates.flat());
    expect(
      points.every(
        ([lon = 0, lat = 0]) => lon >= 121.5 && lon <= 122.3 && lat >= 30.5 && lat <= 31.5,
      ),
    ).toBe(true);
    await expectTrpcError(world.as(null).port.land({ bbox: box }), 'UNAUTHORIZED');
    await expectFieldError(
      world
        .as('portViewer')
        .port.land({ bbox: { minLat: 0, minLon: 100, maxLat: 30, maxLon: 122 } }),
      'bbox',
    );
  });

  it('refuses anonymous callers and a bad box', async () => {
    await expectTrpcError(world.as(null).port.terminals(), 'UNAUTHORIZED');
    await expectTrpcError(world.as(null).port.zones({}), 'UNAUTHORIZED');
    await expectFieldError(
      world
        .as('portViewer')
        .port.zones({ bbox: { minLat: 31, minLon: 121, maxLat: 30, maxLon: 122 } }),
      'bbox.minLat',
    );
    await expectFieldError(
      world.as('portViewer').port.zones({ kinds: ['MOON' as never] }),
      'kinds.0',
    );
  });
});
