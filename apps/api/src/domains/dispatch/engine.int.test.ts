import { testDbTargets } from '@harbor/db/testing';
import { type DispatchJobChange, type Fix, kmhToKnots } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { recordEquipmentEventInTransaction } from '../containers/events.ts';
import { jobChangeTopic } from './job-changes.ts';
import { DispatchMonitor } from './monitor.ts';

type Point = { lat: number; lon: number };

describe.each(testDbTargets())('automatic advancement from real geofences on %s', (target) => {
  let world: DispatchWorld;
  let zones: FenceZone[];
  let geofence: GeofenceEngine;
  let monitor: DispatchMonitor;
  const heard: DispatchJobChange[] = [];

  const centre = (code: string): Point => {
    const zone = zones.find((z) => z.code === code);
    if (!zone) throw new Error(`no zone ${code} in the seed`);
    return { lat: (zone.minLat + zone.maxLat) / 2, lon: (zone.minLon + zone.maxLon) / 2 };
  };
  const offset = (point: Point, northKm: number): Point => ({
    lat: point.lat + northKm / 111.2,
    lon: point.lon,
  });
  const fix = (phone: string, minutes: number, where: Point, kmh = 0): Fix => ({
    assetKind: 'VEHICLE',
    assetKey: phone,
    fixAt: at(minutes),
    receivedAt: at(minutes),
    lat: where.lat,
    lon: where.lon,
    speedKnots: kmhToKnots(kmh),
    courseDeg: 0,
    headingDeg: null,
    altitudeM: null,
    status: 'ACC_ON',
    source: 'JT808',
  });
  /**
   * What the tracker does with a batch: geofence it, commit the zone events with the fixes,
   * then hand both to the monitor.
   */
  const track = async (...fixes: Fix[]) => {
    const { transitions } = geofence.updateBatch(fixes);
    await world.db.prisma.geofenceEvent.createMany({
      data: transitions.map(({ zoneId, assetKind, assetKey, transition, at, lat, lon }) => ({
        zoneId,
        assetKind,
        assetKey,
        transition,
        at,
        lat,
        lon,
      })),
    });
    await monitor.observe(fixes, transitions);
    return transitions;
  };
  const newJob = async (
    user: 'dhclDispatcher' | 'lgftDispatcher',
    reference: string,
    containerNumber: string | undefined,
    dropoffZoneCode: string,
    plate: string,
  ) => {
    const caller = world.with(user);
    const { id } = await caller.dispatch.create({
      reference,
      containerNumber,
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode,
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    await caller.dispatch.assign({ id, vehicleId: (await world.vehicle(plate)).id });
    return id;
  };
  const historyOf = async (id: string) =>
    (await world.with('portViewer').dispatch.get({ id })).events.map((e) => [
      e.toStatus,
      e.actorKind,
      e.note,
    ]);

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    zones = (await loadFenceZones(world.db)).zones;
    geofence = new GeofenceEngine(zones);
    const jobChanges = jobChangeTopic();
    jobChanges.subscribe((change) => heard.push(change));
    monitor = new DispatchMonitor({
      db: world.db,
      jobChanges,
      now: () => at(120),
      logger: pino({ level: 'silent' }),
    });
    const vehicle = await world.vehicle('沪D23456');
    await world.db.prisma.device.create({
      data: {
        terminalPhone: '013916001002',
        vehicleId: vehicle.id,
        organizationId: vehicle.organizationId,
      },
    });
    // CSQU3054383 came into Yangshan IV through its gate two hours ago.
    const ysp4 = await world.db.prisma.terminal.findFirstOrThrow({ where: { code: 'YSP4' } });
    await recordEquipmentEventInTransaction(
      world.db,
      {
        containerNumber: 'CSQU3054383',
        eventType: 'GTIN',
        emptyIndicator: 'LADEN',
        eventAt: iso(-120),
        terminalId: ysp4.id,
      },
      { recordedById: null },
      { now: at(-120) },
    );
  });
  afterAll(() => world.db.drop());

  it('carries a job from ASSIGNED to DELIVERED with the container gated out and in', async () => {
    const id = await newJob('dhclDispatcher', 'AUTO-1', 'CSQU3054383', 'LCG-DEPOT', '沪D12345');
    const phone = '013916001001';
    const gate = centre('YSP4-GATE');
    const waiting = offset(gate, 1.5);
    // Standing, then GPS jitter of a few metres: still ASSIGNED.
    await track(fix(phone, 1, waiting));
    await track(fix(phone, 2, offset(waiting, 0.004)));
    expect((await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id } })).status).toBe(
      'ASSIGNED',
    );
    await track(fix(phone, 3, offset(waiting, -0.3), 32));
    const entered = await track(fix(phone, 6, gate, 12));
    expect(entered.map((t) => [t.zoneCode, t.transition])).toEqual([['YSP4-GATE', 'ENTER']]);
    // In through the gate to the yard block, where the box is put on the truck: not yet loaded.
    await track(fix(phone, 8, centre('YSP4-Y01'), 15));
    expect((await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id } })).status).toBe(
      'AT_PICKUP',
    );
    // Out through the gate again, loaded.
    await track(fix(phone, 13, gate, 10));
    await track(fix(phone, 15, offset(gate, 0.8), 20));
    await track(fix(phone, 50, centre('LCG-DEPOT'), 10));

    expect(await historyOf(id)).toEqual([
      ['PLANNED', 'USER', 'created'],
      ['ASSIGNED', 'USER', 'assigned to 沪D12345'],
      ['EN_ROUTE_PICKUP', 'SYSTEM', 'truck started moving (32 km/h)'],
      ['AT_PICKUP', 'GEOFENCE', 'entered pickup zone YSP4-GATE'],
      ['LOADED', 'GEOFENCE', 'left pickup zone YSP4-GATE loaded'],
      ['EN_ROUTE_DROPOFF', 'GEOFENCE', 'left pickup zone YSP4-GATE for drop-off zone LCG-DEPOT'],
      ['DELIVERED', 'GEOFENCE', 'entered drop-off zone LCG-DEPOT'],
    ]);
    const job = await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: 'DELIVERED', deliveredAt: at(50) });
    const moves = await world.db.prisma.equipmentEvent.findMany({
      where: { dispatchJobId: id },
      orderBy: { eventAt: 'asc' },
      include: { zone: { select: { code: true } }, terminal: { select: { code: true } } },
    });
    const truck = await world.vehicle('沪D12345');
    expect(
      moves.map((m) => [
        m.eventType,
        m.terminal?.code ?? null,
        m.zone?.code ?? null,
        m.vehicleId,
        m.eventAt,
      ]),
    ).toEqual([
      ['GTOT', 'YSP4', 'YSP4-GATE', truck.id, at(15)],
      ['GTIN', null, 'LCG-DEPOT', truck.id, at(50)],
    ]);
    const state = await world.db.prisma.containerState.findFirstOrThrow({
      where: { container: { number: 'CSQU3054383' } },
      include: { zone: { select: { code: true } } },
    });
    expect(state).toMatchObject({ place: 'FACILITY', zone: { code: 'LCG-DEPOT' } });
    // Every change went out live, in order.
    expect(heard.filter((c) => c.job.id === id).map((c) => c.event.toStatus)).toEqual([
      'EN_ROUTE_PICKUP',
      'AT_PICKUP',
      'LOADED',
      'EN_ROUTE_DROPOFF',
      'DELIVERED',
    ]);
  });

  it('after a restart inside the terminal, still waits for the second pass of the gate', async () => {
    const id = await newJob('dhclDispatcher', 'AUTO-R', undefined, 'LCG-DEPOT', '沪D12345');
    const phone = '013916001001';
    const gate = centre('YSP4-GATE');
    await track(fix(phone, 60, offset(gate, 1), 30), fix(phone, 62, gate, 10));
    await track(fix(phone, 64, centre('YSP4-Y01'), 15));
    // Harbor restarts while the truck is in the yard: a new monitor knows nothing yet.
    monitor = new DispatchMonitor({
      db: world.db,
      now: () => at(120),
      logger: pino({ level: 'silent' }),
    });
    await track(fix(phone, 66, centre('YSP4-Y01'), 0));
    expect((await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id } })).status).toBe(
      'AT_PICKUP',
    );
    await track(fix(phone, 69, gate, 10), fix(phone, 71, offset(gate, 0.8), 20));
    expect((await historyOf(id)).slice(3).map(([status, , note]) => [status, note])).toEqual([
      ['AT_PICKUP', 'entered pickup zone YSP4-GATE'],
      ['LOADED', 'left pickup zone YSP4-GATE loaded'],
      ['EN_ROUTE_DROPOFF', 'left pickup zone YSP4-GATE for drop-off zone LCG-DEPOT'],
    ]);
    expect(
      (
        await world.db.prisma.dispatchJobEvent.findFirstOrThrow({
          where: { jobId: id, toStatus: 'LOADED' },
        })
      ).at,
    ).toEqual(at(71));
    await world.with('dhclDispatcher').dispatch.transition({ id, to: 'CANCELLED' });
  });

  it('advances the job even when the containers service refuses the gate-out, and says why', async () => {
    // TCNU7200794 was never gated in anywhere: a gate-out at Yangshan IV is impossible.
    const id = await newJob('lgftDispatcher', 'AUTO-2', 'TCNU7200794', 'LG-DEPOT', '沪E45678');
    const phone = '013816002001';
    const gate = centre('YSP4-GATE');
    const refusedBefore = monitor.stats.refusedContainerEvents;
    await track(fix(phone, 1, offset(gate, 2), 40), fix(phone, 5, gate, 10));
    await track(fix(phone, 8, centre('YSP4-Y01'), 15), fix(phone, 11, gate, 10));
    await track(fix(phone, 12, offset(gate, 1), 25));
    const history = await historyOf(id);
    expect(history.map(([status]) => status)).toEqual([
      'PLANNED',
      'ASSIGNED',
      'EN_ROUTE_PICKUP',
      'AT_PICKUP',
      'LOADED',
      'EN_ROUTE_DROPOFF',
    ]);
    expect(history[4]?.[2]).toMatch(
      /^left pickup zone YSP4-GATE loaded; GTOT of the container not recorded: cannot GTOT TCNU7200794: it is OUTSIDE/,
    );
    expect(monitor.stats.refusedContainerEvents).toBe(refusedBefore + 1);
    expect(await world.db.prisma.equipmentEvent.count({ where: { dispatchJobId: id } })).toBe(0);
  });

  it('starts a truck that leaves where it stood without a fast fix, through several statuses in one batch', async () => {
    const id = await newJob('dhclDispatcher', 'AUTO-3', undefined, 'YSBZ-WH1', '沪D23456');
    const phone = '013916001002';
    const gate = centre('YSP4-GATE');
    const stood = offset(gate, 3);
    await track(
      fix(phone, 1, stood, 2),
      fix(phone, 4, offset(stood, -0.5), 4),
      fix(phone, 9, gate, 4),
    );
    expect((await historyOf(id)).slice(2)).toEqual([
      ['EN_ROUTE_PICKUP', 'SYSTEM', 'truck left its position (500 m)'],
      ['AT_PICKUP', 'GEOFENCE', 'entered pickup zone YSP4-GATE'],
    ]);
  });

  it('ignores fixes of trucks without an active job and zones that are not the job’s', async () => {
    const before = monitor.stats.advanced;
    await track(fix('013916001001', 60, centre('YSP4-GATE'), 10));
    await track(fix('013999999999', 60, centre('YSP1-GATE'), 10));
    expect(monitor.stats.advanced).toBe(before);
    expect(monitor.stats).toMatchObject({ failedWrites: 0, conflicts: 0 });
  });
});
