import { seed } from '@harbor/db';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFenceZones } from './fence-zones.ts';
import { InProcessFixBus } from './fix-bus.ts';
import { type FenceZone, GeofenceEngine } from './geofence-engine.ts';
import { startTracker } from './tracker.ts';

// A tracker that starts afresh (a restart, or another tracker taking the asset's partition)
// takes up where the stored geofence events left off: no second ENTER for an asset already
// inside, nothing from fixes delivered again after they were stored.
const T0 = Date.parse('2026-11-25T02:00:00Z');

describe.each(testDbTargets())('a tracker taking over on %s', (target) => {
  let db: TestDb;
  let gate: { lon: number; lat: number };
  let zones: FenceZone[];
  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db);
    zones = (await loadFenceZones(db)).zones;
    const ring = zones.find((z) => z.code === 'DHB-GATE')?.polygon.coordinates[0]?.slice(0, -1);
    if (!ring) throw new Error('no gate');
    gate = {
      lon: ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length,
      lat: ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length,
    };
  });
  afterAll(() => db.drop());

  const truckFix = (
    assetKey: string,
    seconds: number,
    where: { lon: number; lat: number },
  ): Fix => ({
    assetKind: 'VEHICLE',
    assetKey,
    fixAt: new Date(T0 + seconds * 1000),
    receivedAt: new Date(T0 + seconds * 1000 + 200),
    ...where,
    speedKnots: 5,
    courseDeg: 90,
    headingDeg: null,
    altitudeM: null,
    status: null,
    source: 'JT808',
  });
  const outside = { lon: 121.92, lat: 30.855 };
  const run = async (engine: GeofenceEngine, fixes: Fix[]) => {
    const bus = new InProcessFixBus();
    startTracker({ db, bus, geofence: engine }, { maxWaitMs: 1 });
    for (const fix of fixes) await bus.publish([fix]);
    await bus.close();
  };
  const events = async (assetKey: string) =>
    (
      await db.prisma.geofenceEvent.findMany({
        where: { assetKey },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        include: { zone: { select: { code: true } } },
      })
    ).map((e) => `${e.transition} ${e.zone.code} +${(e.at.getTime() - T0) / 1000}s`);

  it('gives one ENTER and one EXIT for a gate crossed across a restart', async () => {
    const key = '013955500001';
    await run(new GeofenceEngine(zones), [truckFix(key, 0, outside), truckFix(key, 30, gate)]);
    expect(await events(key)).toEqual(['ENTER DHB-GATE +30s']);

    // The new tracker gets the last fix again (it was stored, never acknowledged), then more.
    await run(new GeofenceEngine(zones), [
      truckFix(key, 30, gate),
      truckFix(key, 40, gate),
      truckFix(key, 60, outside),
    ]);
    expect(await events(key)).toEqual(['ENTER DHB-GATE +30s', 'EXIT DHB-GATE +60s']);
  });

  it('restores an asset it forgot because its partition was taken over', async () => {
    const key = '013955500002';
    const engine = new GeofenceEngine(zones);
    await run(engine, [truckFix(key, 0, outside), truckFix(key, 30, gate)]);
    // Meanwhile another tracker stored the truck's exit and its return into the gate.
    const other = new GeofenceEngine(zones);
    await run(other, [truckFix(key, 60, outside), truckFix(key, 90, gate)]);
    expect(engine.forget((_kind, assetKey) => assetKey === key)).toBe(1);
    await run(engine, [truckFix(key, 120, gate), truckFix(key, 150, outside)]);
    expect(await events(key)).toEqual([
      'ENTER DHB-GATE +30s',
      'EXIT DHB-GATE +60s',
      'ENTER DHB-GATE +90s',
      'EXIT DHB-GATE +150s',
    ]);
  });
});
