import { seed } from '@harbor/db';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { bearingDeg, distanceM, type Fix, type LonLat, METRES_PER_NM } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import { GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { ringCentre } from '../port/geodesy.ts';
import { getVisit } from './service.ts';
import { VisitTracker } from './visit-tracker.ts';

// A fixed clock: the seed plans COSCO SHIPPING UNIVERSE (MMSI 477266900) at YSP4 berth B01,
// 6 h after T0. Its track comes from the open sea east of Yangshan, anchors in the Yangshan
// east anchorage, berths at YSP4-B01 and leaves; one fix a minute.
const T0 = Date.parse('2026-11-25T00:00:00Z');
const MMSI = '477266900';
const SEA: LonLat = [122.35, 30.58];
const ANCHOR: LonLat = [122.16, 30.58];

let clock = T0;
function sail(from: LonLat, to: LonLat, knots: number): Fix[] {
  const metresPerMinute = (knots * METRES_PER_NM) / 60;
  const steps = Math.max(1, Math.ceil(distanceM(from, to) / metresPerMinute));
  const course = bearingDeg(from, to);
  return Array.from({ length: steps }, (_, i) => {
    const f = (i + 1) / steps;
    return position(
      [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f],
      knots,
      course,
    );
  });
}
function stay(at: LonLat, minutes: number, status: string): Fix[] {
  return Array.from({ length: minutes }, () => position(at, 0, null, status));
}
function position(
  at: LonLat,
  knots: number,
  course: number | null,
  status = 'UNDER_WAY_USING_ENGINE',
): Fix {
  clock += 60_000;
  const fixAt = new Date(clock);
  return {
    assetKind: 'VESSEL',
    assetKey: MMSI,
    fixAt,
    receivedAt: fixAt,
    lat: at[1],
    lon: at[0],
    speedKnots: knots,
    courseDeg: course === null ? null : course % 360,
    headingDeg: null,
    altitudeM: null,
    status,
    source: 'AIS',
  };
}

describe.each(testDbTargets())('visit tracker on the seeded Shanghai zones, on %s', (target) => {
  let db: TestDb;
  let tracker: VisitTracker;
  let geofence: GeofenceEngine;
  let berth: LonLat;
  let visitId: string;

  /** What the tracker's pipeline does per batch: geofence, store, then the after-write hook. */
  async function feed(fixes: Fix[]) {
    for (let i = 0; i < fixes.length; i += 10) {
      const batch = fixes.slice(i, i + 10);
      const { transitions } = geofence.updateBatch(batch);
      await writeFixes(db, batch, transitions);
      await tracker.observe(batch, transitions);
    }
  }
  const visit = () => db.prisma.vesselVisit.findUniqueOrThrow({ where: { id: visitId } });

  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db, { now: new Date(T0), fleetSize: 0 });
    geofence = new GeofenceEngine((await loadFenceZones(db)).zones);
    tracker = new VisitTracker({ db });
    await tracker.load();
    const zone = await db.prisma.zone.findFirstOrThrow({ where: { code: 'YSP4-B01' } });
    berth = ringCentre(zone.polygon as { coordinates: number[][][] });
    const planned = await db.prisma.vesselVisit.findFirstOrThrow({
      where: { voyageNumber: '045E' },
    });
    visitId = planned.id;
  }, 60_000);
  afterAll(() => db.drop());

  it('heading in within 50 nm: APPROACHING, with an ETA of distance over speed', async () => {
    const fixes = sail(SEA, [122.3, 30.58], 12);
    await feed(fixes);
    const last = fixes.at(-1) as Fix;
    const hours = distanceM([last.lon, last.lat], berth) / METRES_PER_NM / 12;
    const row = await visit();
    expect(row.status).toBe('APPROACHING');
    expect(row.predictedEta?.getTime()).toBeCloseTo(last.fixAt.getTime() + hours * 3_600_000, -3);
  });

  it('entering the anchorage: AT_ANCHOR, anchoredAt the first entry', async () => {
    await feed(sail([122.3, 30.58], ANCHOR, 10));
    const enteredAt = await db.prisma.geofenceEvent.findFirstOrThrow({
      where: { assetKey: MMSI, transition: 'ENTER', zone: { code: 'YS-ANCH-E' } },
    });
    await feed(stay(ANCHOR, 120, 'AT_ANCHOR'));
    const row = await visit();
    expect(row.status).toBe('AT_ANCHOR');
    expect(row.anchoredAt).toEqual(enteredAt.at);
  });

  it('entering the berth: BERTHED with ata and the berth; leaving it: DEPARTED with atd', async () => {
    const offBerth: LonLat = [berth[0], berth[1] - 0.01];
    await feed([...sail(ANCHOR, offBerth, 8), ...sail(offBerth, berth, 3)]);
    const berthedAt = clock;
    await feed(stay(berth, 600, 'MOORED'));
    const berthed = await visit();
    expect(berthed.status).toBe('BERTHED');
    expect(berthed.ata).toEqual(new Date(berthedAt));
    const b01 = await db.prisma.berth.findFirstOrThrow({ where: { zone: { code: 'YSP4-B01' } } });
    expect(berthed.berthId).toBe(b01.id);
    expect(berthed.anchoredAt).not.toBeNull();

    const out = sail(berth, offBerth, 6);
    await feed(out);
    const exit = await db.prisma.geofenceEvent.findFirstOrThrow({
      where: { assetKey: MMSI, transition: 'EXIT', zone: { code: 'YSP4-B01' } },
    });
    const departed = await visit();
    expect(departed.status).toBe('DEPARTED');
    expect(departed.atd).toEqual(exit.at);
    expect(tracker.stats).toMatchObject({
      anchored: 1,
      berthed: 1,
      departed: 1,
      unplanned: 0,
      failed: 0,
    });
  });

  it('a vessel berthing with no planned visit gets an unplanned one (and is created if unknown)', async () => {
    const zone = await db.prisma.zone.findFirstOrThrow({ where: { code: 'WGQ4-B02' } });
    const at = ringCentre(zone.polygon as { coordinates: number[][][] });
    const fixes = [position([at[0], at[1] - 0.01], 4, 0), position(at, 1, 0)].map((fix) => ({
      ...fix,
      assetKey: '412999001',
    }));
    await feed(fixes);
    const created = await db.prisma.vesselVisit.findFirstOrThrow({
      where: { vessel: { mmsi: 412999001 } },
      include: { berth: true, terminal: true },
    });
    expect(created).toMatchObject({ status: 'BERTHED', eta: null, ata: fixes[1]?.fixAt });
    expect(created.berth?.code).toBe('B02');
    expect(created.terminal?.code).toBe('WGQ4');
  });

  it('a tug crossing a berth (AIS ship type 52) gets no visit', async () => {
    const zone = await db.prisma.zone.findFirstOrThrow({ where: { code: 'WGQ4-B03' } });
    const at = ringCentre(zone.polygon as { coordinates: number[][][] });
    const fixes = [position([at[0], at[1] - 0.01], 6, 0), position(at, 5, 0)].map((fix) => ({
      ...fix,
      assetKey: '413366120',
    }));
    await feed(fixes);
    expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 413366120 } } })).toBe(0);
    expect(
      await db.prisma.geofenceEvent.count({
        where: { assetKey: '413366120', transition: 'ENTER' },
      }),
    ).toBe(1);
  });

  it('goes by the curated ship type: an AIS claim of "tug" does not hide a cargo ship, an AIS-only tug gets none', async () => {
    await db.prisma.vessel.createMany({
      data: [
        // A container ship whose AIS (spoofed or misconfigured) says tug.
        { mmsi: 412999002, name: 'CLAIMS TUG', shipType: 71, aisShipType: 52 },
        // A tug Harbor knows from its AIS alone.
        { mmsi: 413999003, aisName: 'HU GANG TUO 9', aisShipType: 52 },
      ],
    });
    for (const [mmsi, code] of [
      ['412999002', 'WGQ4-B01'],
      ['413999003', 'WGQ4-B04'],
    ] as const) {
      const zone = await db.prisma.zone.findFirstOrThrow({ where: { code } });
      const at = ringCentre(zone.polygon as { coordinates: number[][][] });
      const fixes = [position([at[0], at[1] - 0.01], 4, 0), position(at, 1, 0)];
      await feed(fixes.map((fix) => ({ ...fix, assetKey: mmsi })));
    }
    expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 412999002 } } })).toBe(1);
    expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 413999003 } } })).toBe(0);
  });

  it('berthing elsewhere than planned: the actual berth beside the planned one, and no alert', async () => {
    const planned = await db.prisma.vesselVisit.findFirstOrThrow({
      where: { voyageNumber: '1127W' },
      include: { berth: true, plannedBerth: true },
    });
    // Before berthing the visit's berth is its plan.
    expect([planned.berth?.code, planned.plannedBerth?.code]).toEqual(['B02', 'B02']);
    const zone = await db.prisma.zone.findFirstOrThrow({ where: { code: 'YSP3-B05' } });
    const at = ringCentre(zone.polygon as { coordinates: number[][][] });
    const fixes = [position([at[0], at[1] - 0.01], 4, 0), position(at, 1, 0)].map((fix) => ({
      ...fix,
      assetKey: '353136000',
    }));
    await feed(fixes);
    const row = await db.prisma.vesselVisit.findUniqueOrThrow({
      where: { id: planned.id },
      include: { berth: true, plannedBerth: true },
    });
    expect(row.status).toBe('BERTHED');
    expect(row.berth?.code).toBe('B05');
    expect(row.plannedBerth?.code).toBe('B02');
    expect(row.plannedBerthId).toBe(planned.plannedBerthId);
    const visit = await getVisit({ db, now: () => new Date(clock) }, planned.id);
    expect(visit).toMatchObject({
      berthCode: 'B05',
      actualBerthId: row.berthId,
      actualBerthCode: 'B05',
      plannedBerthId: planned.plannedBerthId,
      plannedBerthCode: 'B02',
      isBerthChanged: true,
    });
    // The difference lives on the visit now, not as a port-wide alert.
    expect(await db.prisma.alert.count({ where: { kind: 'ROUTE_DEVIATION' } })).toBe(0);
  });

  it('tells the story in the visit timeline, flagging the change of berth', async () => {
    const deps = { db, now: () => new Date(clock) };
    const cosco = await getVisit(deps, visitId);
    const kinds = cosco.timeline.map((entry) => `${entry.kind} ${entry.zoneCode ?? ''}`.trim());
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ZONE_ENTER YS-ANCH-E',
        'ANCHORED',
        'ZONE_EXIT YS-ANCH-E',
        'ZONE_ENTER YSP4-B01',
        'BERTHED',
        'ZONE_EXIT YSP4-B01',
        'DEPARTED',
        'PLANNED_ETA',
      ]),
    );
    const times = cosco.timeline.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(cosco.timeline.some((entry) => entry.isFlagged)).toBe(false);

    const planned = await db.prisma.vesselVisit.findFirstOrThrow({
      where: { voyageNumber: '1127W' },
    });
    const ever = await getVisit(deps, planned.id);
    expect(ever.timeline.filter((entry) => entry.isFlagged)).toEqual([
      expect.objectContaining({ kind: 'BERTH_CHANGED', label: 'berthed at B05, planned B02' }),
    ]);
  });
});
