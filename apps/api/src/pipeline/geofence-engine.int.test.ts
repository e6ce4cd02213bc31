import { seed } from '@harbor/db';
import { createTestDb, type TestDb } from '@harbor/db/testing';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFenceZones } from './fence-zones.ts';
import { type FenceZone, GeofenceEngine } from './geofence-engine.ts';

// Geofencing on the seeded Port of Shanghai zones (pure logic over real polygons; PGlite only supplies them).
const T0 = Date.parse('2026-11-25T02:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function centre(zone: FenceZone | undefined): { lon: number; lat: number } {
  const ring = zone?.polygon.coordinates[0]?.slice(0, -1) ?? [];
  return {
    lon: ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length,
    lat: ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length,
  };
}

describe('the geofence engine on the Port of Shanghai', () => {
  let db: TestDb;
  let zones: FenceZone[];
  const zone = (code: string) => zones.find((z) => z.code === code);

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await seed(db);
    const loaded = await loadFenceZones(db);
    zones = loaded.zones;
    expect(loaded.skipped).toEqual([]);
  });
  afterAll(() => db.drop());

  it('a truck entering and leaving the Donghai Bridge gate gives one ENTER and one EXIT', () => {
    const engine = new GeofenceEngine(zones);
    const gate = centre(zone('DHB-GATE'));
    const truck = { assetKind: 'VEHICLE' as const, assetKey: '013916001001' };
    expect(engine.update({ ...truck, fixAt: at(0), lon: 121.92, lat: 30.855 })).toEqual([]);
    const entered = engine.update({ ...truck, fixAt: at(30), ...gate });
    expect(entered.map((e) => [e.transition, e.zoneCode, e.zoneKind])).toEqual([
      ['ENTER', 'DHB-GATE', 'GATE'],
    ]);
    expect(engine.update({ ...truck, fixAt: at(40), ...gate })).toEqual([]);
    expect(engine.zonesOf('VEHICLE', '013916001001')).toEqual(['DHB-GATE']);
    const left = engine.update({ ...truck, fixAt: at(60), lon: 121.93, lat: 30.86 });
    expect(left.map((e) => [e.transition, e.zoneCode])).toEqual([['EXIT', 'DHB-GATE']]);
    expect(left[0]?.at).toEqual(at(60));
  });

  it('a vessel berthing at Yangshan phase IV enters the berth, then moves on into the next', () => {
    const engine = new GeofenceEngine(zones);
    const vessel = { assetKind: 'VESSEL' as const, assetKey: '477266900' };
    engine.update({ ...vessel, fixAt: at(0), lon: 122.15, lat: 30.58 });
    // The anchorage lies within the port's approach.
    expect(engine.zonesOf('VESSEL', '477266900')).toEqual(['YS-APPROACH', 'YS-ANCH-E']);
    const berthing = engine.update({ ...vessel, fixAt: at(600), ...centre(zone('YSP4-B01')) });
    expect(berthing.map((e) => `${e.transition} ${e.zoneCode}`)).toEqual([
      'EXIT YS-APPROACH',
      'EXIT YS-ANCH-E',
      'ENTER YSP4-B01',
    ]);
    const shifted = engine.update({ ...vessel, fixAt: at(900), ...centre(zone('YSP4-B02')) });
    expect(shifted.map((e) => `${e.transition} ${e.zoneCode}`)).toEqual([
      'EXIT YSP4-B01',
      'ENTER YSP4-B02',
    ]);
  });

  it('ignores a fix older than the last one it used', () => {
    const engine = new GeofenceEngine(zones);
    const truck = { assetKind: 'VEHICLE' as const, assetKey: '013816002001' };
    engine.update({ ...truck, fixAt: at(100), ...centre(zone('LCG-DEPOT')) });
    expect(engine.update({ ...truck, fixAt: at(50), lon: 121.95, lat: 30.95 })).toEqual([]);
    expect(engine.zonesOf('VEHICLE', '013816002001')).toEqual(['LCG-DEPOT']);
  });

  it('keeps vessels and trucks with the same key apart, and works with no zones at all', () => {
    const engine = new GeofenceEngine(zones);
    engine.update({
      assetKind: 'VEHICLE',
      assetKey: '1',
      fixAt: at(0),
      ...centre(zone('DHB-GATE')),
    });
    expect(
      engine.update({ assetKind: 'VESSEL', assetKey: '1', fixAt: at(0), lon: 0, lat: 0 }),
    ).toEqual([]);
    expect(engine.trackedAssets).toBe(2);
    expect(
      new GeofenceEngine([]).update({
        assetKind: 'VESSEL',
        assetKey: '1',
        fixAt: at(0),
        lon: 122,
        lat: 30,
      }),
    ).toEqual([]);
  });

  it('places any point in the zones a test of every zone finds, on grid cell edges too, and after the zones change', () => {
    const engine = new GeofenceEngine(zones);
    let asset = 0;
    const placed = (lon: number, lat: number) =>
      engine
        .update({ assetKind: 'VEHICLE', assetKey: `P${asset++}`, fixAt: at(0), lon, lat })
        .map((e) => e.zoneCode)
        .sort();
    const everyZone = (among: FenceZone[], lon: number, lat: number) =>
      among
        .filter((z) => booleanPointInPolygon([lon, lat], z.polygon))
        .map((z) => z.code)
        .sort();
    // Each zone's corners and centre, nudged by less than a metre either way, and the points
    // of a 0.01° grid (the engine's cells) around them, on the lines and a hair off them.
    const points: [number, number][] = [];
    for (const z of zones) {
      const { lon, lat } = centre(z);
      points.push([lon, lat]);
      for (const [x, y] of [
        [z.minLon, z.minLat],
        [z.maxLon, z.maxLat],
      ] as const)
        for (const d of [-1e-6, 0, 1e-6]) points.push([x + d, y - d]);
      const column = Math.round(lon / 0.01) * 0.01;
      const row = Math.round(lat / 0.01) * 0.01;
      for (const d of [-1e-12, 0, 1e-12]) points.push([column + d, lat], [lon, row + d]);
    }
    let inSome = 0;
    for (const [lon, lat] of points) {
      const expected = everyZone(zones, lon, lat);
      if (expected.length > 0) inSome++;
      expect(placed(lon, lat), `${lon},${lat}`).toEqual(expected);
    }
    expect(inSome).toBeGreaterThan(zones.length / 2);
    // Moved: each zone shifted 0.013° east; the same points now fall elsewhere.
    const moved = zones.map((z) => ({
      ...z,
      polygon: {
        type: 'Polygon' as const,
        coordinates: z.polygon.coordinates.map((ring) =>
          ring.map(([x, y]) => [(x ?? 0) + 0.013, y ?? 0]),
        ),
      },
      minLon: z.minLon + 0.013,
      maxLon: z.maxLon + 0.013,
    }));
    engine.setZones(moved);
    for (const [lon, lat] of points)
      expect(placed(lon, lat), `${lon},${lat} after the move`).toEqual(everyZone(moved, lon, lat));
  });

  it('puts every yard block centre inside its own block only', () => {
    const engine = new GeofenceEngine(zones);
    for (const block of zones.filter((z) => z.kind === 'YARD_BLOCK')) {
      const events = engine.update({
        assetKind: 'VEHICLE',
        assetKey: block.code,
        fixAt: at(0),
        ...centre(block),
      });
      expect(events.map((e) => e.zoneCode)).toEqual([block.code]);
    }
  });
});
