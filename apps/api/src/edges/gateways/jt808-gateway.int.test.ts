import { connect, type Socket } from 'node:net';
import { createTestDb, type TestDb } from '@harbor/db/testing';
import {
  encodeJt808Body,
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
  location,
  writeFrame,
} from '@harbor/protocols/jt808';
import type { Fix } from '@harbor/shared';
import { createScenario, Jt808Client, type Vehicle } from '@harbor/simulator';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCollected } from '../../../test/collected.ts';
import { until } from '../../../test/until.ts';
import { DeviceDirectory, hashAuthCode } from '../../domains/vehicles/device-directory.ts';
import { storeMediaUpload } from '../../domains/vehicles/media.ts';
import { InProcessFixBus } from '../../pipeline/fix-bus.ts';
import { Jt808Gateway } from './jt808-gateway.ts';

const PHONE = '013916001001';
const T = new Date('2026-11-25T02:15:30Z');

/** A terminal on a real socket: sends messages, reads the platform's replies. */
class Terminal {
  private readonly decoder = new Jt808StreamDecoder();
  private readonly replies: Jt808Message[] = [];
  private waiters: (() => void)[] = [];
  private serial = 0;
  readonly socket: Socket;
  isClosed = false;

  constructor(
    port: number,
    private readonly phone = PHONE,
    private readonly version: 'V2013' | 'V2019' = 'V2013',
  ) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => {
      for (const result of this.decoder.push(chunk))
        if (result.ok) this.replies.push(result.message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.socket.on('close', () => {
      this.isClosed = true;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(body: Jt808Body, raw?: Uint8Array): number {
    const serial = ++this.serial;
    const header = {
      messageId: body.messageId,
      version: this.version,
      protocolVersion: this.version === 'V2019' ? 1 : 0,
      terminalPhone: this.phone,
      serial,
      encryption: 0,
      subpackage: null,
    };
    this.socket.write(raw ?? encodeJt808Message({ header, body }));
    return serial;
  }

  /** Replies received and not yet read. */
  get unread(): number {
    return this.replies.length;
  }

  async reply(): Promise<Jt808Message> {
    while (this.replies.length === 0) {
      if (this.isClosed) throw new Error('connection closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.replies.shift() as Jt808Message;
  }

  close() {
    this.socket.destroy();
  }
}

const register: Jt808Body = {
  messageId: 0x0100,
  provinceId: 31,
  cityId: 115,
  manufacturerId: 'HBR01',
  terminalModel: 'JT808-G7',
  terminalId: 'T000001',
  plateColor: 2,
  plate: '沪D12345',
};

describe('the JT/T 808 gateway over TCP', () => {
  let db: TestDb;
  let gateway: Jt808Gateway;
  let port: number;
  const published: Fix[] = [];
  const answers: { phone: string; replySerial: number; replyMessageId: number; result: number }[] =
    [];

  beforeAll(async () => {
    db = await createTestDb('pglite');
    const organization = await db.prisma.organization.create({
      data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    await db.prisma.device.create({
      data: { organizationId: organization.id, terminalPhone: PHONE },
    });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(db),
      logger: pino({ level: 'silent' }),
      now: () => new Date('2026-11-25T02:15:31Z'),
      idleTimeoutMs: 1500,
      publish: async (fixes) => {
        published.push(...fixes);
      },
      onTerminalResponse: (phone, response) => answers.push({ phone, ...response }),
    });
    port = await gateway.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway.close();
    await db.drop();
  });

  it('registers a known terminal, authenticates it, and acknowledges its reports with fixes published', async () => {
    const terminal = new Terminal(port);
    const registerSerial = terminal.send(register);
    const registered = await terminal.reply();
    expect(registered.body).toMatchObject({
      messageId: 0x8100,
      replySerial: registerSerial,
      result: 0,
    });
    const authCode = 'authCode' in registered.body ? (registered.body.authCode ?? '') : '';
    expect(authCode.length).toBeGreaterThan(8);
    const stored = await db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: PHONE } });
    // Only the code's hash is stored, and the phone is now bound to the registering terminal.
    expect(stored).toMatchObject({
      authCodeHash: hashAuthCode(authCode),
      isRegistrationOpen: false,
      boundTerminalId: 'T000001',
      protocolVersion: 'V2013',
      terminalModel: 'JT808-G7',
      manufacturerId: 'HBR01',
    });

    const authSerial = terminal.send({
      messageId: 0x0102,
      authCode,
      imei: null,
      softwareVersion: null,
    });
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8001,
      replySerial: authSerial,
      replyMessageId: 0x0102,
      result: 0,
    });

    const reportSerial = terminal.send({
      messageId: 0x0200,
      location: location({
        lat: 30.8705,
        lon: 121.9055,
        time: T,
        speedKmh: 36,
        directionDeg: 135,
        satellites: 12,
        status: 0b11,
      }),
    });
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8001,
      replySerial: reportSerial,
      replyMessageId: 0x0200,
      result: 0,
    });
    expect(published.at(-1)).toEqual({
      assetKind: 'VEHICLE',
      assetKey: PHONE,
      fixAt: T,
      receivedAt: new Date('2026-11-25T02:15:31Z'),
      lat: 30.8705,
      lon: 121.9055,
      speedKnots: 19.44,
      courseDeg: 135,
      headingDeg: null,
      altitudeM: 0,
      status: 'ACC_ON',
      source: 'JT808',
    });

    const before = published.length;
    terminal.send({
      messageId: 0x0704,
      type: 1,
      locations: [0, 30, 60].map((s) =>
        location({ lat: 30.8, lon: 121.95, time: new Date(T.getTime() - 600_000 + s * 1000) }),
      ),
    });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0704, result: 0 });
    expect(published.length - before).toBe(3);

    terminal.send({ messageId: 0x0002 });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0002, result: 0 });
    terminal.close();
  });

  it('refuses an unknown terminal at registration and counts it', async () => {
    const stranger = new Terminal(port, '013999999999');
    stranger.send(register);
    expect((await stranger.reply()).body).toMatchObject({
      messageId: 0x8100,
      result: 4,
      authCode: null,
    });
    expect(gateway.counters.unknownDevices).toBe(1);
    stranger.close();
  });

  it('refuses reports before authentication and a wrong authentication code, publishing nothing', async () => {
    const terminal = new Terminal(port);
    const before = published.length;
    terminal.send({ messageId: 0x0200, location: location({ lat: 30.87, lon: 121.9, time: T }) });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0200, result: 1 });
    terminal.send({ messageId: 0x0102, authCode: 'guessed', imei: null, softwareVersion: null });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 1 });
    terminal.send({ messageId: 0x0200, location: location({ lat: 30.87, lon: 121.9, time: T }) });
    expect((await terminal.reply()).body).toMatchObject({ result: 1 });
    expect(published.length).toBe(before);
    expect(gateway.counters).toMatchObject({ refusedUnauthenticated: 2, failedAuthentications: 1 });
    terminal.close();
  });

  it('closes in stages after the last refusal: a terminal still sending reads it and is not reset', async () => {
    // Three wrong codes end the connection; the terminal has sent 2 MB of heartbeats after them
    // that the gateway has not read, and sends one more after the gateway's end. Closed at
    // once, with bytes unread, the connection would be reset under it.
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const errors: string[] = [];
    socket.on('error', (error) => errors.push(error.message));
    const decoder = new Jt808StreamDecoder();
    const replies: Jt808Message[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) if (result.ok) replies.push(result.message);
    });
    const ended = new Promise((resolve) => socket.once('end', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const frame = (serial: number, body: Jt808Body) =>
      encodeJt808Message({
        header: {
          messageId: body.messageId,
          version: 'V2013',
          protocolVersion: 0,
          terminalPhone: PHONE,
          serial,
          encryption: 0,
          subpackage: null,
        },
        body,
      });
    const wrong: Jt808Body = {
      messageId: 0x0102,
      authCode: 'guessed',
      imei: null,
      softwareVersion: null,
    };
    const heartbeat = frame(9, { messageId: 0x0002 });
    socket.write(
      Buffer.concat([
        ...[1, 2, 3].map((serial) => frame(serial, wrong)),
        ...Array.from({ length: Math.ceil((2 * 1024 * 1024) / heartbeat.length) }, () => heartbeat),
      ]),
    );
    await ended;
    await new Promise((resolve) => socket.write(heartbeat, resolve));
    socket.end();
    await closed;
    expect(errors).toEqual([]);
    expect(replies.map(({ body }) => body)).toMatchObject(
      [1, 2, 3].map((serial) => ({ replyMessageId: 0x0102, replySerial: serial, result: 1 })),
    );
  });

  it('skips garbage and broken frames on a connection and goes on answering', async () => {
    const terminal = new Terminal(port);
    const badFrames = gateway.counters.badFrames;
    terminal.socket.write(Uint8Array.of(0x13, 0x37, 0x7e, 0x01, 0x02, 0x03, 0x7e));
    terminal.send({ messageId: 0x0002 });
    // Answered (with a refusal: a heartbeat before authentication proves nothing).
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0002, result: 1 });
    expect(gateway.counters.badFrames).toBe(badFrames + 2);
    terminal.close();
  });

  it("writes a commit's answers to a connection in one write, and counts the writes", async () => {
    const phone = '013916001077';
    const { organizationId } = await db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: PHONE },
    });
    await db.prisma.device.create({ data: { organizationId, terminalPhone: phone } });
    // A bus that takes each report at once and stores them together, as a commit does.
    const taken: ((error?: Error) => void)[] = [];
    const committing = new Jt808Gateway({
      devices: new DeviceDirectory(db),
      logger: pino({ level: 'silent' }),
      now: () => new Date('2026-11-25T02:15:31Z'),
      publish: async () => undefined,
      publishNow: (_fixes, stored) => {
        taken.push(stored);
        return true;
      },
    });
    const terminal = new Terminal(await committing.listen(0, '127.0.0.1'), phone);
    try {
      terminal.send({ ...register, terminalId: 'T000077' });
      const registered = await terminal.reply();
      const authCode = 'authCode' in registered.body ? (registered.body.authCode ?? '') : '';
      terminal.send({ messageId: 0x0102, authCode, imei: null, softwareVersion: null });
      expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 0 });
      expect(committing.counters.writes).toBe(2);

      const serials = [0, 1, 2].map((s) =>
        terminal.send({
          messageId: 0x0200,
          location: location({ lat: 30.87, lon: 121.9, time: new Date(T.getTime() + s * 1000) }),
        }),
      );
      await until(() => taken.length === 3);
      expect(terminal.unread).toBe(0);
      for (const stored of taken) stored();
      const answered = [await terminal.reply(), await terminal.reply(), await terminal.reply()];
      expect(answered.map((reply) => reply.body)).toEqual(
        serials.map((replySerial) => ({
          messageId: 0x8001,
          replySerial,
          replyMessageId: 0x0200,
          result: 0,
        })),
      );
      expect(committing.counters).toMatchObject({ frames: 5, writes: 3 });
    } finally {
      terminal.close();
      await committing.close();
    }
  });

  it('speaks JT/T 808-2019 to a 2019 terminal', async () => {
    const terminal = new Terminal(port, '00000000013916001001', 'V2019');
    terminal.send({ messageId: 0x0002 });
    const reply = await terminal.reply();
    expect(reply.header).toMatchObject({ version: 'V2019', terminalPhone: '00000000013916001001' });
    // The 2019 query of the server's time (0x0004) is answered with the platform's clock, in UTC.
    terminal.send({ messageId: 0x0004 });
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8004,
      time: new Date('2026-11-25T02:15:31Z'),
    });
    terminal.close();
  });

  it('sends a text (0x8300) to an authenticated terminal only, and hands its 0x0001 on', async () => {
    const phone = '00000000013916009009';
    const organization = await db.prisma.organization.findFirstOrThrow();
    await db.prisma.device.create({
      data: {
        organizationId: organization.id,
        terminalPhone: phone,
        authCodeHash: hashAuthCode('AUTH-2019'),
        isRegistrationOpen: false,
      },
    });
    const terminal = new Terminal(port, phone, 'V2019');
    expect(gateway.sendText(phone, 'not yet', 0)).toBeNull();
    terminal.send({
      messageId: 0x0102,
      authCode: 'AUTH-2019',
      imei: '860000000000001',
      softwareVersion: '1.0',
    });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 0 });
    expect(gateway.isOnline(phone)).toBe(true);
    const serial = gateway.sendText(phone, '前往洋山四期', 0b1100);
    const text = await terminal.reply();
    // §8.23 in 2019: the flag byte, then the text type (1 = notice), then the GBK text.
    expect(text.header).toMatchObject({
      messageId: 0x8300,
      version: 'V2019',
      terminalPhone: phone,
      serial,
    });
    expect(text.body).toEqual({
      messageId: 0x8300,
      flag: 0b1100,
      textType: 1,
      text: '前往洋山四期',
    });
    terminal.send({
      messageId: 0x0001,
      replySerial: serial ?? -1,
      replyMessageId: 0x8300,
      result: 0,
    });
    terminal.send({ messageId: 0x0002 });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0002 });
    expect(answers).toEqual([{ phone, replySerial: serial, replyMessageId: 0x8300, result: 0 }]);
    terminal.close();
    await expect.poll(() => gateway.isOnline(phone)).toBe(false);
    expect(gateway.sendText(phone, 'gone', 0)).toBeNull();
  });

  it('lets a restarted simulator truck register again by its terminal id, and no other terminal', async () => {
    const phone = '013916001777';
    const organization = await db.prisma.organization.findFirstOrThrow();
    await db.prisma.device.create({
      data: { organizationId: organization.id, terminalPhone: phone },
    });
    const [truck] = createScenario({
      seed: 'restart',
      start: T,
      vessels: 0,
      vehicles: [{ terminalPhone: phone }],
    }).vehicles;
    if (!truck) throw new Error('no truck');
    // One run of the simulator's terminal: it starts with no code, as after a restart.
    const run = async (vehicle: Vehicle) => {
      const counters = { sent: 0, acknowledged: 0, refused: 0, errors: 0 };
      const client = new Jt808Client({
        host: '127.0.0.1',
        port,
        vehicle,
        counters,
        refusalRetryMs: 600_000,
      });
      client.start();
      await expect.poll(() => client.state === 'online' || client.state === 'refused').toBe(true);
      const { state } = client;
      await client.stop();
      return state;
    };
    expect(await run(truck)).toBe('online');
    expect(await run(truck)).toBe('online');
    expect(await run({ ...truck, terminalId: 'OTHER01' })).toBe('refused');
  });

  it('keeps answering other terminals while one connection floods it with malformed frames', async () => {
    // One bad frame (wrong check code), repeated; the flood is written in 200 chunks.
    const bad = Buffer.from(
      '7e0200001f01207646327900400000000000006002015c7ab706d20469003b0000000025040216362606013e6c7e',
      'hex',
    );
    const chunk = Buffer.concat(Array.from({ length: 500 }, () => bad));
    const flooder = new Terminal(port, '013999999998');
    const before = gateway.counters.badFrames;
    let chunksSent = 0;
    const flooding = (async () => {
      for (; chunksSent < 200; chunksSent++) {
        if (!flooder.socket.write(chunk))
          await new Promise((resolve) => flooder.socket.once('drain', resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const terminal = new Terminal(port);
    terminal.send({ messageId: 0x0002 });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0002 });
    // The honest terminal was answered before the flood was over.
    expect(chunksSent).toBeLessThan(200);

    await flooding;
    await new Promise<void>((resolve) => {
      const check = () =>
        gateway.counters.badFrames - before >= 100_000 ? resolve() : setTimeout(check, 20);
      check();
    });
    expect(gateway.counters.badFrames - before).toBe(100_000);
    terminal.close();
    flooder.close();
  });

  it('closes a connection that stays silent past the idle time-out', async () => {
    const terminal = new Terminal(port);
    await new Promise((resolve) => terminal.socket.once('close', resolve));
    expect(terminal.isClosed).toBe(true);
  });
});

describe('the JT/T 808 gateway in front of the fix bus', () => {
  let db: TestDb;
  let gateway: Jt808Gateway;
  let port: number;
  const bus = new InProcessFixBus({ capacity: 3 });
  let publishNow: (fixes: readonly Fix[], stored: (error?: Error) => void) => boolean = (
    fixes,
    stored,
  ) => bus.publishNow(fixes, stored);

  beforeAll(async () => {
    db = await createTestDb('pglite');
    const organization = await db.prisma.organization.create({
      data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    await db.prisma.device.create({
      data: {
        organizationId: organization.id,
        terminalPhone: PHONE,
        authCodeHash: hashAuthCode('code-1'),
        isRegistrationOpen: false,
      },
    });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(db),
      logger: pino({ level: 'silent' }),
      now: () => new Date('2026-11-25T02:15:31Z'),
      publish: (fixes) => bus.publish(fixes),
      publishNow: (fixes, stored) => publishNow(fixes, stored),
    });
    port = await gateway.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway.close();
    await bus.close(0);
    await db.drop();
  });

  it('answers a report only once its fixes are stored, and holds the connection while the bus is full', async () => {
    const terminal = new Terminal(port);
    terminal.send({ messageId: 0x0102, authCode: 'code-1', imei: null, softwareVersion: null });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 0 });

    const serials = [0, 1, 2, 3, 4].map((i) =>
      terminal.send({
        messageId: 0x0200,
        location: location({ lat: 30.87, lon: 121.9, time: new Date(T.getTime() + i * 30_000) }),
      }),
    );
    // The bus takes three and the fourth waits for room; a heartbeat queues behind the rest.
    const heartbeat = terminal.send({ messageId: 0x0002 });
    for (let i = 0; i < 6_000 && bus.stats().waitingPublishers === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bus.stats()).toMatchObject({ queued: 3, waitingPublishers: 1, acknowledged: 0 });
    // Nothing is stored yet, so nothing is answered: the terminal keeps every report.
    expect(terminal.unread).toBe(0);

    // The tracker stores the fixes: each report is answered after its commit, and the
    // heartbeat once the connection reads again (a terminal matches answers by serial).
    const stored: Fix[] = [];
    bus.consume(
      async (batch) => {
        stored.push(...batch);
      },
      { maxWaitMs: 1 },
    );
    const replies: Jt808Message[] = [];
    while (replies.length < 6) replies.push(await terminal.reply());
    const answered = replies.map((reply) => 'replySerial' in reply.body && reply.body.replySerial);
    expect(answered.slice(0, 4)).toEqual(serials.slice(0, 4));
    expect(answered.slice(4).sort()).toEqual([serials[4], heartbeat].sort());
    expect(stored.map((fix) => fix.fixAt.getTime() - T.getTime())).toEqual([
      0, 30_000, 60_000, 90_000, 120_000,
    ]);
    terminal.close();
  });

  it("lets go of a report's fixes while the report waits for them to be stored", async () => {
    // A bus that has sent the fixes on and waits for the store's word, as JetStream's does
    // during its round trip: the report's answer is all the gateway still holds, so under
    // load the young generation's collections do not copy and promote its fixes.
    const waiting: ((error?: Error) => void)[] = [];
    const taken: WeakRef<Fix>[] = [];
    publishNow = (fixes, stored) => {
      for (const fix of fixes) taken.push(new WeakRef(fix));
      waiting.push(stored);
      return true;
    };
    const terminal = new Terminal(port);
    terminal.send({ messageId: 0x0102, authCode: 'code-1', imei: null, softwareVersion: null });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 0 });
    const serial = terminal.send({
      messageId: 0x0200,
      location: location({ lat: 30.87, lon: 121.9, time: T }),
    });
    await until(() => waiting.length === 1);
    expect(taken).toHaveLength(1);
    expect(await isCollected(taken[0] as WeakRef<Fix>)).toBe(true);

    // Answered once stored, as ever.
    expect(terminal.unread).toBe(0);
    waiting[0]?.();
    expect((await terminal.reply()).body).toMatchObject({
      replySerial: serial,
      replyMessageId: 0x0200,
      result: 0,
    });
    terminal.close();
  });
});

describe('the JT/T 808 gateway with sub-packaged messages', () => {
  let db: TestDb;
  let gateway: Jt808Gateway;
  let port: number;
  let clock = T.getTime() + 1_000;
  const stored: Fix[] = [];
  const bus = new InProcessFixBus();

  beforeAll(async () => {
    db = await createTestDb('pglite');
    const organization = await db.prisma.organization.create({
      data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    await db.prisma.device.create({
      data: {
        organizationId: organization.id,
        terminalPhone: PHONE,
        authCodeHash: hashAuthCode('code-1'),
        isRegistrationOpen: false,
      },
    });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(db),
      logger: pino({ level: 'silent' }),
      now: () => new Date(clock),
      publish: (fixes) => bus.publish(fixes),
      publishNow: (fixes, done) => bus.publishNow(fixes, done),
      subpackages: { quietMs: 5_000, maxRequests: 2, checkEveryMs: 20 },
      storeMedia: (terminalPhone, upload, receivedAt) =>
        storeMediaUpload(db, terminalPhone, upload, receivedAt),
    });
    bus.consume(
      async (batch) => {
        stored.push(...batch);
      },
      { maxWaitMs: 1 },
    );
    port = await gateway.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway.close();
    await bus.close(0);
    await db.drop();
  });

  /** A blind-area batch of `count` reports too long for one frame, as its body bytes. */
  const batchBody = (count: number) =>
    encodeJt808Body('V2013', {
      messageId: 0x0704,
      type: 1,
      locations: Array.from({ length: count }, (_, i) =>
        location({
          lat: 30.8 + i / 1e4,
          lon: 121.95,
          time: new Date(T.getTime() - 3_600_000 + i * 30_000),
        }),
      ),
    });

  /** Package `index` (1-based) of `body` cut into `size`-byte packages, first serial `first`. */
  const piece = (
    body: Uint8Array,
    size: number,
    index: number,
    first: number,
    messageId = 0x0704,
  ) => {
    const total = Math.ceil(body.length / size);
    return writeFrame(
      {
        messageId,
        version: 'V2013',
        protocolVersion: 0,
        terminalPhone: PHONE,
        serial: first + index - 1,
        encryption: 0,
        subpackage: { total, index },
      },
      body.subarray((index - 1) * size, index * size),
    );
  };

  const authenticated = async () => {
    const terminal = new Terminal(port);
    terminal.send({ messageId: 0x0102, authCode: 'code-1', imei: null, softwareVersion: null });
    expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0102, result: 0 });
    return terminal;
  };

  it('puts a batch sent in packages back together, out of order, and answers it once stored', async () => {
    const terminal = await authenticated();
    const body = batchBody(60);
    expect(body.length).toBeGreaterThan(1_023);
    const total = Math.ceil(body.length / 500);
    expect(total).toBe(4);
    // Packages 2, 1, 4 are each answered as received; 3 completes the message, and its answer
    // is the batch's, sent once all 60 fixes are stored.
    for (const index of [2, 1, 4]) {
      terminal.socket.write(piece(body, 500, index, 100));
      expect((await terminal.reply()).body).toEqual({
        messageId: 0x8001,
        replySerial: 100 + index - 1,
        replyMessageId: 0x0704,
        result: 0,
      });
    }
    expect(stored).toHaveLength(0);
    terminal.socket.write(piece(body, 500, 3, 100));
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8001,
      replySerial: 102,
      replyMessageId: 0x0704,
      result: 0,
    });
    expect(stored).toHaveLength(60);
    expect(stored.map((fix) => fix.lat)).toEqual(
      Array.from({ length: 60 }, (_, i) => Math.round((30.8 + i / 1e4) * 1e6) / 1e6),
    );
    expect(gateway.counters.reassembledMessages).toBe(1);
    terminal.close();
  });

  it('asks for missing packages (0x8003) when a message goes quiet, then drops it', async () => {
    const terminal = await authenticated();
    const body = batchBody(60);
    for (const index of [1, 3]) {
      terminal.socket.write(piece(body, 500, index, 2_000));
      expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0704, result: 0 });
    }
    clock += 5_000;
    const request = await terminal.reply();
    expect(request.header.messageId).toBe(0x8003);
    expect(request.body).toEqual({ messageId: 0x8003, originalSerial: 2_000, packageIds: [2, 4] });

    // The terminal sends package 2 again; 4 stays missing, and after the second request the
    // message is given up on: nothing of it is stored or answered as stored.
    terminal.socket.write(piece(body, 500, 2, 2_000));
    expect((await terminal.reply()).body).toMatchObject({ replySerial: 2_001, result: 0 });
    clock += 5_000;
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8003,
      originalSerial: 2_000,
      packageIds: [4],
    });
    const storedBefore = stored.length;
    clock += 5_000;
    for (let i = 0; i < 6_000 && gateway.counters.droppedIncompleteMessages === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gateway.counters).toMatchObject({ droppedIncompleteMessages: 1, packageRequests: 2 });
    expect(stored.length).toBe(storedBefore);
    terminal.close();
  });

  it('refuses packages before authentication and packages numbered past their total', async () => {
    const stranger = new Terminal(port);
    const body = batchBody(60);
    stranger.socket.write(piece(body, 500, 1, 10));
    expect((await stranger.reply()).body).toMatchObject({ replySerial: 10, result: 1 });
    stranger.close();

    const terminal = await authenticated();
    terminal.socket.write(
      writeFrame(
        {
          messageId: 0x0704,
          version: 'V2013',
          protocolVersion: 0,
          terminalPhone: PHONE,
          serial: 50,
          encryption: 0,
          subpackage: { total: 2, index: 3 },
        },
        body.subarray(0, 100),
      ),
    );
    expect((await terminal.reply()).body).toMatchObject({ replySerial: 50, result: 1 });
    expect(gateway.counters.refusedPackages).toBeGreaterThanOrEqual(1);
    terminal.close();
  });

  it('stores a photo uploaded in packages with its time and place, answering 0x8800 once stored', async () => {
    const terminal = await authenticated();
    // A JPEG-shaped file of 2,500 bytes: start and end markers around varied bytes.
    const jpeg = Uint8Array.from({ length: 2_500 }, (_, i) => (i * 7919) % 251);
    jpeg.set([0xff, 0xd8], 0);
    jpeg.set([0xff, 0xd9], jpeg.length - 2);
    const takenAt = new Date('2026-11-25T02:10:00Z');
    const upload = (mediaId: number) =>
      encodeJt808Body('V2013', {
        messageId: 0x0801,
        mediaId,
        mediaType: 0,
        format: 0,
        eventCode: 0,
        channelId: 1,
        location: location({ lat: 30.62, lon: 122.07, time: takenAt }),
        data: jpeg,
      });
    const body = upload(10_013);
    for (const index of [1, 2]) {
      terminal.socket.write(piece(body, 1_000, index, 300, 0x0801));
      expect((await terminal.reply()).body).toMatchObject({ replyMessageId: 0x0801, result: 0 });
    }
    expect(await db.prisma.terminalMedia.count()).toBe(0);
    terminal.socket.write(piece(body, 1_000, 3, 300, 0x0801));
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8800,
      mediaId: 10_013,
      packageIds: [],
    });
    const stored = await db.prisma.terminalMedia.findFirstOrThrow({
      where: { terminalPhone: PHONE, mediaId: 10_013n },
    });
    expect(stored).toMatchObject({
      mediaType: 0,
      format: 0,
      channelId: 1,
      takenAt,
      lat: 30.62,
      lon: 122.07,
      sizeBytes: 2_500,
    });
    expect(Buffer.from(stored.data).equals(Buffer.from(jpeg))).toBe(true);

    // Sent again (the answer lost): answered again, stored once.
    for (const index of [1, 2, 3]) terminal.socket.write(piece(body, 1_000, index, 400, 0x0801));
    const again = [await terminal.reply(), await terminal.reply(), await terminal.reply()];
    expect(again.at(-1)?.body).toEqual({ messageId: 0x8800, mediaId: 10_013, packageIds: [] });
    expect(await db.prisma.terminalMedia.count()).toBe(1);

    // A package lost on the way: 0x8800 names it by the media id, and the upload completes.
    const second = upload(10_014);
    for (const index of [1, 3]) {
      terminal.socket.write(piece(second, 1_000, index, 500, 0x0801));
      await terminal.reply();
    }
    clock += 5_000;
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8800,
      mediaId: 10_014,
      packageIds: [2],
    });
    terminal.socket.write(piece(second, 1_000, 2, 500, 0x0801));
    expect((await terminal.reply()).body).toEqual({
      messageId: 0x8800,
      mediaId: 10_014,
      packageIds: [],
    });
    expect(gateway.counters.mediaStored).toBe(3);
    expect(await db.prisma.terminalMedia.count()).toBe(2);
    terminal.close();
  });
});
