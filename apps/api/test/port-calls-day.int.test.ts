import { type Db, seed } from '@harbor/db';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { aisSentences, createScenario, type Vessel } from '@harbor/simulator';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AisStaticRecorder } from '../src/domains/vessels/static-data.ts';
import { VisitTracker } from '../src/domains/visits/visit-tracker.ts';
import { AisIngest } from '../src/edges/gateways/ais-ingest.ts';

// A day of the simulator's port: its ships' AIS, decoded by the AIS ingest as the gateway
// does and handed to the port call tracker in five-minute batches, as the tracker's
// after-write step receives them. The calls are then checked against what the ships did,
// read independently from their own reports: AIS status 1 (at anchor) and 5 (moored)
// mark the simulated ship's anchoring and berthing, its positions inside the seeded berth
// polygons its time alongside.

const T0 = Date.parse('2026-12-01T00:00:00Z');
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
const SCENARIO = { seed: 'harbor-port-calls-day', start: new Date(T0), vessels: 30, vehicles: 0 };

type Track = { at: number; lon: number; lat: number; speed: number; status: string | null }[];

/** The ship's own story, from its reports: when it anchored, weighed, came alongside and left. */
function truthOf(track: Track, berth: { polygon: { type: 'Polygon'; coordinates: number[][][] } }) {
  const inBerth = (p: Track[number]) => booleanPointInPolygon([p.lon, p.lat], berth.polygon);
  const anchoredIndex = track.findIndex((p) => p.status === 'AT_ANCHOR');
  const aweighIndex =
    anchoredIndex < 0
      ? -1
      : track.findIndex((p, i) => i > anchoredIndex && p.status !== 'AT_ANCHOR' && p.speed >= 1);
  const berthedIndex = track.findIndex((p) => inBerth(p) && p.status === 'MOORED');
  const leftIndex =
    berthedIndex < 0 ? -1 : track.findIndex((p, i) => i > berthedIndex && !inBerth(p));
  const at = (i: number) => (i < 0 ? null : (track[i]?.at ?? null));
  return {
    anchored: at(anchoredIndex),
    aweigh: at(aweighIndex),
    berthed: at(berthedIndex),
    left: at(leftIndex),
  };
}

describe.each(testDbTargets())('a day of port calls at Shanghai on %s', (target) => {
  let db: TestDb;
  const scenario = createScenario(SCENARIO);
  const tracks = new Map<number, Track>();
  let tracker: VisitTracker;

  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db, { now: new Date(T0), fleetSize: 0 });
    let clock = T0;
    const now = () => new Date(clock);
    tracker = new VisitTracker({ db, now });
    await tracker.load();
    let batch: Fix[] = [];
    const ingest = new AisIngest(
      {
        db,
        now,
        publish: async (fixes) => {
          batch.push(...fixes);
        },
      },
      new AisStaticRecorder({ db: db as Pick<Db, 'prisma'>, now }),
    );
    let sequence = 0;
    for (let minute = T0 + 5 * MINUTE; minute <= T0 + DAY_MS; minute += 5 * MINUTE) {
      for (const report of scenario.advanceTo(new Date(minute))) {
        if (report.kind !== 'ais') continue;
        clock = report.sentAt.getTime();
        await ingest.lines(aisSentences(report, sequence++).flat());
      }
      for (const fix of batch) {
        const track = tracks.get(Number(fix.assetKey)) ?? [];
        track.push({
          at: fix.fixAt.getTime(),
          lon: fix.lon,
          lat: fix.lat,
          speed: fix.speedKnots ?? 0,
          status: fix.status,
        });
        tracks.set(Number(fix.assetKey), track);
      }
      await tracker.observe(batch, []);
      batch = [];
    }
  }, 600_000);
  afterAll(() => db.drop());

  const callsOf = (vessel: Vessel) =>
    db.prisma.vesselVisit.findMany({
      where: { vessel: { mmsi: vessel.mmsi } },
      include: { events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] }, berth: true, terminal: true },
    });

  it('tugs and pilot boats never become calls', async () => {
    const craft = scenario.vessels.filter((vessel) => vessel.berth === null);
    expect(craft.length).toBeGreaterThan(0);
    for (const vessel of craft) {
      expect(tracks.get(vessel.mmsi)?.length ?? 0).toBeGreaterThan(0);
      expect(await callsOf(vessel)).toEqual([]);
    }
  });

  it('every cargo ship that anchored and berthed during the day has one call with those times', async () => {
    const berths = await db.prisma.berth.findMany({ include: { zone: true, terminal: true } });
    let checked = 0;
    for (const vessel of scenario.vessels.filter((v) => v.berth !== null)) {
      const track = tracks.get(vessel.mmsi) ?? [];
      const berth = berths.find((b) => `${b.terminal.code}-${b.code}` === vessel.berth?.code);
      if (!berth) throw new Error(`no berth ${vessel.berth?.code}`);
      const truth = truthOf(track, {
        polygon: berth.zone.polygon as { type: 'Polygon'; coordinates: number[][][] },
      });
      // Only ships seen arriving: at sea at the start, then anchoring and berthing.
      if (track[0]?.status !== 'UNDER_WAY_USING_ENGINE' || truth.anchored === null) continue;
      if (truth.berthed === null || (truth.aweigh ?? 0) > (truth.berthed ?? 0)) continue;
      const calls = await callsOf(vessel);
      expect(calls, vessel.name).toHaveLength(1);
      const call = calls[0];
      if (!call) continue;
      const firstOf = (kind: string) =>
        call.events.find((event) => event.kind === kind)?.at.getTime() ?? null;
      expect(call.events[0]?.kind).toBe('ARRIVED');
      expect(firstOf('ANCHORED'), `${vessel.name} anchored`).toBe(truth.anchored);
      expect(firstOf('ANCHOR_AWEIGH'), `${vessel.name} weighed anchor`).toBe(truth.aweigh);
      expect(firstOf('BERTHED'), `${vessel.name} berthed`).toBe(truth.berthed);
      expect(call.ata?.getTime()).toBe(truth.berthed);
      expect(call.anchoredAt?.getTime()).toBe(truth.anchored);
      expect(call.berth?.id).toBe(berth.id);
      if (truth.left !== null) {
        expect(firstOf('UNBERTHED'), `${vessel.name} left the berth`).toBe(truth.left);
        expect(call.atd?.getTime()).toBe(truth.left);
      } else expect(call.status).toBe('BERTHED');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(tracker.stats.failed).toBe(0);
  });
});
