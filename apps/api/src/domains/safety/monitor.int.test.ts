import { testDbTargets } from '@harbor/db/testing';
import type { Alert, Fix, ZoneKind } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, expectFieldError, type UserKey, type World } from '../../../test/fixtures.ts';
import { boxZone, type Run, report, reports, T0 } from '../../../test/safety-scene.ts';
import { testContext } from '../../../test/services.ts';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { InProcessFixBus } from '../../pipeline/fix-bus.ts';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { startTracker } from '../../pipeline/tracker.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { LiveTopics } from '../positions/live-topics.ts';
import { SafetyMonitor } from './monitor.ts';

// Real fixes through the tracker (bus, store, geofences) into the safety monitor, on the
// test's own port and zones in the open sea east of Yangshan: an approach area 20 nm square
// with an anchorage in it. Ships and times as in test/safety-scene.ts.
const ZEN = '413000001';
const STAR = '413000002';
const TUG = '413000003';
const DRAGGER = '413000004';
const MINUTE_MS = 60_000;

// ZEN north at 12 kn, STAR west at 12 kn: CPA 0.07 nm, TCPA 10.25 min (collision-watch.test.ts).
const ZEN_RUN: Run = { mmsi: ZEN, from: [0, -2], knots: 12, courseDeg: 0 };
const STAR_RUN: Run = { mmsi: STAR, from: [2, 0.1], knots: 12, courseDeg: 270 };
// The tug crosses ZEN's bow, as it would to meet her: r = (0.83, -0.94), w = (-9, 12),
// TCPA = (7.47 + 11.28)/225 h = 5 min, CPA = |(0.83 - 0.75, -0.94 + 1)| = 0.1 nm.
const TUG_RUN: Run = { mmsi: TUG, from: [-0.83, -1.06], knots: 9, courseDeg: 90 };

describe.each(testDbTargets())('the safety monitor after the tracker, on %s', (target) => {
  let world: World;
  let live: LiveTopics;
  const heard: Alert[] = [];

  beforeAll(async () => {
    world = await buildWorld(target);
    const port = await world.db.prisma.port.create({
      data: {
        unlocode: 'CNTST',
        name: 'Test port',
        timezone: 'Asia/Shanghai',
        lat: 30.5,
        lon: 122.6,
      },
    });
    const zones: [FenceZone, ZoneKind][] = [
      [boxZone('test-approach', 'APPROACH', [-10, -10], [10, 10]), 'APPROACH'],
      [boxZone('test-anchorage', 'ANCHORAGE', [2, 2], [6, 6]), 'ANCHORAGE'],
    ];
    for (const [{ id: _, ...zone }, kind] of zones)
      await world.db.prisma.zone.create({
        data: { ...zone, kind, name: zone.code, portId: port.id },
      });
    await world.db.prisma.vessel.createMany({
      data: [
        { mmsi: Number(ZEN), name: 'ZHEN HUA 1', shipType: 70 },
        { mmsi: Number(STAR), name: 'COSCO STAR', shipType: 71 },
        // Known only from its AIS static data: type 52, a tug.
        { mmsi: Number(TUG), aisName: 'HAI GANG 8', aisShipType: 52 },
        { mmsi: Number(DRAGGER), name: 'ORIENT PEARL', shipType: 80 },
      ],
    });
    live = new LiveTopics();
    live.alerts.subscribe((alert) => heard.push(alert));
  });
  afterAll(() => world.db.drop());

  /** A monitor, and a tracker over a fresh bus and geofence engine, as a (re)started Harbor has. */
  async function harbor() {
    const geofence = new GeofenceEngine((await loadFenceZones(world.db)).zones);
    const monitor = new SafetyMonitor({
      db: world.db,
      alerts: live.alerts,
      zonesOf: (mmsi) => geofence.zonesIn('VESSEL', mmsi),
    });
    await monitor.start();
    const bus = new InProcessFixBus();
    let observed = 0;
    let waiting: { count: number; resolve: () => void } | null = null;
    startTracker(
      {
        db: world.db,
        bus,
        geofence,
        afterWrite: async (batch, transitions) => {
          await monitor.observe(batch, transitions);
          observed += batch.length;
          if (waiting && observed >= waiting.count) waiting.resolve();
        },
      },
      { maxBatch: 50, maxWaitMs: 1 },
    );
    return {
      monitor,
      as: (user: UserKey) =>
        createCaller(
          testContext({ db: world.db, user: world.users[user], live, alertMonitor: monitor }),
        ),
      /** Publishes the fixes and waits until the monitor has observed every one. */
      async feed(fixes: Fix[]) {
        const target = observed + fixes.length;
        const done = new Promise<void>((resolve) => {
          waiting = { count: target, resolve };
        });
        await bus.publish(fixes);
        if (observed < target) await done;
        waiting = null;
      },
      close: () => bus.close(),
    };
  }

  const alertsOf = (kind: 'COLLISION_RISK' | 'ANCHOR_DRAG') =>
    world.db.prisma.alert.findMany({ where: { kind }, orderBy: { raisedAt: 'asc' } });

  /** The ship at anchor in the anchorage: brought up, swinging, then dragging north at 1.5 kn. */
  function dragging(fromMin: number, toMin: number): Fix[] {
    const fixes: Fix[] = [];
    for (let m = fromMin; m <= toMin; m += 3) {
      const isDragging = m >= 9;
      const run: Run = {
        mmsi: DRAGGER,
        from: [4, 4 + (isDragging ? ((m - 9) / 60) * 1.5 : 0)],
        knots: isDragging ? 1.5 : 0.2,
        courseDeg: 0,
        status: 'AT_ANCHOR',
      };
      fixes.push(report(run, 0, T0 + m * MINUTE_MS));
    }
    return fixes;
  }

  it('takes collision and anchor rules with their defaults, and refuses settings out of bounds', async () => {
    const { as, close } = await harbor();
    const collision = await as('portOperator').alertRules.create({
      name: 'Collision risk in the approach',
      kind: 'COLLISION_RISK',
      severity: 'CRITICAL',
      params: {},
    } as never);
    expect(collision.params).toEqual({
      cpaNm: 0.5,
      tcpaMinutes: 20,
      rangeNm: 6,
      minSpeedKnots: 1,
      zoneKinds: ['APPROACH', 'FAIRWAY', 'ANCHORAGE'],
      excludedShipTypes: [31, 32, 33, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59],
    });
    const anchor = await as('portOperator').alertRules.create({
      name: 'Anchor dragging',
      kind: 'ANCHOR_DRAG',
      params: { swingRadiusM: 400 },
    } as never);
    expect(anchor.params).toEqual({ dragKnots: 1, consecutiveReports: 3, swingRadiusM: 400 });
    await expectFieldError(
      as('portOperator').alertRules.create({
        name: 'Too close to mean anything',
        kind: 'COLLISION_RISK',
        params: { cpaNm: 0 },
      } as never),
      'params.cpaNm',
    );
    await close();
  });

  it('raises one alert per encounter and per dragging anchor from real fixes, leaving the tug out, and not again after a restart', async () => {
    const first = await harbor();
    expect(await first.monitor.reloadRules()).toBe(2);
    const firstMinutes = [
      ...reports([ZEN_RUN, STAR_RUN, TUG_RUN], 0, 4 * 60),
      ...dragging(0, 4),
    ].sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime());
    await first.feed(firstMinutes);
    await first.close();

    const [encounter, ...more] = await alertsOf('COLLISION_RISK');
    expect(more).toEqual([]);
    expect(encounter).toMatchObject({
      organizationId: world.organizations.port.id,
      severity: 'CRITICAL',
      assetKind: 'VESSEL',
      assetKey: STAR,
      raisedAt: new Date(T0),
      message:
        'Collision risk: COSCO STAR (MMSI 413000002) and ZHEN HUA 1 (MMSI 413000001), CPA 0.07 nm in 10.3 min',
    });
    const data = encounter?.data as Record<string, unknown>;
    expect(data.tcpaMinutes).toBe(10.3);
    expect(data.vessels).toEqual([
      expect.objectContaining({
        mmsi: STAR,
        name: 'COSCO STAR',
        fixAt: new Date(T0).toISOString(),
      }),
      expect.objectContaining({ mmsi: ZEN, name: 'ZHEN HUA 1', fixAt: new Date(T0).toISOString() }),
    ]);
    expect(heard.map((alert) => alert.id)).toContain(encounter?.id);

    // Restarted mid-encounter with the alert still open: the rest of the crossing, the
    // anchor dragging from minute 9, and half an hour later the same two ships meeting again.
    const second = await harbor();
    await second.feed(
      [...reports([ZEN_RUN, STAR_RUN, TUG_RUN], 4 * 60 + 10, 20 * 60), ...dragging(6, 30)].sort(
        (a, b) => a.fixAt.getTime() - b.fixAt.getTime(),
      ),
    );
    expect(await alertsOf('COLLISION_RISK')).toHaveLength(1);
    const [drag, ...moreDrags] = await alertsOf('ANCHOR_DRAG');
    expect(moreDrags).toEqual([]);
    // Brought up at minute 0; 1.5 kn from minute 9: the third report in a row is minute 15.
    expect(drag).toMatchObject({
      assetKey: DRAGGER,
      raisedAt: new Date(T0 + 15 * MINUTE_MS),
      message: 'ORIENT PEARL (MMSI 413000004) dragging anchor: at 1.5 kn for 3 reports',
    });

    const later = T0 + 40 * MINUTE_MS;
    const meeting = (run: Run, from: [number, number], courseDeg: number) =>
      Array.from({ length: 31 }, (_, i) => report({ ...run, from, courseDeg }, i * 10, later));
    await second.feed(
      [...meeting(ZEN_RUN, [-5, -5], 0), ...meeting(STAR_RUN, [-4.8, -3], 180)].sort(
        (a, b) => a.fixAt.getTime() - b.fixAt.getTime(),
      ),
    );
    const encounters = await alertsOf('COLLISION_RISK');
    expect(encounters.map((alert) => alert.raisedAt)).toEqual([new Date(T0), new Date(later)]);
    await second.close();

    // Port-wide vessel alerts: the port authority's rule, seen by port staff only.
    const listed = (user: UserKey) =>
      createCaller(testContext({ db: world.db, user: world.users[user] }))
        .alerts.list({ kind: 'COLLISION_RISK' })
        .then((page) => page.items.length);
    expect(await listed('portViewer')).toBe(2);
    expect(await listed('dhclViewer')).toBe(0);
  });
});
