/**
 * The AIS edge under a hostile sender. AIS is unauthenticated radio and Harbor's AIS port
 * (TCP/UDP 10110) takes any sender, so anyone can send static data (types 5, 19, 24) for any
 * MMSI. What the port curated must survive it, and one sender must not grow Harbor's memory
 * or its database queue without bound.
 */
import { connect } from 'node:net';
import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { type AisMessage, encodeAisMessage, type StaticAndVoyageData } from '@harbor/protocols/ais';
import type { Fix } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AisStaticRecorder } from '../../src/domains/vessels/static-data.ts';
import { AisGateway } from '../../src/edges/gateways/ais-gateway.ts';
import { AisIngest } from '../../src/edges/gateways/ais-ingest.ts';
import { buildWorld, type World } from '../fixtures.ts';

const T0 = Date.parse('2026-11-25T00:00:00Z');
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const NOW = new Date(T0 + 3_600_000);

/** The seed's COSCO SHIPPING UNIVERSE: 400 m, 16 m draught, IMO 9795610, container ship (71). */
const UNIVERSE = 477266900;
/** The seed's EVER GIVEN, curated IMO 9811000. */
const EVER_GIVEN_IMO = 9811000;
const CACHE_ENTRIES = 50;

function type5(mmsi: number, fields: Partial<StaticAndVoyageData>): StaticAndVoyageData {
  return {
    type: 5,
    repeat: 0,
    mmsi,
    aisVersion: 2,
    imo: null,
    callSign: 'SPOOF1',
    shipName: 'SPOOFED',
    shipType: 52,
    dimensions: { toBowM: 60, toSternM: 60, toPortM: 10, toStarboardM: 10 },
    epfd: 1,
    eta: { month: 11, day: 26, hour: 8, minute: 0 },
    draughtM: 5,
    destination: 'NOWHERE',
    dte: false,
    ...fields,
  };
}

/** A position report: the gateway publishes it after handling every line sent before it. */
function marker(mmsi: number): AisMessage {
  return {
    type: 1,
    repeat: 0,
    mmsi,
    status: 0,
    turn: 0,
    rateOfTurnDegPerMin: 0,
    speedKnots: 10,
    accuracy: true,
    lon: 122.05,
    lat: 30.6,
    courseDeg: 90,
    headingDeg: 90,
    second: null,
    maneuver: 0,
    raim: false,
    radio: 0,
  };
}

describe.each(testDbTargets())('a hostile AIS sender, on %s', (target) => {
  let world: World;
  let gateway: AisGateway;
  let port: number;
  let terminalId: string;
  let visitId: string;
  const waiting = new Map<string, () => void>();
  let nextMarker = 413_900_000;

  /**
   * Sends the messages over one TCP connection to the real gateway, then a marker position
   * report, and resolves when the marker's fix is published: the gateway reads a connection
   * in order, so every message before it has been handled (and its static data written).
   */
  async function send(messages: AisMessage[]): Promise<void> {
    const markerMmsi = nextMarker++;
    const published = new Promise<void>((resolve) =>
      waiting.set(String(markerMmsi), () => resolve()),
    );
    const lines = [...messages, marker(markerMmsi)].flatMap((message, i) =>
      encodeAisMessage(message, { sequentialId: i % 10 }),
    );
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`${lines.join('\r\n')}\r\n`);
    await published;
    socket.destroy();
  }

  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date(T0), fleetSize: 0 });
    // WGQ1 B02: 372 m of quay and 12.5 m of water; the 400 m, 16 m ship is too long and too deep.
    const berth = await world.db.prisma.berth.findFirstOrThrow({
      where: { terminal: { code: 'WGQ1' }, code: 'B02' },
    });
    terminalId = berth.terminalId;
    visitId = (
      await world.as('portOperator').visits.create({
        vessel: { mmsi: UNIVERSE },
        terminalId,
        berthId: berth.id,
        voyageNumber: 'HOSTILE1',
        eta: hours(24),
        etd: hours(40),
      })
    ).id;
    gateway = new AisGateway(
      {
        db: world.db,
        logger: pino({ level: 'silent' }),
        now: () => NOW,
        publish: async (fixes: Fix[]) => {
          for (const fix of fixes) waiting.get(fix.assetKey)?.();
        },
      },
      { cacheEntries: CACHE_ENTRIES, concurrentWrites: 4, waitingWrites: 1_000 },
    );
    port = await gateway.listenTcp(0, '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    await gateway?.close();
    await world?.db.drop();
  });

  it('a spoofed type 5 leaves the curated length, IMO and type alone, is recorded apart, and the berth plan keeps TOO_LONG', async () => {
    await send([
      type5(UNIVERSE, {
        shipName: 'TINY FEEDER',
        imo: 9074729,
        shipType: 52,
        dimensions: { toBowM: 60, toSternM: 60, toPortM: 10, toStarboardM: 10 },
        draughtM: 5,
        destination: 'NOWHERE',
      }),
    ]);

    const row = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: UNIVERSE } });
    expect(row).toMatchObject({
      name: 'COSCO SHIPPING UNIVERSE',
      imo: 9795610,
      shipType: 71,
      lengthM: 400,
      beamM: 58.6,
      draughtM: 16,
      callSign: 'VRQB9',
    });

    const vessel = await world.as('portViewer').vessels.get({ id: row.id });
    expect(vessel).toMatchObject({
      name: 'COSCO SHIPPING UNIVERSE',
      imo: 9795610,
      shipType: 71,
      lengthM: 400,
      draughtM: 16,
      curated: { name: 'COSCO SHIPPING UNIVERSE', imo: 9795610, lengthM: 400, shipType: 71 },
      ais: {
        name: 'TINY FEEDER',
        callSign: 'SPOOF1',
        imo: 9074729,
        shipType: 52,
        lengthM: 120,
        beamM: 20,
        draughtM: 5,
        destination: 'NOWHERE',
        eta: '2026-11-26T08:00:00.000Z',
        reportedAt: NOW.toISOString(),
      },
    });
    expect(vessel.discrepancies).toEqual([
      { field: 'imo', curated: 9795610, ais: 9074729 },
      { field: 'lengthM', curated: 400, ais: 120 },
      { field: 'beamM', curated: 58.6, ais: 20 },
    ]);

    const plan = await world
      .as('portViewer')
      .visits.berthPlan({ terminalId, from: hours(0), to: hours(72) });
    const planned = plan.berths.flatMap((berth) => berth.visits).find((v) => v.id === visitId);
    expect(planned?.conflicts.map((conflict) => conflict.kind)).toEqual(['TOO_LONG', 'TOO_DEEP']);
    expect(planned?.vessel).toMatchObject({ lengthM: 400, draughtM: 16, imo: 9795610 });
    expect(planned?.vessel.discrepancies.map((d) => d.field)).toEqual(['imo', 'lengthM', 'beamM']);
  });

  it('an AIS IMO number another vessel holds is kept apart as a claim, without failing', async () => {
    const claimant = 412555000;
    await send([type5(claimant, { shipName: 'GIVEN TOO', imo: EVER_GIVEN_IMO })]);

    const row = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: claimant } });
    expect(row).toMatchObject({ imo: null, aisImo: EVER_GIVEN_IMO, aisName: 'GIVEN TOO' });
    expect(
      await world.db.prisma.vessel.findUniqueOrThrow({ where: { imo: EVER_GIVEN_IMO } }),
    ).toMatchObject({ mmsi: 353136000, name: 'EVER GIVEN' });
    expect(gateway.totals()).toMatchObject({ staticFailed: 0 });
    // Planning by IMO number goes by the curated one only: the claim names no vessel.
    const visit = await world.as('portOperator').visits.create({
      vessel: { imo: EVER_GIVEN_IMO },
      terminalId,
      eta: hours(100),
    });
    expect(visit.vessel.mmsi).toBe(353136000);
  });

  it('a vessel first heard on AIS gets a row with AIS values only, shown as its values', async () => {
    const newcomer = 563123000;
    await send([
      type5(newcomer, {
        shipName: 'NEW ARRIVAL',
        callSign: '9V1234',
        imo: 9074729,
        shipType: 70,
        dimensions: { toBowM: 150, toSternM: 50, toPortM: 15, toStarboardM: 15 },
        draughtM: 11.5,
        destination: 'CNSHA',
      }),
    ]);
    const row = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: newcomer } });
    expect(row).toMatchObject({ name: null, imo: null, shipType: null, lengthM: null });

    const vessel = await world.as('dhclViewer').vessels.get({ id: row.id });
    expect(vessel).toMatchObject({
      name: 'NEW ARRIVAL',
      callSign: '9V1234',
      imo: 9074729,
      shipType: 70,
      lengthM: 200,
      beamM: 30,
      draughtM: 11.5,
      destination: 'CNSHA',
      curated: {
        name: null,
        callSign: null,
        imo: null,
        shipType: null,
        lengthM: null,
        beamM: null,
        draughtM: null,
        flag: null,
        destination: null,
      },
      ais: { name: 'NEW ARRIVAL', lengthM: 200, reportedAt: NOW.toISOString() },
      discrepancies: [],
    });
    const found = await world.as('dhclViewer').vessels.list({ search: 'new arr' });
    expect(found.items.map((v) => v.mmsi)).toEqual([newcomer]);
  });

  it('keeps the static cache bounded while a sender cycles through many MMSIs', async () => {
    const before = gateway.totals().staticUpdates ?? 0;
    const messages: AisMessage[] = Array.from({ length: CACHE_ENTRIES * 4 }, (_, i) => ({
      type: 24,
      repeat: 0,
      mmsi: 431_000_000 + i,
      part: 'A',
      shipName: `CYCLE ${i}`,
    }));
    await send(messages);
    expect((gateway.totals().staticUpdates ?? 0) - before).toBe(CACHE_ENTRIES * 4);
    expect(gateway.statics.cacheSize).toBeLessThanOrEqual(CACHE_ENTRIES);
  });

  it('forgets a closed connection, so reconnecting over and over leaves nothing behind', async () => {
    for (let i = 0; i < 5; i++) await send([]);
    // The server sees each close a moment after the client: wait for it, not for a time.
    await vi.waitFor(() => expect(gateway.sources.size).toBe(0));
    expect(gateway.totals().fixes).toBeGreaterThanOrEqual(5);
  });

  it('drops static data past the waiting writes and counts it, rather than queueing without end', async () => {
    const deps = { db: world.db, publish: async () => {}, now: () => NOW };
    const statics = new AisStaticRecorder(deps, {
      cacheEntries: 100,
      concurrentWrites: 1,
      waitingWrites: 2,
    });
    // Datagrams are handled without waiting for one another: ten arrive at once.
    const ingests = Array.from({ length: 10 }, () => new AisIngest(deps, statics));
    await Promise.all(
      ingests.map((ingest, i) =>
        ingest.lines(
          encodeAisMessage({
            type: 24,
            repeat: 0,
            mmsi: 432_000_000 + i,
            part: 'A',
            shipName: `FLOOD ${i}`,
          }),
        ),
      ),
    );
    const total = (name: 'staticUpdates' | 'staticDropped') =>
      ingests.reduce((sum, ingest) => sum + ingest.counters[name], 0);
    // One write running, two waiting; the other seven are dropped and counted.
    expect(total('staticUpdates')).toBe(3);
    expect(total('staticDropped')).toBe(7);
    expect(
      await world.db.prisma.vessel.count({
        where: { mmsi: { gte: 432_000_000, lt: 432_000_010 } },
      }),
    ).toBe(3);
  });
});
