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
// east anchorage, berths at YSP4-B01, leaves and sails out to sea; one fix a minute.
const T0 = Date.parse('2026-11-25T00:00:00Z');
const MMSI = '477266900';
const SEA: LonLat = [122.35, 30.58];
const ANCHOR: LonLat = [122.16, 30.58];
/** The inner end of the deep-water channel (seed zone YS-FAIRWAY). */
const CHANNEL: LonLat = [122.1, 30.614];

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

describe.each(testDbTargets())(
  'port call tracker on the seeded Shanghai zones, on %s',
  (target) => {
    let db: TestDb;
    let tracker: VisitTracker;
    let berth: LonLat;
    let visitId: string;

    /** What the tracker's pipeline does per batch: geofence, store, then the after-write hook. */
    async function feed(fixes: Fix[]) {
      const geofence = new GeofenceEngine((await loadFenceZones(db)).zones);
      for (let i = 0; i < fixes.length; i += 10) {
        const batch = fixes.slice(i, i + 10);
        const { transitions } = geofence.updateBatch(batch);
        await writeFixes(db, batch, transitions);
        await tracker.observe(batch, transitions);
      }
    }
    const visit = () => db.prisma.vesselVisit.findUniqueOrThrow({ where: { id: visitId } });
    const events = async (id = visitId) =>
      (
        await db.prisma.portCallEvent.findMany({
          where: { visitId: id },
          orderBy: [{ at: 'asc' }, { id: 'asc' }],
        })
      ).map((event) => ({ kind: event.kind, at: event.at.getTime() }));
    const atBerth = async (code: string) => {
      const zone = await db.prisma.zone.findFirstOrThrow({ where: { code } });
      return ringCentre(zone.polygon as { coordinates: number[][][] });
    };

    beforeAll(async () => {
      db = await createTestDb(target);
      await seed(db, { now: new Date(T0), fleetSize: 0 });
      tracker = new VisitTracker({ db, now: () => new Date(clock) });
      await tracker.load();
      berth = await atBerth('YSP4-B01');
      const planned = await db.prisma.vesselVisit.findFirstOrThrow({
        where: { voyageNumber: '045E' },
      });
      visitId = planned.id;
    }, 60_000);
    afterAll(() => db.drop());

    it('heading in: the planned visit becomes the call, APPROACHING, arrived at its first position in the port', async () => {
      const fixes = sail(SEA, [122.3, 30.58], 12);
      await feed(fixes);
      const row = await visit();
      expect(row.status).toBe('APPROACHING');
      expect(row.arrivedAt).toEqual(fixes[0]?.fixAt);
      expect(row.predictedEta?.getTime()).toBeGreaterThan(clock);
      expect(await events()).toEqual([{ kind: 'ARRIVED', at: fixes[0]?.fixAt.getTime() }]);
    });

    it('brought up in the anchorage: AT_ANCHOR from the first stopped position, not the zone entry', async () => {
      await feed(sail([122.3, 30.58], ANCHOR, 10));
      expect((await visit()).status).toBe('APPROACHING');
      const stopped = stay(ANCHOR, 120, 'AT_ANCHOR');
      await feed(stopped);
      const row = await visit();
      expect(row.status).toBe('AT_ANCHOR');
      expect(row.anchoredAt).toEqual(stopped[0]?.fixAt);
      expect((await events()).map((event) => event.kind)).toEqual(['ARRIVED', 'ANCHORED']);
    });

    it('weighs anchor (BERTHING), comes alongside (BERTHED, ATB), leaves the berth (DEPARTED, ATD) and the port area', async () => {
      const offBerth: LonLat = [berth[0], berth[1] - 0.01];
      // Out of the anchorage into the deep-water channel, then along it to the berth.
      const underWay = [...sail(ANCHOR, CHANNEL, 8), ...sail(CHANNEL, offBerth, 8)];
      await feed(underWay.slice(0, 3));
      expect((await visit()).status).toBe('BERTHING');
      await feed([...underWay.slice(3), ...sail(offBerth, berth, 3)]);
      const moored = stay(berth, 600, 'MOORED');
      await feed(moored);
      const berthed = await visit();
      expect(berthed.status).toBe('BERTHED');
      expect(berthed.ata).toEqual(moored[0]?.fixAt);
      const b01 = await db.prisma.berth.findFirstOrThrow({ where: { zone: { code: 'YSP4-B01' } } });
      expect(berthed.berthId).toBe(b01.id);

      const out = sail(berth, offBerth, 6);
      await feed(out);
      const departed = await visit();
      expect(departed.status).toBe('DEPARTED');
      const left = await db.prisma.portCallEvent.findFirstOrThrow({
        where: { visitId, kind: 'UNBERTHED' },
      });
      expect(departed.atd).toEqual(left.at);
      expect(left.berthId).toBe(b01.id);
      // Out to sea: the call is over once the ship leaves the port's approach area.
      await feed(sail(offBerth, [122.9, 30.5], 14));
      expect((await events()).map((event) => event.kind)).toEqual([
        'ARRIVED',
        'ANCHORED',
        'ANCHOR_AWEIGH',
        'BERTHING',
        'BERTHED',
        'UNBERTHED',
        'DEPARTED',
      ]);
      expect(tracker.stats).toMatchObject({ opened: 1, matched: 1, unplanned: 0, failed: 0 });
    });

    it('a ship of unknown type waits for its static data, then opens an unplanned call from its first position in the port, replaying what it did meanwhile', async () => {
      const at = await atBerth('WGQ4-B02');
      const first = [position([at[0], at[1] - 0.01], 4, 0), position(at, 0, null, 'MOORED')].map(
        (fix) => ({ ...fix, assetKey: '412999001' }),
      );
      await feed(first);
      expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 412999001 } } })).toBe(0);
      // Its type 5 arrives: a 210 m container ship.
      await db.prisma.vessel.update({
        where: { mmsi: 412999001 },
        data: { aisShipType: 71, aisLengthM: 210 },
      });
      await feed(stay(at, 2, 'MOORED').map((fix) => ({ ...fix, assetKey: '412999001' })));
      const created = await db.prisma.vesselVisit.findFirstOrThrow({
        where: { vessel: { mmsi: 412999001 } },
        include: { berth: true, terminal: true },
      });
      // Its positions before the static data are replayed: alongside since its first moored fix.
      expect(created).toMatchObject({
        status: 'BERTHED',
        eta: null,
        arrivedAt: first[0]?.fixAt,
        ata: first[1]?.fixAt,
      });
      expect(created.berth?.code).toBe('B02');
      expect(created.terminal?.code).toBe('WGQ4');
    });

    it('a ship the schedule expects opens its planned call before her static data is heard', async () => {
      // As the schedule import creates an unknown vessel: its name only, no type or length.
      const vessel = await db.prisma.vessel.create({ data: { mmsi: 412999020, name: 'EXPECTED' } });
      const terminal = await db.prisma.terminal.findFirstOrThrow({ where: { code: 'WGQ5' } });
      const plan = await db.prisma.vesselVisit.create({
        data: {
          vesselId: vessel.id,
          portId: terminal.portId,
          terminalId: terminal.id,
          voyageNumber: '020E',
          eta: new Date(clock + 3_600_000),
        },
      });
      const anchorage = await db.prisma.zone.findFirstOrThrow({ where: { code: 'WS-ANCH' } });
      const at = ringCentre(anchorage.polygon as { coordinates: number[][][] });
      const fixes = stay(at, 2, 'AT_ANCHOR').map((fix) => ({ ...fix, assetKey: '412999020' }));
      await feed(fixes);
      expect(
        await db.prisma.vesselVisit.findUniqueOrThrow({ where: { id: plan.id } }),
      ).toMatchObject({
        status: 'AT_ANCHOR',
        arrivedAt: fixes[0]?.fixAt,
        anchoredAt: fixes[0]?.fixAt,
      });
    });

    it('tugs, pilot boats and small craft of unknown type make no call', async () => {
      await db.prisma.vessel.createMany({
        data: [
          { mmsi: 413999010, aisName: 'PILOT 3', aisShipType: 50 },
          { mmsi: 413999011, aisName: 'SMALL BOAT', aisShipType: 0, aisLengthM: 24 },
        ],
      });
      for (const [mmsi, code] of [
        ['413366120', 'WGQ4-B03'],
        ['413999010', 'WGQ5-B01'],
        ['413999011', 'WGQ5-B02'],
      ] as const) {
        const at = await atBerth(code);
        await feed(
          [position([at[0], at[1] - 0.01], 6, 0), ...stay(at, 3, 'MOORED')].map((fix) => ({
            ...fix,
            assetKey: mmsi,
          })),
        );
        expect(
          await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: Number(mmsi) } } }),
        ).toBe(0);
      }
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
        const at = await atBerth(code);
        const fixes = [position([at[0], at[1] - 0.01], 4, 0), position(at, 0, null, 'MOORED')];
        await feed(fixes.map((fix) => ({ ...fix, assetKey: mmsi })));
      }
      expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 412999002 } } })).toBe(1);
      expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 413999003 } } })).toBe(0);
    });

    it('a ship passing through the approach area without stopping leaves no call', async () => {
      await db.prisma.vessel.create({
        data: { mmsi: 412999004, aisName: 'PASSING BY', aisShipType: 70, aisLengthM: 180 },
      });
      // Heading west towards Yangshan's quays, then turning away south and out of the area.
      const track = [
        ...sail([122.3, 30.62], [122.2, 30.62], 12),
        ...sail([122.2, 30.62], [122.2, 30.2], 12),
      ];
      await feed(track.map((fix) => ({ ...fix, assetKey: '412999004' })));
      expect(await db.prisma.vesselVisit.count({ where: { vessel: { mmsi: 412999004 } } })).toBe(0);
      expect(tracker.stats.abandoned).toBeGreaterThanOrEqual(1);
    });

    it('a shift between berths keeps one call: UNBERTHED then BERTHED, the call BERTHED at the new berth', async () => {
      await db.prisma.vessel.create({
        data: { mmsi: 412999005, aisName: 'SHIFTER', aisShipType: 71, aisLengthM: 300 },
      });
      const [b1, b3] = [await atBerth('WGQ5-B01'), await atBerth('WGQ5-B03')];
      const mmsi = (fixes: Fix[]) => fixes.map((fix) => ({ ...fix, assetKey: '412999005' }));
      const off1: LonLat = [b1[0], b1[1] - 0.005];
      const off3: LonLat = [b3[0], b3[1] - 0.005];
      await feed(
        mmsi([
          ...sail([b1[0], b1[1] - 0.05], off1, 6),
          ...sail(off1, b1, 2),
          ...stay(b1, 30, 'MOORED'),
        ]),
      );
      await feed(mmsi([...sail(b1, off1, 2), ...sail(off1, off3, 4), ...sail(off3, b3, 2)]));
      const shifted = await db.prisma.vesselVisit.findFirstOrThrow({
        where: { vessel: { mmsi: 412999005 } },
        include: { berth: true },
      });
      expect(shifted.status).toBe('DEPARTED');
      await feed(mmsi(stay(b3, 30, 'MOORED')));
      const calls = await db.prisma.vesselVisit.findMany({
        where: { vessel: { mmsi: 412999005 } },
        include: { berth: true },
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ status: 'BERTHED', atd: null });
      expect(calls[0]?.berth?.code).toBe('B03');
      const kinds = (await events(calls[0]?.id)).map((event) => event.kind);
      expect(kinds).toEqual(['ARRIVED', 'BERTHING', 'BERTHED', 'UNBERTHED', 'BERTHED']);
    });

    it('berthing elsewhere than planned: the actual berth beside the planned one, and no alert', async () => {
      const planned = await db.prisma.vesselVisit.findFirstOrThrow({
        where: { voyageNumber: '1127W' },
        include: { berth: true, plannedBerth: true },
      });
      // Before berthing the visit's berth is its plan.
      expect([planned.berth?.code, planned.plannedBerth?.code]).toEqual(['B02', 'B02']);
      const at = await atBerth('YSP3-B05');
      const fixes = [position([at[0], at[1] - 0.01], 4, 0), position(at, 0, null, 'MOORED')].map(
        (fix) => ({ ...fix, assetKey: '353136000' }),
      );
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

    it('tells the story in the visit timeline from the call events, flagging the change of berth', async () => {
      const deps = { db, now: () => new Date(clock) };
      const cosco = await getVisit(deps, visitId);
      const kinds = cosco.timeline.map((entry) => `${entry.kind} ${entry.zoneCode ?? ''}`.trim());
      expect(kinds).toEqual(
        expect.arrayContaining([
          'ARRIVED',
          'ANCHORED YS-ANCH-E',
          'ANCHOR_AWEIGH YS-ANCH-E',
          'BERTHING',
          'BERTHED YSP4-B01',
          'UNBERTHED YSP4-B01',
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
  },
);
