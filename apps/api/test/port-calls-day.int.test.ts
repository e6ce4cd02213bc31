import { type Db, seed } from '@harbor/db';
import { createTestDb, type TestDb } from '@harbor/db/testing';
import { distanceM, type Fix } from '@harbor/shared';
import {
  aisSentences,
  createLineAgent,
  createScenario,
  scheduleCsv,
  type Vessel,
} from '@harbor/simulator';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSessionUser } from '../src/domains/auth/session.ts';
import { ringCentre } from '../src/domains/port/geodesy.ts';
import { AisStaticRecorder } from '../src/domains/vessels/static-data.ts';
import { portKpis } from '../src/domains/visits/kpis.ts';
import { importSchedule } from '../src/domains/visits/schedule-import.ts';
import { VisitTracker } from '../src/domains/visits/visit-tracker.ts';
import { AisIngest } from '../src/edges/gateways/ais-ingest.ts';

// A day of the simulator's port: the lines' agent imports the berth schedule, then the
// ships' AIS, decoded by the AIS ingest as the gateway does, goes to the port call tracker in
// five-minute batches, as the tracker's after-write step receives them. The calls are then
// checked against what the ships did, read independently from their own reports: AIS status
// 1 (at anchor) and 5 (moored) mark the simulated ship's anchoring and berthing, its
// positions inside the seeded berth polygons its time alongside; and the port KPIs of that
// day are recomputed here from the raw fixes and the zones' polygons alone.

// Midnight in Shanghai: the simulated day is the port's day 2026-12-01.
const T0 = Date.parse('2026-11-30T16:00:00Z');
const PORT_DAY = '2026-12-01';
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

// On the embedded database only: what is database-specific here (the KPIs' SQL, the
// schedule import, the tracker's reads and writes) is tested on PostgreSQL as well by
// kpis.int.test.ts, schedule-import.int.test.ts and visit-tracker.int.test.ts; a second
// simulated day on PostgreSQL would add half a minute to the suite and nothing else.
describe.each(['pglite' as const])('a day of port calls at Shanghai on %s', (target) => {
  let db: TestDb;
  const scenario = createScenario(SCENARIO);
  const tracks = new Map<number, Track>();
  let tracker: VisitTracker;
  let plans: ReturnType<ReturnType<typeof createLineAgent>['callsBerthingBy']> = [];

  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db, { now: new Date(T0), fleetSize: 0 });
    let clock = T0;
    const now = () => new Date(clock);
    tracker = new VisitTracker({ db, now });
    await tracker.load();
    plans = createLineAgent(SCENARIO).callsBerthingBy(new Date(T0 + 2 * DAY_MS));
    await importSchedule({ db }, scheduleCsv(plans));
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
      // Its calls: the planned visits still to come are not calls yet.
      where: { vessel: { mmsi: vessel.mmsi }, status: { not: 'PLANNED' } },
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

  it("the day's KPIs per terminal equal those recomputed from the raw fixes", async () => {
    const zones = await db.prisma.zone.findMany({
      where: { kind: { in: ['APPROACH', 'ANCHORAGE', 'BERTH'] } },
      include: { berth: { include: { terminal: true } } },
    });
    type Polygon = { type: 'Polygon'; coordinates: number[][][] };
    const inside = (p: Track[number], kind: string) =>
      zones.find(
        (zone) =>
          zone.kind === kind && booleanPointInPolygon([p.lon, p.lat], zone.polygon as Polygon),
      ) ?? null;
    const berthCentres = zones
      .filter((zone) => zone.kind === 'BERTH')
      .map((zone) => ringCentre(zone.polygon as Polygon));
    // The port's area: its approach zones, anchorages, berths and the water within 2 nm of a berth.
    const inArea = (p: Track[number]) =>
      inside(p, 'APPROACH') !== null ||
      inside(p, 'ANCHORAGE') !== null ||
      inside(p, 'BERTH') !== null ||
      berthCentres.some((centre) => distanceM([p.lon, p.lat], centre) <= 2 * 1852);
    const stopped = (p: Track[number]) => p.speed <= 0.5;
    const underWay = (p: Track[number]) =>
      p.status !== 'AT_ANCHOR' && p.status !== 'MOORED' && p.speed >= 1;

    const end = T0 + DAY_MS;
    const hours = (ms: number) => ms / 3_600_000;
    const clip = (from: number, to: number) => Math.max(0, Math.min(to, end) - Math.max(from, T0));
    type Tally = {
      arrivals: number;
      berthings: number;
      waitMs: number;
      berthMs: number;
      departures: number;
      turnaroundMs: number;
      scheduled: number;
      onTime: number;
      deviationMs: number;
    };
    const tallies = new Map<string, Tally>();
    const tallyOf = (code: string) => {
      let tally = tallies.get(code);
      if (!tally) {
        tally = {
          arrivals: 0,
          berthings: 0,
          waitMs: 0,
          berthMs: 0,
          departures: 0,
          turnaroundMs: 0,
          scheduled: 0,
          onTime: 0,
          deviationMs: 0,
        };
        tallies.set(code, tally);
      }
      return tally;
    };
    for (const vessel of scenario.vessels.filter((v) => v.berth !== null)) {
      const track = tracks.get(vessel.mmsi) ?? [];
      const terminal = vessel.berth?.terminal.code ?? '';
      // Cut the track into stays in the port area; a stay with an anchoring or a berth is a call.
      let i = 0;
      while (i < track.length) {
        while (i < track.length && !inArea(track[i] as Track[number])) i++;
        if (i >= track.length) break;
        const arrival = (track[i] as Track[number]).at;
        let anchoredAt: number | null = null;
        let waitMs = 0;
        let firstBerthAt: number | null = null;
        let alongside: { zoneId: string; since: number } | null = null;
        let lastUnberthAt: number | null = null;
        const stays: [number, number][] = [];
        let left = false;
        for (; i < track.length; i++) {
          const p = track[i] as Track[number];
          if (alongside) {
            if (inside(p, 'BERTH')?.id === alongside.zoneId) continue;
            stays.push([alongside.since, p.at]);
            lastUnberthAt = p.at;
            alongside = null;
          }
          if (anchoredAt !== null) {
            const anchorage = inside(p, 'ANCHORAGE');
            if (anchorage && !underWay(p)) continue;
            if (firstBerthAt === null) waitMs += p.at - anchoredAt;
            anchoredAt = null;
          }
          const berth = inside(p, 'BERTH');
          if (berth && (p.status === 'MOORED' || stopped(p))) {
            alongside = { zoneId: berth.id, since: p.at };
            firstBerthAt ??= p.at;
            continue;
          }
          if (inside(p, 'ANCHORAGE') && (p.status === 'AT_ANCHOR' || stopped(p))) {
            anchoredAt = p.at;
            continue;
          }
          if (!inArea(p)) {
            left = true;
            break;
          }
        }
        if (alongside) stays.push([alongside.since, end]);
        const hasAnchored = waitMs > 0 || anchoredAt !== null;
        if (firstBerthAt === null && !hasAnchored && left) continue; // passing through
        const tally = tallyOf(terminal);
        if (arrival >= T0 && arrival < end) tally.arrivals++;
        for (const [from, to] of stays) tally.berthMs += clip(from, to);
        if (firstBerthAt !== null && firstBerthAt >= T0 && firstBerthAt < end) {
          tally.berthings++;
          tally.waitMs += waitMs;
          // The plan the call was matched to: this ship's with the ETA nearest its arrival.
          const plan = plans
            .filter((candidate) => candidate.mmsi === vessel.mmsi)
            .sort(
              (a, b) => Math.abs(a.eta.getTime() - arrival) - Math.abs(b.eta.getTime() - arrival),
            )[0];
          if (plan) {
            const deviation = Math.abs(firstBerthAt - plan.eta.getTime());
            tally.scheduled++;
            tally.deviationMs += deviation;
            if (deviation <= 2 * 3_600_000) tally.onTime++;
          }
        }
        if (
          left &&
          firstBerthAt !== null &&
          lastUnberthAt !== null &&
          lastUnberthAt >= T0 &&
          lastUnberthAt < end
        ) {
          tally.departures++;
          tally.turnaroundMs += lastUnberthAt - arrival;
        }
      }
    }

    const staff = toSessionUser(
      await db.prisma.user.findUniqueOrThrow({
        where: { email: 'operator@port.harbor.local' },
        include: { organization: true },
      }),
    );
    const kpis = await portKpis({ db, now: () => new Date(end) }, staff, {
      from: PORT_DAY,
      to: PORT_DAY,
      onTimeWindowHours: 2,
    });
    let berthings = 0;
    for (const row of kpis.rows) {
      const tally = tallyOf(row.terminalCode);
      const label = row.terminalCode;
      expect(row.date).toBe(PORT_DAY);
      expect(row.arrivals, `${label} arrivals`).toBe(tally.arrivals);
      expect(row.berthings, `${label} berthings`).toBe(tally.berthings);
      expect(row.anchorageWaitHours, `${label} waiting`).toBeCloseTo(hours(tally.waitMs), 6);
      expect(row.berthHours, `${label} at berth`).toBeCloseTo(hours(tally.berthMs), 6);
      expect(row.occupancy ?? 0, `${label} occupancy`).toBeCloseTo(
        hours(tally.berthMs) / (row.berths * 24),
        6,
      );
      expect(row.departures, `${label} departures`).toBe(tally.departures);
      expect(row.meanTurnaroundHours ?? 0, `${label} turnaround`).toBeCloseTo(
        tally.departures === 0 ? 0 : hours(tally.turnaroundMs) / tally.departures,
        6,
      );
      expect(row.scheduledCalls, `${label} scheduled`).toBe(tally.scheduled);
      expect(row.onTimeCalls, `${label} on time`).toBe(tally.onTime);
      expect(row.meanAbsDeviationHours ?? 0, `${label} deviation`).toBeCloseTo(
        tally.scheduled === 0 ? 0 : hours(tally.deviationMs) / tally.scheduled,
        6,
      );
      berthings += row.berthings;
    }
    expect(berthings).toBeGreaterThanOrEqual(5);
    expect(kpis.total.scheduledCalls).toBe(kpis.total.berthings);
  });
});
