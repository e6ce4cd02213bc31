import { testDbTargets } from '@harbor/db/testing';
import { type Fix, kmhToKnots } from '@harbor/shared';
import { createScenario, Jt808Client, type SinkCounters } from '@harbor/simulator';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.ts';
import { at, buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { Jt808Gateway } from '../../edges/gateways/jt808-gateway.ts';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { TerminalCommander } from '../vehicles/commands.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { storeMediaUpload } from '../vehicles/media.ts';
import { DispatchMonitor } from './monitor.ts';
import { requestProofPhoto } from './proof.ts';

// Proof of delivery end to end: a job that asks for it is delivered by its truck's own fixes
// (the geofence engine and the dispatch monitor, as the tracker runs them); Harbor asks the
// truck's terminal (the simulator's, over the real gateway) for a photo; the photo arrives in
// packages and is the job's, shown with it; the DELIVERED change records where the truck was.
const PHONE = '013916001001'; // 沪D12345's terminal in the seed

type Point = { lat: number; lon: number };

describe.each(testDbTargets())('proof of delivery on %s', (target) => {
  let world: DispatchWorld;
  let zones: FenceZone[];
  let geofence: GeofenceEngine;
  let monitor: DispatchMonitor;
  let gateway: Jt808Gateway;
  let commander: TerminalCommander;
  let client: Jt808Client;
  const counters: SinkCounters = { sent: 0, acknowledged: 0, refused: 0, errors: 0 };

  const centre = (code: string): Point => {
    const zone = zones.find((z) => z.code === code);
    if (!zone) throw new Error(`no zone ${code} in the seed`);
    return { lat: (zone.minLat + zone.maxLat) / 2, lon: (zone.minLon + zone.maxLon) / 2 };
  };
  const fix = (minutes: number, where: Point, kmh = 0): Fix => ({
    assetKind: 'VEHICLE',
    assetKey: PHONE,
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
  /** What the tracker does with a batch: geofence it, then hand it to the monitor. */
  const track = async (...fixes: Fix[]) => {
    const { transitions } = geofence.updateBatch(fixes);
    await monitor.observe(fixes, transitions);
  };

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    zones = (await loadFenceZones(world.db)).zones;
    geofence = new GeofenceEngine(zones);
    const logger = pino({ level: 'silent' });
    commander = new TerminalCommander({ db: world.db, now: () => new Date(), logger });
    monitor = new DispatchMonitor({
      db: world.db,
      now: () => at(120),
      logger,
      onDelivered: (job) => requestProofPhoto({ db: world.db, commander }, job),
    });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(world.db),
      logger,
      now: () => new Date(),
      publish: async () => {},
      storeMedia: (phone, upload, receivedAt) =>
        storeMediaUpload(world.db, phone, upload, receivedAt),
      onTerminalResponse: (phone, response) => commander.onTerminalResponse(phone, response),
      onCommandAnswer: (phone, answer) => commander.onCommandAnswer(phone, answer),
    });
    commander.attach(gateway);
    const port = await gateway.listen(0, '127.0.0.1');
    const [truck] = createScenario({
      seed: 'proof',
      start: new Date(),
      vessels: 0,
      vehicles: [{ terminalPhone: PHONE }],
    }).vehicles;
    if (!truck) throw new Error('no truck');
    client = new Jt808Client({ host: '127.0.0.1', port, vehicle: truck, counters });
    client.start();
    await until(() => client.state === 'online');
    // The terminal's own last position: where its camera's photo says it was taken.
    const depot = (await loadFenceZones(world.db)).zones.find((z) => z.code === 'LCG-DEPOT');
    if (!depot) throw new Error('no depot');
    client.send([
      {
        time: new Date(Date.now() - 2_000),
        lat: (depot.minLat + depot.maxLat) / 2,
        lon: (depot.minLon + depot.maxLon) / 2,
        speedKmh: 0,
        courseDeg: 0,
        altitudeM: 4,
        isAccOn: true,
      },
    ]);
    await until(() => counters.acknowledged >= 3);
  });
  afterAll(async () => {
    await client?.stop();
    await gateway?.close();
    await world?.db.drop();
  });

  it('asks the truck for a photo as the job is delivered, and keeps it with the job', async () => {
    const caller = world.with('dhclDispatcher');
    const { id } = await caller.dispatch.create({
      reference: 'POD-1',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(120),
      requiresProofPhoto: true,
    });
    await caller.dispatch.assign({ id, vehicleId: (await world.vehicle('沪D12345')).id });
    const gate = centre('YSP4-GATE');
    const away = { lat: gate.lat + 1.5 / 111.2, lon: gate.lon };
    await track(fix(1, away, 30));
    await track(fix(6, gate, 12));
    await track(fix(8, centre('YSP4-Y01'), 15));
    await track(fix(13, gate, 10));
    await track(fix(15, { lat: gate.lat + 0.8 / 111.2, lon: gate.lon }, 20));
    expect((await caller.dispatch.get({ id })).photos).toEqual([]);
    const depot = centre('LCG-DEPOT');
    await track(fix(50, depot, 10));

    // The photo comes from the terminal within moments, in packages, and is the job's.
    await until(
      async () => (await world.db.prisma.terminalMedia.count({ where: { dispatchJobId: id } })) > 0,
    );
    const job = await caller.dispatch.get({ id });
    expect(job).toMatchObject({ status: 'DELIVERED', requiresProofPhoto: true });
    expect(job.photos).toHaveLength(1);
    expect(job.photos[0]).toMatchObject({
      kind: 'IMAGE',
      contentType: 'image/jpeg',
      dispatchJobId: id,
    });
    expect(job.photos[0]?.lat).toBeCloseTo(depot.lat, 5);
    // Who, when and where: the drop-off zone crossing that delivered it.
    const delivered = job.events.find((event) => event.toStatus === 'DELIVERED');
    expect(delivered).toMatchObject({ actorKind: 'GEOFENCE', at: iso(50) });
    expect(delivered?.position?.lat).toBeCloseTo(depot.lat, 6);
    expect(delivered?.position?.lon).toBeCloseTo(depot.lon, 6);
    const command = await world.db.prisma.terminalCommand.findFirstOrThrow({
      where: { dispatchJobId: id },
    });
    expect(command).toMatchObject({ kind: 'TAKE_PHOTO', status: 'ANSWERED', requestedById: null });
  });

  it('links a photo a dispatcher asks for from the job to that job, and no photo to a job that asks none', async () => {
    const caller = world.with('dhclDispatcher');
    const { id } = await caller.dispatch.create({
      reference: 'POD-2',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    const truck = await world.vehicle('沪D12345');
    await caller.dispatch.assign({ id, vehicleId: truck.id });
    const asked = await world.with('dhclDispatcher', { commander }).vehicles.sendCommand({
      vehicleId: truck.id,
      command: { kind: 'TAKE_PHOTO', channelId: 1 },
      jobId: id,
    });
    expect(asked.dispatchJobId).toBe(id);
    await until(
      async () => (await world.db.prisma.terminalMedia.count({ where: { dispatchJobId: id } })) > 0,
    );
    expect((await caller.dispatch.get({ id })).photos).toHaveLength(1);
    // A job of another truck is not this truck's to prove.
    const other = await caller.dispatch.create({
      reference: 'POD-3',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    await expect(
      world.with('dhclDispatcher', { commander }).vehicles.sendCommand({
        vehicleId: truck.id,
        command: { kind: 'TAKE_PHOTO', channelId: 1 },
        jobId: other.id,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(counters.errors).toBe(0);
  });
});
