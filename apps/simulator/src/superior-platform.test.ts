import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { encodeJt808Body, location } from '@harbor/protocols/jt808';
import {
  encodeJt809Frame,
  fromHex,
  type Jt809Body,
  type Jt809Edition,
  type Jt809EncryptKeys,
  type Jt809Message,
  type Jt809Position,
  Jt809StreamDecoder,
} from '@harbor/protocols/jt809';
import { afterEach, describe, expect, it } from 'vitest';
import {
  runConsoleCommand,
  type SuperiorEvent,
  type SuperiorPlatformOptions,
  SuperiorPlatformStandIn,
} from './superior-platform.ts';

type Link = 'main' | 'sub';
type Got = { link: Link; message: Jt809Message };

const USER = 10001;
const PASSWORD = 'harbor88';
const ACCESS_CODE = 31000001;
const PLATE = '沪D12345';
const YELLOW = 2;

// SmallChi/JT809, src/JT809.Protocol.Test/JT809Packages/JT809_0x1001PackageTest.cs (Test1 writes
// it, Test2 reads it): a 2011 login, user, password and access code 20180920, ENCRYPT_KEY 9999,
// down link 127.0.0.1:809.
const SMALLCHI_LOGIN =
  '5B000000480000008510010133EFB8010000000000270F0133EFB832303138303932303132372E302E302E31000000000000000000000000000000000000000000000003296A915D';
// The same login encrypted (JT809_0x1001EncryptPackageTest.cs): key 256178, M1 30000000,
// IA1 = IC1 = 20000000.
const SMALLCHI_LOGIN_ENCRYPTED =
  '5B000000480000008510010133EFB8010000010003E8B2D37D9CC4900C77DC78F8676527D8AE12243CFB64CC2FBA619AEFAD33ACCB3256F67BFF19DF33097841098665703FE36E5D';
const SMALLCHI_KEYS = { m1: 30000000, ia1: 20000000, ic1: 20000000 };

const KEYS: Jt809EncryptKeys = { m1: 123456, ia1: 234567, ic1: 345678 };

/**
 * The lower platform in miniature, as Harbor's link is: a main-link client and a sub-link
 * server. It answers nothing by itself (the tests do), so every step is visible.
 */
class LowerPlatform {
  readonly received: Got[] = [];
  readonly badFrames: string[] = [];
  main: Socket | null = null;
  sub: Socket | null = null;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private consumed = new Set<Got>();
  private waiters: { predicate: (got: Got) => boolean; resolve: (got: Got) => void }[] = [];
  private serial = 0;

  constructor(
    private readonly edition: Jt809Edition = '2011',
    private readonly keys?: Jt809EncryptKeys,
    private readonly gnssCenterId = ACCESS_CODE,
  ) {
    this.server = createServer((socket) => {
      this.sub?.destroy();
      this.sub = socket;
      this.track(socket, 'sub');
    });
  }

  /** Listens for the sub link; resolves with its port. */
  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as { port: number }).port;
  }

  async connect(port: number): Promise<Socket> {
    const socket = connect(port, '127.0.0.1');
    this.main = socket;
    this.track(socket, 'main');
    await once(socket, 'connect');
    return socket;
  }

  send(body: Jt809Body, link: Link = 'main', gnssCenterId = this.gnssCenterId): void {
    this.serial++;
    const frame = encodeJt809Frame(
      {
        edition: this.edition,
        messageId: body.messageId,
        serial: this.serial,
        gnssCenterId,
        version: [1, 0, 0],
        encryptFlag: this.keys ? 1 : 0,
        encryptKey: this.keys ? 1000 + this.serial : 0,
        time: this.edition === '2019' ? new Date() : null,
      },
      body,
      this.keys,
    );
    this.raw(frame, link);
  }

  raw(bytes: Uint8Array, link: Link = 'main'): void {
    const socket = link === 'main' ? this.main : this.sub;
    if (!socket) throw new Error(`no ${link} link`);
    socket.write(bytes);
  }

  /** The first message received (before or after the call) not yet taken that matches. */
  next(predicate: (got: Got) => boolean): Promise<Got> {
    const got = this.received.find((g) => !this.consumed.has(g) && predicate(g));
    if (got) {
      this.consumed.add(got);
      return Promise.resolve(got);
    }
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** The next message of `messageId` (and sub-business `subType`) on `link`. */
  async expect(link: Link, messageId: number, subType?: number): Promise<Jt809Message> {
    const got = await this.next(
      (g) =>
        g.link === link &&
        g.message.header.messageId === messageId &&
        (subType === undefined || subTypeOf(g.message.body) === subType),
    );
    return got.message;
  }

  /** Logs in and brings the sub link up; returns the verify code. */
  async logIn(standIn: SuperiorPlatformStandIn, standInPort: number): Promise<number> {
    const subPort = await this.listen();
    await this.connect(standInPort);
    this.send(login(subPort));
    const answer = await this.expect('main', 0x1002);
    if (!('verifyCode' in answer.body) || !('result' in answer.body)) throw new Error('0x1002');
    expect(answer.body.result).toBe(0);
    const subLogin = await this.expect('sub', 0x9001);
    expect(subLogin.body).toEqual({ messageId: 0x9001, verifyCode: answer.body.verifyCode });
    const up = standIn.waitForEvent(
      (e) => e.kind === 'link' && e.link === 'sub' && e.state === 'up',
    );
    this.send({ messageId: 0x9002, result: 0 }, 'sub');
    await up;
    return answer.body.verifyCode;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((r) => this.server.close(() => r()));
  }

  private track(socket: Socket, link: Link): void {
    this.sockets.add(socket);
    const decoder = new Jt809StreamDecoder({ edition: this.edition, keys: this.keys });
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      for (const result of decoder.push(chunk)) {
        if (!result.ok) {
          this.badFrames.push(result.error.message);
          continue;
        }
        const got: Got = { link, message: result.message };
        this.received.push(got);
        const waiter = this.waiters.find((w) => w.predicate(got));
        if (waiter) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          this.consumed.add(got);
          waiter.resolve(got);
        }
      }
    });
  }
}

function subTypeOf(body: Jt809Body): number | null {
  return 'data' in body && typeof body.data === 'object' && body.data !== null
    ? body.data.subType
    : null;
}

const login = (
  subPort: number,
  overrides: Partial<{ userId: number; password: string; gnssCenterId: number }> = {},
): Jt809Body => ({
  messageId: 0x1001,
  userId: USER,
  password: PASSWORD,
  gnssCenterId: null,
  downLinkIp: '127.0.0.1',
  downLinkPort: subPort,
  ...overrides,
});

const position2011: Jt809Position = {
  encrypt: 0,
  day: 25,
  month: 11,
  year: 2026,
  hour: 16,
  minute: 1,
  second: 0,
  lonMicroDeg: 122_070_000,
  latMicroDeg: 30_625_000,
  speedKmh: 19,
  recorderSpeedKmh: 19,
  mileageKm: 0,
  direction: 90,
  altitude: 4,
  state: 0b11,
  alarm: 0,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function standInWith(
  options: Partial<SuperiorPlatformOptions> = {},
): Promise<{ standIn: SuperiorPlatformStandIn; port: number; lines: string[] }> {
  const lines: string[] = [];
  const standIn = new SuperiorPlatformStandIn({
    listenHost: '127.0.0.1',
    listenPort: 0,
    edition: '2011',
    userId: USER,
    password: PASSWORD,
    gnssCenterId: ACCESS_CODE,
    logger: (line) => lines.push(line),
    ...options,
  });
  const port = await standIn.start();
  cleanups.push(() => standIn.stop());
  return { standIn, port, lines };
}

function lowerPlatform(...args: ConstructorParameters<typeof LowerPlatform>): LowerPlatform {
  const lower = new LowerPlatform(...args);
  cleanups.push(() => lower.close());
  return lower;
}

const isMessage = (messageId: number) => (e: { message: Jt809Message }) =>
  e.message.header.messageId === messageId;

describe('SuperiorPlatformStandIn: login', () => {
  it('refuses a wrong password (4), access code (2) and user (3)', async () => {
    const { standIn, port, lines } = await standInWith();
    const cases: [Parameters<typeof login>[1], number, number][] = [
      [{ password: 'nope' }, ACCESS_CODE, 4],
      [{}, 31000002, 2],
      [{ userId: 10002 }, ACCESS_CODE, 3],
    ];
    for (const [overrides, accessCode, result] of cases) {
      const lower = lowerPlatform('2011', undefined, accessCode);
      const socket = await lower.connect(port);
      const closed = once(socket, 'close');
      lower.send(login(10810, overrides));
      const answer = await lower.expect('main', 0x1002);
      expect(answer.body).toEqual({ messageId: 0x1002, result, verifyCode: 0 });
      // A refused login's connection is closed.
      await closed;
    }
    expect(standIn.stats).toMatchObject({ logins: 0, loginsRefused: 3, mainLink: 'down' });
    expect(lines).toContain(
      '0x1001 login refused, 4 password wrong: user 10001, access code 31000001',
    );
  });

  it('accepts the right one, then connects the sub link with the same verify code', async () => {
    const { standIn, port, lines } = await standInWith();
    const lower = lowerPlatform();
    const subPort = await lower.listen();
    await lower.connect(port);
    lower.send(login(subPort));
    const answer = await lower.expect('main', 0x1002);
    expect(answer.body).toMatchObject({ messageId: 0x1002, result: 0 });
    const verifyCode = (answer.body as { verifyCode: number }).verifyCode;
    expect(verifyCode).toBeGreaterThan(0);
    const subLogin = await lower.expect('sub', 0x9001);
    expect(subLogin.body).toEqual({ messageId: 0x9001, verifyCode });
    expect(subLogin.header.gnssCenterId).toBe(ACCESS_CODE);
    expect(standIn.stats).toMatchObject({ logins: 1, mainLink: 'up', subLink: 'logging-in' });
    const up = standIn.waitForEvent((e) => e.kind === 'link' && e.link === 'sub');
    lower.send({ messageId: 0x9002, result: 0 }, 'sub');
    expect(await up).toEqual({ kind: 'link', link: 'sub', state: 'up' });
    expect(standIn.stats.subLink).toBe('up');
    // Keep-alive on the main link.
    lower.send({ messageId: 0x1005 });
    expect((await lower.expect('main', 0x1006)).body).toEqual({ messageId: 0x1006 });
    expect(
      lines.some((l) =>
        l.startsWith(
          `0x1001 login ok: user 10001, access code 31000001, sub link to 127.0.0.1:${subPort}, verify code ${verifyCode}`,
        ),
      ),
    ).toBe(true);
    expect(lines).toContain('0x9002 sub link up');
  });

  it("accepts SmallChi/JT809's published 2011 login, plain and encrypted", async () => {
    const credentials = { userId: 20180920, password: '20180920', gnssCenterId: 20180920 };
    for (const [frame, keys] of [
      [SMALLCHI_LOGIN, undefined],
      [SMALLCHI_LOGIN_ENCRYPTED, SMALLCHI_KEYS],
    ] as const) {
      const { standIn, port } = await standInWith({ ...credentials, ...(keys ? { keys } : {}) });
      const lower = lowerPlatform('2011', keys, 20180920);
      await lower.connect(port);
      lower.raw(fromHex(frame));
      const answer = await lower.expect('main', 0x1002);
      // Its down link, 127.0.0.1:809, is not listened on here: the sub link then fails, which
      // is fine; the login itself is what is checked.
      expect(answer.body).toMatchObject({ messageId: 0x1002, result: 0 });
      expect(answer.header.encryptFlag).toBe(keys ? 1 : 0);
      expect(standIn.stats.logins).toBe(1);
    }
  });

  it('logs in over JT/T 809-2019 with encrypted bodies', async () => {
    const { standIn, port } = await standInWith({ edition: '2019', keys: KEYS });
    const lower = lowerPlatform('2019', KEYS);
    const subPort = await lower.listen();
    await lower.connect(port);
    // 2019 also carries the access code in the login body: a wrong one there is refused.
    lower.send(login(subPort, { gnssCenterId: 1 }));
    expect((await lower.expect('main', 0x1002)).body).toMatchObject({ result: 2 });
    await lower.connect(port);
    lower.send(login(subPort, { gnssCenterId: ACCESS_CODE }));
    const answer = await lower.expect('main', 0x1002);
    expect(answer.body).toMatchObject({ result: 0 });
    expect(answer.header).toMatchObject({ edition: '2019', encryptFlag: 1 });
    const subLogin = await lower.expect('sub', 0x9001);
    expect(subLogin.header.encryptFlag).toBe(1);
    expect(subLogin.body).toEqual({
      messageId: 0x9001,
      verifyCode: (answer.body as { verifyCode: number }).verifyCode,
    });
    const up = standIn.waitForEvent((e) => e.kind === 'link' && e.link === 'sub');
    lower.send({ messageId: 0x9002, result: 0 }, 'sub');
    await up;

    // A 2019 position: GNSS_DATA is a JT/T 808 0x0200 body, as Harbor writes it.
    const gnssData = encodeJt808Body('V2019', {
      messageId: 0x0200,
      location: location({
        lat: 30.625,
        lon: 122.07,
        time: new Date('2026-11-25T08:01:00Z'),
        speedKmh: 19,
        directionDeg: 90,
      }),
    });
    const counted = standIn.waitFor(isMessage(0x1200));
    lower.send({
      messageId: 0x1200,
      plate: PLATE,
      plateColor: YELLOW,
      data: {
        subType: 0x1202,
        position: {
          encrypt: 0,
          gnssData,
          platforms: [
            { platformId: '31011500001', alarm: 0 },
            { platformId: '', alarm: 0 },
            { platformId: '', alarm: 0 },
          ],
        },
      },
    });
    await counted;
    expect(standIn.stats.lastPositions[PLATE]).toMatchObject({
      lat: 30.625,
      lon: 122.07,
      speedKmh: 19,
      time: '2026-11-25 16:01:00',
    });

    // A 2019 inspection answer names the request by its MSG_SN.
    const sent = standIn.inspect('Who is on duty?');
    const inspection = await lower.expect('sub', 0x9300, 0x9301);
    expect(inspection.header.serial).toBe(sent?.serial);
    expect(inspection.body).toMatchObject({
      data: { subType: 0x9301, answerTime: 10, infoContent: 'Who is on duty?' },
    });
    const answered = standIn.waitFor(isMessage(0x1300));
    lower.send({
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: 1,
        responder: '张三',
        responderTel: '',
        objectId: String(ACCESS_CODE),
        infoId: null,
        sourceDataType: 0x9301,
        sourceMsgSn: inspection.header.serial,
        infoContent: '张三',
      },
    });
    await answered;
    expect(standIn.stats).toMatchObject({ inspectionsSent: 1, inspectionsAnswered: 1 });
  });

  it('lets a second login replace the first main link and its sub link', async () => {
    const { standIn, port, lines } = await standInWith();
    const first = lowerPlatform();
    await first.logIn(standIn, port);
    const firstMainClosed = once(first.main as Socket, 'close');
    const firstSubClosed = once(first.sub as Socket, 'close');
    const second = lowerPlatform();
    await second.logIn(standIn, port);
    await firstMainClosed;
    await firstSubClosed;
    expect(standIn.stats).toMatchObject({ logins: 2, mainLink: 'up', subLink: 'up' });
    expect(lines.some((l) => l.startsWith('the new login replaces the main link from'))).toBe(true);
    // Requests go to the second platform's sub link.
    standIn.platformMessage('hello');
    expect((await second.expect('sub', 0x9300, 0x9302)).body).toMatchObject({
      data: { infoContent: 'hello' },
    });
  });
});

describe('SuperiorPlatformStandIn: vehicles and requests', () => {
  it('counts registrations, live positions and backlog', async () => {
    const { standIn, port, lines } = await standInWith();
    const lower = lowerPlatform();
    await lower.logIn(standIn, port);
    const vehicle = { messageId: 0x1200 as const, plate: PLATE, plateColor: YELLOW };

    let counted = standIn.waitFor(isMessage(0x1200));
    lower.send({
      ...vehicle,
      data: {
        subType: 0x1201,
        platformId: '31011500001',
        producerId: '70111',
        terminalModel: 'HB-808G',
        terminalModelBytes: 20,
        imei: null,
        terminalId: '0000001',
        simNumber: '013916001001',
      },
    });
    await counted;
    counted = standIn.waitFor(isMessage(0x1200));
    lower.send({ ...vehicle, data: { subType: 0x1202, position: position2011 } });
    await counted;
    expect(standIn.stats).toMatchObject({ vehiclesRegistered: 1, positionsLive: 1 });
    expect(standIn.stats.lastPositions[PLATE]).toEqual({
      plateColor: YELLOW,
      lat: 30.625,
      lon: 122.07,
      speedKmh: 19,
      directionDeg: 90,
      time: '2026-11-25 16:01:00',
      backlog: false,
    });
    expect(lines).toContain('0x1202 沪D12345 30.62500,122.07000 19 km/h 2026-11-25 16:01:00');
    expect(lines).toContain(
      '0x1201 沪D12345 (yellow) registered: platform 31011500001, SIM 013916001001, terminal 0000001',
    );

    // The backlog: up to five positions a message, on the sub link while the main one is down.
    counted = standIn.waitFor(isMessage(0x1200));
    const later = { ...position2011, minute: 2 };
    lower.send({ ...vehicle, data: { subType: 0x1203, positions: [position2011, later] } }, 'sub');
    const received = await counted;
    expect(received.link).toBe('sub');
    expect(standIn.stats).toMatchObject({ positionsBacklog: 2, positionsLive: 1 });
    expect(standIn.stats.lastPositions[PLATE]).toMatchObject({
      time: '2026-11-25 16:02:00',
      backlog: true,
    });

    // An impossible position is refused, not counted.
    const refused = standIn.waitForEvent((e) => e.kind === 'bad');
    lower.send({ ...vehicle, data: { subType: 0x1202, position: { ...position2011, month: 13 } } });
    expect(await refused).toMatchObject({ kind: 'bad', messageId: 0x1202 });
    expect(standIn.stats).toMatchObject({ positionsLive: 1, invalidMessages: 1 });
  });

  it('sends an inspection on the sub link and counts its answer', async () => {
    const { standIn, port, lines } = await standInWith();
    const lower = lowerPlatform();
    await lower.logIn(standIn, port);
    const sent = standIn.inspect();
    expect(sent).toMatchObject({ link: 'sub', infoId: 1 });
    const inspection = await lower.expect('sub', 0x9300, 0x9301);
    const data = (inspection.body as Extract<Jt809Body, { messageId: 0x9300 }>).data;
    if ('other' in data || data.subType !== 0x9301) throw new Error('not a 0x9301');
    expect(data).toMatchObject({ objectType: 1, objectId: String(ACCESS_CODE), infoId: 1 });
    const [, a, b] = /^(\d+) \+ (\d+) = \?$/.exec(data.infoContent) ?? [];
    expect(a).toBeDefined();
    const answered = standIn.waitFor(isMessage(0x1300));
    lower.send({
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: 1,
        responder: null,
        responderTel: null,
        objectId: data.objectId ?? '',
        infoId: data.infoId,
        sourceDataType: null,
        sourceMsgSn: null,
        infoContent: String(Number(a) + Number(b)),
      },
    });
    await answered;
    expect(standIn.stats).toMatchObject({ inspectionsSent: 1, inspectionsAnswered: 1 });
    expect(lines).toContain(`0x1301 inspection 1 answered: ${Number(a) + Number(b)} (right)`);
    // The same answer again answers nothing.
    const refused = standIn.waitForEvent((e) => e.kind === 'bad');
    lower.send({
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: 1,
        responder: null,
        responderTel: null,
        objectId: '',
        infoId: 1,
        sourceDataType: null,
        sourceMsgSn: null,
        infoContent: '1',
      },
    });
    expect(await refused).toMatchObject({ messageId: 0x1301 });
    expect(standIn.stats.inspectionsAnswered).toBe(1);
  });

  it('sends exchange requests, platform messages and vehicle texts, and counts the answers', async () => {
    const { standIn, port, lines } = await standInWith();
    const lower = lowerPlatform();
    await lower.logIn(standIn, port);

    standIn.stopExchange(PLATE, YELLOW);
    expect((await lower.expect('sub', 0x9200, 0x9206)).body).toEqual({
      messageId: 0x9200,
      plate: PLATE,
      plateColor: YELLOW,
      data: { subType: 0x9206, reasonCode: 1 },
    });
    let answered = standIn.waitFor(isMessage(0x1200));
    lower.send({
      messageId: 0x1200,
      plate: PLATE,
      plateColor: YELLOW,
      data: { subType: 0x1206, sourceDataType: null, sourceMsgSn: null },
    });
    await answered;
    expect(lines).toContain('0x1206 沪D12345 exchange stopped');
    standIn.startExchange(PLATE, YELLOW);
    await lower.expect('sub', 0x9200, 0x9205);

    standIn.platformMessage('Road closed at Luchaogang');
    const message = await lower.expect('sub', 0x9300, 0x9302);
    expect(message.body).toMatchObject({
      data: { subType: 0x9302, infoId: 1, infoContent: 'Road closed at Luchaogang' },
    });
    answered = standIn.waitFor(isMessage(0x1300));
    lower.send({
      messageId: 0x1300,
      data: { subType: 0x1302, infoId: 1, sourceDataType: null, sourceMsgSn: null },
    });
    await answered;

    standIn.vehicleText(PLATE, YELLOW, '请减速');
    const text = await lower.expect('sub', 0x9500, 0x9503);
    expect(text.body).toMatchObject({
      plate: PLATE,
      data: { subType: 0x9503, msgSequence: 2, msgPriority: 1, msgContent: '请减速' },
    });
    answered = standIn.waitFor(isMessage(0x1500));
    lower.send({
      messageId: 0x1500,
      plate: PLATE,
      plateColor: YELLOW,
      data: { subType: 0x1503, msgId: 2, sourceDataType: null, sourceMsgSn: null, result: 0 },
    });
    await answered;

    expect(standIn.stats).toMatchObject({
      exchangeRequestsSent: 2,
      exchangeRequestsAnswered: 1,
      platformMessagesSent: 1,
      platformMessagesAnswered: 1,
      vehicleTextsSent: 1,
      vehicleTextsAnswered: 1,
    });
    expect(lines).toContain('0x1503 text 2 for 沪D12345 reached the terminal');
    expect(() => standIn.vehicleText('', YELLOW, 'x')).toThrow(RangeError);
  });

  it('sends nothing without a link', async () => {
    const { standIn } = await standInWith();
    expect(standIn.inspect()).toBeNull();
    expect(standIn.stats.inspectionsSent).toBe(0);
    expect(runConsoleCommand(standIn, 'message hello')).toBe('no link up');
    expect(runConsoleCommand(standIn, 'start 沪D12345')).toMatch(/needs a plate and its colour/);
    expect(runConsoleCommand(standIn, 'bogus')).toMatch(/^unknown command "bogus"/);
    expect(runConsoleCommand(standIn, 'stats')).toMatch(/^links: main down, sub down/);
  });
});

describe('SuperiorPlatformStandIn: what it refuses', () => {
  it('counts and logs bad frames and misplaced messages, and goes on', async () => {
    const { standIn, port, lines } = await standInWith();
    const bad = (): Promise<SuperiorEvent> => standIn.waitForEvent((e) => e.kind === 'bad');

    // Before the login.
    const early = lowerPlatform();
    await early.connect(port);
    let refused = bad();
    early.send({ messageId: 0x1005 });
    expect(await refused).toMatchObject({ link: 'main', messageId: 0x1005 });
    expect(lines).toContain('main link: 0x1005 refused: before the login (0x1001)');

    const lower = lowerPlatform();
    await lower.logIn(standIn, port);
    // Too short to be a frame.
    refused = bad();
    lower.raw(Uint8Array.from([0x5b, 1, 2, 3, 0x5d]));
    expect(await refused).toMatchObject({ messageId: null });
    // A CRC that does not match.
    const frame = encodeJt809Frame(
      {
        edition: '2011',
        messageId: 0x1005,
        serial: 9,
        gnssCenterId: ACCESS_CODE,
        version: [1, 0, 0],
        encryptFlag: 0,
        encryptKey: 0,
        time: null,
      },
      { messageId: 0x1005 },
    );
    const at = frame.length - 2;
    frame[at] = (frame[at] as number) ^ 0xff;
    refused = bad();
    lower.raw(frame);
    expect(await refused).toMatchObject({ reason: expect.stringMatching(/^bad frame: CRC/) });
    // Bytes outside any frame.
    refused = bad();
    lower.raw(Uint8Array.from([0x00, 0x01]));
    await refused;
    // Another access code.
    refused = bad();
    lower.send({ messageId: 0x1005 }, 'main', 99);
    expect(await refused).toMatchObject({
      reason: `from access code 99, not ${ACCESS_CODE}`,
    });
    // An encrypted frame, and the stand-in has no keys.
    const encrypted = new LowerPlatform('2011', KEYS);
    encrypted.main = lower.main;
    refused = bad();
    encrypted.send({ messageId: 0x1005 });
    expect(await refused).toMatchObject({ reason: expect.stringMatching(/^encrypted body/) });
    // A message the lower platform does not send.
    refused = bad();
    lower.send({
      messageId: 0x9101,
      dynamicInfoTotal: 1,
      startTime: new Date(0),
      endTime: new Date(0),
    });
    expect(await refused).toMatchObject({ messageId: 0x9101 });

    expect(standIn.stats).toMatchObject({ badFrames: 3, invalidMessages: 4, mainLink: 'up' });
    // Still answering.
    lower.send({ messageId: 0x1005 });
    await lower.expect('main', 0x1006);
  });
});
