import { createTestDb, type TestDb } from '@harbor/db/testing';
import type { TerminalCommandRequest } from '@harbor/shared';
import { createScenario, Jt808Client, type SinkCounters } from '@harbor/simulator';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.ts';
import { TerminalCommander, toTerminalCommand } from '../../domains/vehicles/commands.ts';
import { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { storeMediaUpload } from '../../domains/vehicles/media.ts';
import { Jt808Gateway } from './jt808-gateway.ts';

// The simulator's truck terminal against the real gateway: what the dispatch board's terminal
// panel asks of it (a position, settings read and changed, a photo) is answered as a terminal
// answers, and the photo arrives in packages and is stored.
const PHONE = '013916002468';

describe('a simulated truck terminal answering the platform', () => {
  let db: TestDb;
  let gateway: Jt808Gateway;
  let commander: TerminalCommander;
  let client: Jt808Client;
  let vehicleId: string;
  let organizationId: string;
  const counters: SinkCounters = { sent: 0, acknowledged: 0, refused: 0, errors: 0 };

  beforeAll(async () => {
    db = await createTestDb('pglite');
    const organization = await db.prisma.organization.create({
      data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    organizationId = organization.id;
    const vehicle = await db.prisma.vehicle.create({
      data: { organizationId, plate: '沪D24680' },
    });
    vehicleId = vehicle.id;
    await db.prisma.device.create({
      data: { organizationId, terminalPhone: PHONE, vehicleId },
    });
    const logger = pino({ level: 'silent' });
    commander = new TerminalCommander({ db, now: () => new Date(), logger });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(db),
      logger,
      now: () => new Date(),
      publish: async () => {},
      storeMedia: (phone, upload, receivedAt) => storeMediaUpload(db, phone, upload, receivedAt),
      onTerminalResponse: (phone, response) => commander.onTerminalResponse(phone, response),
      onCommandAnswer: (phone, answer) => commander.onCommandAnswer(phone, answer),
    });
    commander.attach(gateway);
    const port = await gateway.listen(0, '127.0.0.1');
    const [truck] = createScenario({
      seed: 'controls',
      start: new Date(),
      vessels: 0,
      vehicles: [{ terminalPhone: PHONE }],
    }).vehicles;
    if (!truck) throw new Error('no truck');
    client = new Jt808Client({ host: '127.0.0.1', port, vehicle: truck, counters });
    client.start();
    await until(() => client.state === 'online');
    client.send([
      {
        time: new Date(Date.now() - 5_000),
        lat: 30.6305,
        lon: 122.0712,
        speedKmh: 36,
        courseDeg: 90,
        altitudeM: 5,
        isAccOn: true,
      },
    ]);
    // Registration, authentication and the report, each answered.
    await until(() => counters.acknowledged >= 3);
  });
  afterAll(async () => {
    await client?.stop();
    await gateway?.close();
    await db?.drop();
  });

  /** Sends a command as vehicles.sendCommand does, and waits for its answer. */
  async function command(request: TerminalCommandRequest) {
    const row = await db.prisma.terminalCommand.create({
      data: {
        organizationId,
        vehicleId,
        terminalPhone: PHONE,
        kind: request.kind,
        request,
      },
    });
    expect(await commander.send(row)).not.toBeNull();
    await expect
      .poll(
        async () =>
          (await db.prisma.terminalCommand.findUniqueOrThrow({ where: { id: row.id } })).status,
      )
      .not.toBe('SENT');
    return toTerminalCommand(
      await db.prisma.terminalCommand.findUniqueOrThrow({ where: { id: row.id } }),
    );
  }

  it('tells its position on demand', async () => {
    const located = await command({ kind: 'LOCATE' });
    expect(located).toMatchObject({
      status: 'ANSWERED',
      answer: { position: { lat: 30.6305, lon: 122.0712, speedKmh: 36, isPositioned: true } },
    });
  });

  it('reports its settings, and takes new ones', async () => {
    expect(await command({ kind: 'QUERY_PARAMETERS' })).toMatchObject({
      status: 'ANSWERED',
      answer: {
        parameters: {
          heartbeatIntervalS: 30,
          reportIntervalS: 30,
          maxSpeedKmh: 80,
          overspeedDurationS: 10,
        },
      },
    });
    expect(
      await command({
        kind: 'SET_PARAMETERS',
        parameters: { heartbeatIntervalS: 60, maxSpeedKmh: 60 },
      }),
    ).toMatchObject({ status: 'ANSWERED', result: 0 });
    expect((await command({ kind: 'QUERY_PARAMETERS' })).answer).toEqual({
      parameters: {
        heartbeatIntervalS: 60,
        reportIntervalS: 30,
        maxSpeedKmh: 60,
        overspeedDurationS: 10,
      },
    });
  });

  it('takes a photo and uploads it in packages, stored with where it was taken', async () => {
    const photo = await command({ kind: 'TAKE_PHOTO', channelId: 1 });
    expect(photo).toMatchObject({ status: 'ANSWERED', answer: { mediaIds: [1] } });
    await expect.poll(() => db.prisma.terminalMedia.count()).toBe(1);
    const stored = await db.prisma.terminalMedia.findFirstOrThrow();
    expect(stored).toMatchObject({ terminalPhone: PHONE, mediaId: 1n, format: 0, channelId: 1 });
    expect(stored.lat).toBeCloseTo(30.6305, 6);
    // A real JPEG, bigger than one frame can carry: it came in packages, put back together.
    expect(stored.sizeBytes).toBeGreaterThan(1_023);
    expect([...stored.data.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...stored.data.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(gateway.counters.reassembledMessages).toBeGreaterThanOrEqual(1);
    expect(counters.errors).toBe(0);
  });

  it('acknowledges a restart', async () => {
    expect(await command({ kind: 'RESET' })).toMatchObject({ status: 'ANSWERED', result: 0 });
  });
});
