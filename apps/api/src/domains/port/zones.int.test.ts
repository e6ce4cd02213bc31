import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { CreateZoneInput } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { reasonOf } from '../../edges/trpc/errors.ts';

/** A square of `d` degrees with its south-west corner at (lon, lat), closed. */
function square(lon: number, lat: number, d = 0.01): [number, number][] {
  return [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];
}

const drawn = (code: string, ring = square(122.3, 30.4)) =>
  ({
    code,
    name: `Zone ${code}`,
    nameZh: `区域 ${code}`,
    kind: 'RESTRICTED_AREA',
    polygon: { type: 'Polygon', coordinates: [ring] },
    speedLimitKmh: 20,
  }) as const satisfies Partial<CreateZoneInput>;

describe.each(testDbTargets())('zones drawn and changed on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { fleetSize: 0 });
  }, 180_000);
  afterAll(() => world.db.drop());

  it('lets port authority staff draw a zone, with its box, Chinese name and truck limit', async () => {
    const zone = await world.as('portOperator').port.createZone(drawn('T-DRAW-1'));
    expect(zone).toMatchObject({
      code: 'T-DRAW-1',
      nameZh: '区域 T-DRAW-1',
      kind: 'RESTRICTED_AREA',
      terminalId: null,
      speedLimitKmh: 20,
      speedLimitKnots: null,
      bbox: { minLon: 122.3, minLat: 30.4, maxLon: 122.31, maxLat: 30.41 },
    });
    const listed = await world.as('lgftViewer').port.zones({ kinds: ['RESTRICTED_AREA'] });
    expect(listed.find((z) => z.id === zone.id)).toMatchObject({ speedLimitKmh: 20 });
  });

  it('refuses everyone but port authority admins and operators', async () => {
    for (const user of ['portViewer', 'dhclDispatcher', 'lgftViewer'] as const)
      expect(
        reasonOf(await expectTrpcError(world.as(user).port.createZone(drawn('T-NO')), 'FORBIDDEN')),
      ).toBe('auth.role-required');
    // An admin, but of a trucking company.
    const refused = await expectTrpcError(
      world.as('dhclAdmin').port.createZone(drawn('T-NO')),
      'FORBIDDEN',
    );
    expect(reasonOf(refused)).toBe('auth.port-staff-only');
  });

  it('checks the outline at the edge: closed, 4 to 1,000 points, on the globe, not crossing itself', async () => {
    const admin = world.as('portAdmin');
    const ring = (coordinates: number[][]) => ({
      ...drawn('T-BAD'),
      polygon: {
        type: 'Polygon' as const,
        coordinates: [coordinates as [number, number][]] as [[number, number][]],
      },
    });
    const open = square(122.3, 30.4).slice(0, 4);
    expect(
      await expectFieldError(admin.port.createZone(ring(open)), 'polygon.coordinates.0'),
    ).toEqual(['the ring must end where it starts']);
    const bowTie = [
      [122.3, 30.4],
      [122.31, 30.41],
      [122.31, 30.4],
      [122.3, 30.41],
      [122.3, 30.4],
    ];
    expect(
      await expectFieldError(admin.port.createZone(ring(bowTie)), 'polygon.coordinates.0'),
    ).toEqual(['the outline crosses itself']);
    await expectFieldError(
      admin.port.createZone(
        ring([
          [122.3, 30.4],
          [122.31, 30.4],
          [122.3, 30.4],
        ]),
      ),
      'polygon.coordinates.0',
    );
    const tooMany = Array.from({ length: 1_001 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 1_000;
      return [122.3 + 0.01 * Math.cos(angle), 30.4 + 0.01 * Math.sin(angle)];
    });
    await expectFieldError(admin.port.createZone(ring(tooMany)), 'polygon.coordinates.0');
    const offGlobe = square(179.995, 30.4);
    await expectFieldError(admin.port.createZone(ring(offGlobe)), 'polygon.coordinates.0.1.0');
    // A thousand points, closed, is fine.
    const circle = [...tooMany.slice(0, 999), tooMany[0] as number[]];
    await expect(
      admin.port.createZone({ ...ring(circle), code: 'T-CIRCLE' }),
    ).resolves.toMatchObject({ code: 'T-CIRCLE' });
  });

  it('keeps codes unique in the port', async () => {
    const admin = world.as('portAdmin');
    await admin.port.createZone(drawn('T-UNIQUE'));
    const taken = await expectTrpcError(admin.port.createZone(drawn('T-UNIQUE')), 'CONFLICT');
    expect(reasonOf(taken)).toBe('zone.code-taken');
  });

  it('changes the outline, names and limits; null clears', async () => {
    const admin = world.as('portAdmin');
    const zone = await admin.port.createZone(drawn('T-EDIT'));
    const [terminal] = await admin.port.terminals();
    const changed = await admin.port.updateZone({
      id: zone.id,
      name: 'Hazardous goods apron',
      nameZh: null,
      kind: 'GATE',
      terminalId: terminal?.id ?? null,
      polygon: { type: 'Polygon', coordinates: [square(122.5, 30.6, 0.02)] },
      speedLimitKmh: 15,
      speedLimitKnots: 3,
    });
    expect(changed).toMatchObject({
      name: 'Hazardous goods apron',
      nameZh: null,
      kind: 'GATE',
      terminalId: terminal?.id,
      speedLimitKmh: 15,
      speedLimitKnots: 3,
      bbox: { minLon: 122.5, minLat: 30.6, maxLon: 122.52, maxLat: 30.62 },
    });
    const cleared = await admin.port.updateZone({ id: zone.id, speedLimitKmh: null });
    expect(cleared.speedLimitKmh).toBeNull();
    expect(cleared.speedLimitKnots).toBe(3);
  });

  it('keeps a berth and a yard block with their zones', async () => {
    const admin = world.as('portAdmin');
    const [berth] = await admin.port.zones({ kinds: ['BERTH'] });
    const [block] = await admin.port.zones({ kinds: ['YARD_BLOCK'] });
    if (!berth || !block) throw new Error('the seed has berths and yard blocks');
    const isBerth = await expectTrpcError(admin.port.deleteZone({ id: berth.id }), 'CONFLICT');
    expect(reasonOf(isBerth)).toBe('zone.is-berth');
    const isBlock = await expectTrpcError(admin.port.deleteZone({ id: block.id }), 'CONFLICT');
    expect(reasonOf(isBlock)).toBe('zone.is-yard-block');
    const kind = await expectTrpcError(
      admin.port.updateZone({ id: berth.id, kind: 'RESTRICTED_AREA' }),
      'BAD_REQUEST',
    );
    expect(reasonOf(kind)).toBe('zone.kind-fixed');
    // Its outline and limits may still change.
    const limited = await admin.port.updateZone({ id: berth.id, speedLimitKnots: 4 });
    expect(limited).toMatchObject({ kind: 'BERTH', speedLimitKnots: 4 });
  });

  it('deletes a zone nothing refers to, and keeps one with history', async () => {
    const admin = world.as('portAdmin');
    const loose = await admin.port.createZone(drawn('T-DELETE'));
    await expect(admin.port.deleteZone({ id: loose.id })).resolves.toEqual({ ok: true });
    expect((await admin.port.zones({})).some((z) => z.id === loose.id)).toBe(false);
    const gone = await expectTrpcError(admin.port.deleteZone({ id: loose.id }), 'NOT_FOUND');
    expect(reasonOf(gone)).toBe('zone.not-found');

    const visited = await admin.port.createZone(drawn('T-VISITED'));
    await world.db.prisma.geofenceEvent.create({
      data: {
        zoneId: visited.id,
        assetKind: 'VESSEL',
        assetKey: '412000001',
        transition: 'ENTER',
        at: new Date(),
        lat: 30.405,
        lon: 122.305,
      },
    });
    const inUse = await expectTrpcError(admin.port.deleteZone({ id: visited.id }), 'CONFLICT');
    expect(reasonOf(inUse)).toBe('zone.in-use');
    expect(inUse.cause).toMatchObject({ params: { code: 'T-VISITED', jobs: 0, events: 1 } });
  });
});
