import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@harbor/db';
import { type TestDbTarget, testDbTargets } from '@harbor/db/testing';
import { computeCheckDigit, demoFleet, distanceM } from '@harbor/shared';
import {
  AisTcpSink,
  createRandom,
  createScenario,
  GateBooker,
  HarborSession,
  Jt808Sink,
  planGateBookings,
  runSimulation,
  type SimReport,
  type TruckHaul,
} from '@harbor/simulator';
import type { TRPCClient } from '@trpc/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/env.ts';
import type { AppRouter } from '../src/runtime/app-router.ts';
import { type Harbor, startHarbor } from '../src/runtime/runtime.ts';
import { pipelineCounters } from './harbor-process.ts';
import { nodeClient } from './live-client.ts';

// The port as a whole: Harbor on a real database, the simulator's seeded Shanghai driving it
// over AIS (TCP) and JT/T 808 for four simulated hours, with the berth schedule and the
// dispatchers' jobs planned from what the scenario will do. At the end: the ships that
// berthed and sailed have ATA and ATD, the jobs moved through their states by themselves,
// the container events and the yard agree, the vehicle reports add up, and the trucks' gate
// appointments (booked by the simulator's dispatchers) were kept as their own fixes say.

// The simulated day starts now and Harbor lives by the simulation's clock (played 600 times
// faster than life): the dispatchers assign their jobs at the start, the trucks' fixes then
// date every change after it, and none is ahead of Harbor's clock.
const T0 = Math.floor(Date.now() / 1000) * 1000;
const HOURS = 4;
const END = T0 + HOURS * 3_600_000;
const MINUTE = 60_000;
const FLEET = demoFleet(40);
const SCENARIO = {
  seed: 'harbor-port-scenario',
  start: new Date(T0),
  vessels: 30,
  vehicles: FLEET.map((truck) => ({ terminalPhone: truck.terminalPhone, plate: truck.plate })),
};
const iso = (ms: number) => new Date(ms).toISOString();
const PASSWORD = 'harbor-demo';

type Client = TRPCClient<AppRouter>;
type PlannedJob = {
  reference: string;
  organization: 'DHCL' | 'LGFT';
  plate: string;
  terminalPhone: string;
  containerNumber: string;
  pickup: TruckHaul;
  dropoff: TruckHaul;
};

/** What the scenario will do, read from a twin scenario with the same seed. */
function foresee() {
  const twin = createScenario(SCENARIO);
  const reports = twin.advanceTo(new Date(END));
  return { twin, reports };
}

/** Ships that come alongside (AIS status 5 after another status) or leave (the reverse) well inside the run. */
function berthMoves(reports: SimReport[]) {
  const statuses = new Map<number, { at: number; status: number }[]>();
  for (const report of reports) {
    if (report.kind !== 'ais') continue;
    for (const message of report.messages)
      if (message.type >= 1 && message.type <= 3 && 'status' in message)
        statuses.set(report.mmsi, [
          ...(statuses.get(report.mmsi) ?? []),
          { at: report.sentAt.getTime(), status: message.status },
        ]);
  }
  const berthed: { mmsi: number; at: number }[] = [];
  const sailed: { mmsi: number; at: number }[] = [];
  for (const [mmsi, list] of statuses) {
    for (let i = 1; i < list.length; i++) {
      const [before, now] = [list[i - 1], list[i]];
      if (!before || !now || now.at < T0 + 20 * MINUTE || now.at > END - 30 * MINUTE) continue;
      if (before.status !== 5 && now.status === 5) berthed.push({ mmsi, at: now.at });
      if (before.status === 5 && now.status !== 5) sailed.push({ mmsi, at: before.at });
    }
  }
  return { berthed, sailed };
}

function containerNumber(serial: number): string {
  const firstTen = `HRBU${String(serial).padStart(6, '0')}`;
  return `${firstTen}${computeCheckDigit(firstTen)}`;
}

const METRICS_TOKEN = 'port-scenario-metrics';

/** How long the port may take to settle after the simulation, and how often it is asked. */
const SETTLING = { timeout: 120_000, interval: 50 };

async function harborOn(target: TestDbTarget, now: () => Date) {
  const logger = pino({ level: 'warn' });
  const base = loadConfig({
    SEED: 'true',
    SEED_FLEET: String(FLEET.length),
    LOG_LEVEL: 'warn',
    METRICS_TOKEN,
  });
  const config = { ...base, host: '127.0.0.1', port: 0, jt808Port: 0, aisPort: 0 };
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'harbor-scenario-'));
    const harbor = await startHarbor(
      { ...config, databaseUrl: undefined, dataDir: dir },
      logger,
      now,
    );
    return { harbor, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.DATABASE_URL ?? '');
  const name = `harbor_scenario_${process.pid}_${Date.now()}`;
  const admin = await createDb({ databaseUrl: server.toString() });
  await admin.sql.exec(`CREATE DATABASE "${name}"`);
  const url = new URL(`/${name}`, server).toString();
  const harbor = await startHarbor({ ...config, databaseUrl: url }, logger, now);
  return {
    harbor,
    cleanUp: async () => {
      await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}

describe.each(testDbTargets())('four hours of the port on %s', (target) => {
  let harbor: Harbor;
  let cleanUp: () => Promise<void>;
  let operator: Client;
  const dispatchers = {} as Record<'DHCL' | 'LGFT', Client>;
  const seen = foresee();
  const moves = berthMoves(seen.reports);
  const jobs: PlannedJob[] = [];
  const jobIds = new Map<string, string>();
  let booker: GateBooker;
  // The scenario played below; its clock is Harbor's.
  const scenario = createScenario(SCENARIO);

  beforeAll(async () => {
    ({ harbor, cleanUp } = await harborOn(target, () => scenario.now));
    ({ client: operator } = await nodeClient(harbor.url, {
      email: 'operator@port.harbor.local',
      password: PASSWORD,
    }));
    dispatchers.DHCL = (
      await nodeClient(harbor.url, { email: 'dispatcher@dhcl.harbor.local', password: PASSWORD })
    ).client;
    dispatchers.LGFT = (
      await nodeClient(harbor.url, { email: 'dispatcher@lgft.harbor.local', password: PASSWORD })
    ).client;

    // The berth schedule: every cargo ship of the scenario at its berth, imported as a CSV.
    const cargo = seen.twin.vessels.filter((vessel) => vessel.berth);
    const schedule = [
      'vessel,vessel name,voyage,terminal,berth,eta,etd',
      ...cargo.map((vessel, i) => {
        const [terminal, berth] = (vessel.berth?.code ?? '').split('-');
        return `${vessel.mmsi},${vessel.name},${String(600 + i)}E,${terminal},${berth},${iso(T0 + 2 * 3_600_000)},${iso(T0 + 30 * 3_600_000)}`;
      }),
    ].join('\n');
    const imported = await operator.visits.importSchedule.mutate({ csv: schedule });
    expect(imported.visitsCreated).toBe(cargo.length);

    // Jobs: for each truck, the first pickup it will drive to after the start and the place
    // it goes next, between zones Harbor knows; each box waits at its pickup, gated in a day
    // before (on the ground of a yard slot at a terminal).
    const zones = await operator.port.zones.query({});
    const zoneByCode = new Map(zones.map((zone) => [zone.code, zone]));
    let serial = 1;
    for (const truck of FLEET) {
      const hauls = seen.twin.haulsOf(truck.terminalPhone);
      for (let k = 0; k + 1 < hauls.length; k++) {
        const [pickup, dropoff] = [hauls[k], hauls[k + 1]];
        if (!pickup || !dropoff) break;
        if (pickup.departsAtMs < T0 + 2 * MINUTE) continue;
        // A truck still at, or just leaving, the pickup terminal when the job is assigned would
        // pass its gate outwards first, which the gate alone cannot tell from arriving.
        const before = hauls[k - 1];
        if (before && (before.from === pickup.to || before.to === pickup.to)) continue;
        if (dropoff.arrivesAtMs > END - 20 * MINUTE) break;
        if (!zoneByCode.has(pickup.to) || !zoneByCode.has(dropoff.to)) break;
        jobs.push({
          reference: `SCN-${truck.terminalPhone.slice(-5)}`,
          organization: truck.organization,
          plate: truck.plate,
          terminalPhone: truck.terminalPhone,
          containerNumber: containerNumber(serial++),
          pickup,
          dropoff,
        });
        break;
      }
    }
    expect(jobs.length).toBeGreaterThanOrEqual(10);

    for (const job of jobs) {
      const zone = zoneByCode.get(job.pickup.to);
      if (!zone) throw new Error(`no zone ${job.pickup.to}`);
      const gateIn = {
        containerNumber: job.containerNumber,
        isoSizeType: '22G1',
        eventType: 'GTIN' as const,
        emptyIndicator: 'LADEN' as const,
        eventAt: iso(T0 - 24 * 3_600_000),
      };
      if (zone.terminalId) {
        // On the ground: a box under another cannot be gated out until the one above is moved.
        const slot = (
          await operator.yard.freeSlots.query({
            terminalId: zone.terminalId,
            lengthFeet: 20,
            limit: 500,
          })
        ).find((free) => free.tier === 1);
        if (!slot) throw new Error(`no free slot at ${job.pickup.to}`);
        await operator.containers.recordEvent.mutate({
          ...gateIn,
          terminalId: zone.terminalId,
          slot: { yardBlockId: slot.yardBlockId, bay: slot.bay, row: slot.row, tier: slot.tier },
        });
      } else {
        await operator.containers.recordEvent.mutate({ ...gateIn, zoneId: zone.id });
      }
    }
    for (const organization of ['DHCL', 'LGFT'] as const) {
      const own = jobs.filter((job) => job.organization === organization);
      if (own.length === 0) continue;
      const csv = [
        'reference,kind,container number,pickup zone code,drop-off zone code,window start,window end,note',
        ...own.map(
          (job) =>
            `${job.reference},CONTAINER_MOVE,${job.containerNumber},${job.pickup.to},${job.dropoff.to},${iso(job.pickup.departsAtMs)},${iso(job.dropoff.arrivesAtMs + 30 * MINUTE)},scenario`,
        ),
      ].join('\n');
      const { ids } = await dispatchers[organization].dispatch.import.mutate({ csv });
      const vehicles = await dispatchers[organization].vehicles.list.query({ limit: 100 });
      for (const [i, job] of own.entries()) {
        const id = ids[i] as string;
        jobIds.set(job.reference, id);
        const vehicle = vehicles.items.find((v) => v.plate === job.plate);
        if (!vehicle) throw new Error(`no truck ${job.plate}`);
        await dispatchers[organization].dispatch.assign.mutate({ id, vehicleId: vehicle.id });
      }
    }

    // The companies' dispatchers book their trucks' terminal visits at the gates, as the
    // simulator does with --book-slots.
    booker = new GateBooker(
      ['dhcl', 'lgft'].map(
        (company) =>
          new HarborSession({
            url: harbor.url,
            email: `dispatcher@${company}.harbor.local`,
            password: PASSWORD,
          }),
      ),
      () => {},
    );
    await booker.book(
      planGateBookings(
        FLEET.map((truck) => ({
          terminalPhone: truck.terminalPhone,
          plate: truck.plate,
          hauls: seen.twin.haulsOf(truck.terminalPhone),
        })),
        { fromMs: T0, untilMs: END, random: createRandom('harbor-port-scenario/gate-bookings') },
      ),
    );

    // Four hours of the port, 600 times faster than life, over the real protocols.
    const ais = new AisTcpSink({ host: '127.0.0.1', port: harbor.aisPort });
    const jt808 = new Jt808Sink({
      host: '127.0.0.1',
      port: harbor.jt808Port,
      vehicles: scenario.vehicles,
    });
    const sinks = [ais, jt808];
    for (const sink of sinks) sink.start();
    await runSimulation({
      scenario,
      sinks,
      capture: null,
      speed: 600,
      durationMs: END - T0,
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    // Every report answered, which Harbor does once its fixes are stored; every AIS sentence
    // read and its fixes stored; then every stored batch through the after-write rules.
    await vi.waitFor(() => {
      if (!jt808.isSettled)
        throw new Error(`JT/T 808 not settled: ${JSON.stringify(jt808.counters)}`);
    }, SETTLING);
    await Promise.all(sinks.map((sink) => sink.close()));
    await vi.waitFor(
      async () =>
        expect(await pipelineCounters(harbor.url, METRICS_TOKEN)).toMatchObject({
          'ais.lines': ais.counters.sent,
          'ais.batchesWaiting': 0,
        }),
      SETTLING,
    );
    await vi.waitFor(() => expect(harbor.tracker.observing).toBe(0), SETTLING);
    expect(ais.counters.errors).toBe(0);
    expect(jt808.counters.errors).toBe(0);
    expect(jt808.counters.acknowledged).toBe(jt808.counters.sent);
  }, 600_000);

  afterAll(async () => {
    await harbor?.stop();
    await cleanUp?.();
  });

  it('records ATA for the ships that came alongside and ATD for those that sailed', async () => {
    expect(moves.berthed.length).toBeGreaterThan(0);
    expect(moves.sailed.length).toBeGreaterThan(0);
    const visits = await operator.visits.list.query({ limit: 200 });
    const visitOf = (mmsi: number) =>
      visits.items.filter((visit) => visit.vessel.mmsi === mmsi && visit.ata !== null);
    for (const { mmsi, at } of moves.berthed) {
      // The berth zone is the water strip along the quay: entered on the last approach,
      // minutes before the ship reports itself moored.
      const visit = visitOf(mmsi).find((v) => Math.abs(Date.parse(v.ata ?? '') - at) < 60 * MINUTE);
      expect(visit, `ATA of ${mmsi} near ${iso(at)}`).toBeDefined();
      expect(Date.parse(visit?.ata ?? '')).toBeLessThanOrEqual(at);
      expect(['BERTHED', 'DEPARTED']).toContain(visit?.status);
    }
    for (const { mmsi, at } of moves.sailed) {
      const visit = visitOf(mmsi).find(
        (v) => v.atd !== null && Math.abs(Date.parse(v.atd) - at) < 60 * MINUTE,
      );
      expect(visit, `ATD of ${mmsi} near ${iso(at)}`).toBeDefined();
      expect(visit?.status).toBe('DEPARTED');
      expect(Date.parse(visit?.atd ?? '')).toBeGreaterThanOrEqual(at);
    }
  });

  it('moved every job from assignment to delivery by itself, with the gate events', async () => {
    for (const job of jobs) {
      const client = dispatchers[job.organization];
      const detail = await client.dispatch.get.query({ id: jobIds.get(job.reference) ?? '' });
      const changes = detail.events.map((event) => [event.toStatus, event.actorKind]);
      expect(changes, job.reference).toEqual([
        ['PLANNED', 'USER'],
        ['ASSIGNED', 'USER'],
        ['EN_ROUTE_PICKUP', expect.stringMatching(/^(SYSTEM|GEOFENCE)$/)],
        ['AT_PICKUP', 'GEOFENCE'],
        ['LOADED', 'GEOFENCE'],
        ['EN_ROUTE_DROPOFF', 'GEOFENCE'],
        ['DELIVERED', 'GEOFENCE'],
      ]);
      const timeOf = (status: string) =>
        Date.parse(detail.events.find((event) => event.toStatus === status)?.at ?? '');
      // Loaded as it left the pickup, delivered as it came to the drop-off.
      expect(timeOf('LOADED')).toBeGreaterThanOrEqual(job.dropoff.departsAtMs);
      expect(timeOf('DELIVERED')).toBeLessThanOrEqual(job.dropoff.arrivesAtMs);
      expect(timeOf('DELIVERED')).toBeGreaterThan(timeOf('LOADED'));

      const container = await operator.containers.get.query({ number: job.containerNumber });
      if (container.access !== 'FULL') throw new Error('port staff see every container in full');
      const moved = container.events.filter((event) => event.dispatchJobId === detail.id);
      expect(moved.map((event) => event.eventType)).toEqual(['GTOT', 'GTIN']);
      expect(Date.parse(moved[0]?.eventAt ?? '')).toBe(timeOf('LOADED'));
      expect(Date.parse(moved[1]?.eventAt ?? '')).toBe(timeOf('DELIVERED'));
    }
  });

  it('has the containers where their events put them, and a yard that agrees', async () => {
    const zones = await operator.port.zones.query({});
    const zoneByCode = new Map(zones.map((zone) => [zone.code, zone]));
    for (const job of jobs) {
      const container = await operator.containers.get.query({ number: job.containerNumber });
      if (container.access !== 'FULL') throw new Error('port staff see every container in full');
      const { state } = container;
      const dropoff = zoneByCode.get(job.dropoff.to);
      if (dropoff?.terminalId) {
        expect(state).toMatchObject({ place: 'TERMINAL', terminalId: dropoff.terminalId });
      } else {
        expect(state).toMatchObject({ place: 'FACILITY', zoneId: dropoff?.id });
      }
      // Gated out of its slot: nothing of it is left in the yard.
      expect(state?.yardBlockId ?? null).toBeNull();
    }
    const occupancy = await operator.yard.occupancy.query({});
    const inSlots = await harbor.db.prisma.containerState.findMany({
      where: { place: 'TERMINAL', yardBlockId: { not: null } },
      select: { terminalId: true },
    });
    for (const terminal of occupancy) {
      expect(terminal.containers, terminal.terminalCode).toBe(
        inSlots.filter((state) => state.terminalId === terminal.terminalId).length,
      );
    }
    const slots = await harbor.db.prisma.yardSlot.count();
    expect(occupancy.reduce((sum, terminal) => sum + terminal.occupiedTeu, 0)).toBe(slots);
  });

  it('reports distance, stops and on-time jobs per truck that add up', async () => {
    const period = { from: iso(T0), to: iso(END) };
    const fixesOf = new Map<string, { at: number; lat: number; lon: number }[]>();
    for (const report of seen.reports) {
      if (report.kind !== 'truck' || report.isDuplicate) continue;
      for (const fix of report.fixes)
        fixesOf.set(report.terminalPhone, [
          ...(fixesOf.get(report.terminalPhone) ?? []),
          { at: fix.time.getTime(), lat: fix.lat, lon: fix.lon },
        ]);
    }
    for (const organization of ['DHCL', 'LGFT'] as const) {
      const rows = await dispatchers[organization].reports.vehicles.query(period);
      for (const job of jobs.filter((j) => j.organization === organization)) {
        const row = rows.find((r) => r.plate === job.plate);
        expect(row, job.plate).toMatchObject({ jobsDelivered: 1, jobsOnTime: 1, onTimeRate: 1 });
        // The distance the scenario drove, from its own fixes in time order.
        const fixes = [...(fixesOf.get(job.terminalPhone) ?? [])].sort((a, b) => a.at - b.at);
        let km = 0;
        for (let i = 1; i < fixes.length; i++) {
          const [a, b] = [fixes[i - 1], fixes[i]] as [(typeof fixes)[0], (typeof fixes)[0]];
          km += distanceM([a.lon, a.lat], [b.lon, b.lat]) / 1000;
        }
        expect(row?.distanceKm).toBeGreaterThan(km * 0.95);
        expect(row?.distanceKm).toBeLessThan(km * 1.05);
        expect((row?.movingMinutes ?? 0) + (row?.stoppedMinutes ?? 0)).toBeLessThanOrEqual(
          HOURS * 60,
        );
        const detail = await dispatchers[organization].reports.vehicle.query({
          ...period,
          vehicleId: row?.vehicleId ?? '',
        });
        const tripKm = detail.trips.reduce((sum, trip) => sum + trip.distanceKm, 0);
        expect(tripKm).toBeLessThanOrEqual((row?.distanceKm ?? 0) + 0.01);
        expect(detail.trips.length).toBe(row?.tripCount);
        expect(detail.stops.length).toBe(row?.stopCount);
      }
    }
  });

  it('judges the gate appointments as the trucks’ own fixes and gate events say', async () => {
    expect(booker.counters.booked).toBeGreaterThanOrEqual(10);
    expect(booker.counters.unknown).toBe(0);
    // The terminals' gate zones, and when each truck drove into one, read from the fixes the
    // scenario sent in the order it sent them (a fix older than the last one used is late and
    // moves nothing, as in any tracker).
    const gates = (await operator.port.zones.query({})).filter(
      (zone) => zone.kind === 'GATE' && zone.terminalId !== null,
    );
    const phoneOf = new Map(FLEET.map((truck) => [truck.plate, truck.terminalPhone]));
    const arrivals = new Map<string, { terminalId: string; at: number }[]>();
    const last = new Map<string, { at: number; inside: Set<string> }>();
    for (const report of seen.reports) {
      if (report.kind !== 'truck' || report.isDuplicate) continue;
      for (const fix of report.fixes) {
        const at = fix.time.getTime();
        const state = last.get(report.terminalPhone) ?? { at: -1, inside: new Set<string>() };
        if (at <= state.at) continue;
        const inside = new Set(
          gates.filter((zone) =>
            insidePolygon(fix.lon, fix.lat, zone.polygon.coordinates[0] ?? []),
          ),
        );
        for (const zone of inside)
          if (!state.inside.has(zone.id))
            arrivals.set(report.terminalPhone, [
              ...(arrivals.get(report.terminalPhone) ?? []),
              { terminalId: zone.terminalId as string, at },
            ]);
        last.set(report.terminalPhone, { at, inside: new Set([...inside].map((z) => z.id)) });
      }
    }
    // The jobs' gate-outs and gate-ins name their trucks at terminals too.
    for (const job of jobs) {
      const container = await operator.containers.get.query({ number: job.containerNumber });
      if (container.access !== 'FULL') throw new Error('port staff see every container in full');
      for (const event of container.events)
        if ((event.eventType === 'GTIN' || event.eventType === 'GTOT') && event.terminalId)
          if (event.dispatchJobId === jobIds.get(job.reference))
            arrivals.set(job.terminalPhone, [
              ...(arrivals.get(job.terminalPhone) ?? []),
              { terminalId: event.terminalId, at: Date.parse(event.eventAt) },
            ]);
    }

    const range = { from: iso(T0 - 3_600_000), to: iso(END + 3 * 3_600_000) };
    const booked = (await operator.gates.appointments.query(range)).filter(
      (a) => a.status === 'BOOKED',
    );
    expect(booked.length).toBe(booker.counters.booked);
    const HOUR = 3_600_000;
    const expected = new Map<string, string>();
    for (const slot of booked) {
      const phone = phoneOf.get(slot.vehicle.plate) as string;
      const start = Date.parse(slot.slotStart);
      const others = booked.filter(
        (o) =>
          o.id !== slot.id && o.vehicle.id === slot.vehicle.id && o.terminalId === slot.terminalId,
      );
      // The first showing within three hours of the slot that no other slot of the truck there
      // is nearer to (the earlier slot on a tie).
      const candidates = (arrivals.get(phone) ?? []).filter(
        (a) =>
          a.terminalId === slot.terminalId &&
          a.at >= start - 3 * HOUR &&
          a.at < start + 3 * HOUR &&
          !others.some((o) => {
            const [mine, theirs] = [
              Math.abs(a.at - start),
              Math.abs(a.at - Date.parse(o.slotStart)),
            ];
            return theirs < mine || (theirs === mine && Date.parse(o.slotStart) < start);
          }),
      );
      const arrived = candidates.length > 0 ? Math.min(...candidates.map((a) => a.at)) : null;
      const verdict =
        arrived === null
          ? END >= start + 3 * HOUR
            ? 'NO_SHOW'
            : 'PENDING'
          : arrived < start - 30 * MINUTE
            ? 'EARLY'
            : arrived < start + HOUR
              ? 'ON_TIME'
              : 'LATE';
      expected.set(slot.id, verdict);
    }
    expect(Object.fromEntries(booked.map((a) => [a.id, a.punctuality]))).toEqual(
      Object.fromEntries(expected),
    );
    // Every kind of outcome happened, and the figures by company add up to the same.
    const verdicts = new Set(expected.values());
    for (const kind of ['ON_TIME', 'EARLY', 'LATE', 'NO_SHOW']) expect(verdicts).toContain(kind);
    const byCompany = await operator.gates.punctuality.query(range);
    for (const row of byCompany) {
      const own = booked.filter((a) => a.organizationId === row.organizationId);
      const count = (kind: string) => own.filter((a) => expected.get(a.id) === kind).length;
      expect(row).toMatchObject({
        booked: own.length,
        onTime: count('ON_TIME'),
        early: count('EARLY'),
        late: count('LATE'),
        noShow: count('NO_SHOW'),
        pending: count('PENDING'),
      });
    }
  });
});

/** Whether a point is inside a polygon ring ([lon, lat] pairs), by ray casting. */
function insidePolygon(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
