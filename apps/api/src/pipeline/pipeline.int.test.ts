import { seed } from '@harbor/db';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOutage } from '../../test/outage.ts';
import { loadFenceZones } from './fence-zones.ts';
import { InProcessFixBus } from './fix-bus.ts';
import { GeofenceEngine } from './geofence-engine.ts';
import { startTracker } from './tracker.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');

function truckFix(seconds: number, lon: number, lat: number): Fix {
  return {
    assetKind: 'VEHICLE',
    assetKey: '013916001001',
    fixAt: new Date(T0 + seconds * 1000),
    receivedAt: new Date(T0 + seconds * 1000 + 500),
    lat,
    lon,
    speedKnots: 8,
    courseDeg: 300,
    headingDeg: null,
    altitudeM: null,
    status: 'ACC_ON',
    source: 'JT808',
  };
}

describe.each(testDbTargets())('fixes to geofence events on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db);
  });
  afterAll(() => db.drop());

  it('stores a truck passing the Donghai Bridge gate as one ENTER and one EXIT, across a database outage', async () => {
    const { zones } = await loadFenceZones(db);
    const gate = zones.find((zone) => zone.code === 'DHB-GATE');
    if (!gate) throw new Error('no gate');
    const inside = { lon: (gate.minLon + gate.maxLon) / 2, lat: (gate.minLat + gate.maxLat) / 2 };
    const bus = new InProcessFixBus();
    const { db: flaky, outage } = withOutage(db);
    const stats = startTracker(
      { db: flaky, bus, geofence: new GeofenceEngine(zones) },
      { maxWaitMs: 5, retryBaseMs: 10 },
    );

    // Approach, inside the gate twice, out the other side; one fix is sent twice.
    const fixes = [
      truckFix(0, 121.915, 30.865),
      truckFix(30, inside.lon, inside.lat),
      truckFix(60, inside.lon, inside.lat),
      truckFix(90, 121.89, 30.878),
    ];
    let isStored = false;
    const published = bus.publish([...fixes, fixes[1] as Fix]).then(() => {
      isStored = true;
    });
    for (let i = 0; i < 6_000 && outage.refused === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(outage.refused).toBeGreaterThan(0);
    // Publishing is answered only once the fixes are stored: not while the database is away.
    expect(isStored).toBe(false);
    outage.isDown = false;
    await published;
    expect(bus.stats().acknowledged).toBe(5);
    await bus.close();

    const events = await db.prisma.geofenceEvent.findMany({
      where: { assetKey: '013916001001' },
      orderBy: { at: 'asc' },
      include: { zone: true },
    });
    expect(events.map((e) => [e.transition, e.zone.code, e.at.toISOString()])).toEqual([
      ['ENTER', 'DHB-GATE', '2026-11-25T02:00:30.000Z'],
      ['EXIT', 'DHB-GATE', '2026-11-25T02:01:30.000Z'],
    ]);
    expect(stats).toMatchObject({ inserted: 4, duplicates: 1, geofenceEvents: 2 });
  });
});
