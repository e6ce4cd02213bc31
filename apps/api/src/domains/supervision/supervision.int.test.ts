import { connect } from 'node:net';
import { testDbTargets } from '@harbor/db/testing';
import type { Fix, Position } from '@harbor/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CipherKeys,
  decodeFrame,
  encodeFrame,
  FrameSplitter,
  type Position2011,
  type Position2019,
  subBodyOf,
  TestSuperiorPlatform,
} from '../../../test/jt809-superior.ts';
import { until } from '../../../test/until.ts';
import { at, buildDispatchWorld, type DispatchWorld, T0 } from '../../../test/worlds/dispatch.ts';
import { Topic } from '../../core/topic.ts';
import { Jt809Link } from '../../edges/gateways/jt809-link.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import type { LivePosition } from '../positions/live-topics.ts';
import { SupervisionLinks } from './links.ts';

// A company's JT/T 809 link against a superior platform written in the tests from the
// standard and published frames (test/jt809-superior.ts, which shares no code with Harbor's
// codec): login and sub link, registration, live positions, a link loss with refused logins and
// a backlog sent on resumption, and the platform's requests answered. Rounds are run by the
// test (no timer of the links' own), so every step waits on what the superior receives.

const KEYS: CipherKeys = { m1: 10_000_000, ia1: 20_000_000, ic1: 30_000_000 };
const setups = testDbTargets().flatMap((target) => [
  { target, edition: '2011' as const, keys: null },
  { target, edition: '2019' as const, keys: KEYS },
]);

describe.each(setups)('the JT/T 809 link on $target, $edition', ({ target, edition, keys }) => {
  let world: DispatchWorld;
  let superior: TestSuperiorPlatform;
  let links: SupervisionLinks;
  let linkId: string;
  let phone: string;
  let plate: string;
  let otherPhone: string;
  const positions = new Topic<readonly LivePosition[]>();
  const logger = pino({ level: 'silent' });
  const credentials = { userId: 4_000_000_001, password: 'harbor88', gnssCenterId: 3_100_000_007 };

  /** A live position of a DHCL truck, as the live tap publishes it. */
  const live = (assetKey: string, minutes: number, lat = 30.62, organization = 'dhcl') => {
    const position: Position = {
      assetKind: 'VEHICLE',
      assetKey,
      fixAt: at(minutes).toISOString(),
      lat,
      lon: 122.07,
      speedKnots: 10,
      courseDeg: 90,
      headingDeg: null,
      status: null,
      source: 'JT808',
    };
    const organizationId =
      organization === 'dhcl' ? world.organizations.dhcl.id : world.organizations.lgft.id;
    positions.publish([{ position, organizationId }]);
  };

  /** Latitude of a received position record, whichever edition. */
  const latOf = (p: Position2011 | Position2019) =>
    p.edition === '2011' ? p.lat : (p.location?.lat ?? Number.NaN);

  const forwarder = () => {
    const f = links.forwarder(linkId);
    if (!f) throw new Error('the link is not held');
    return f;
  };

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    superior = new TestSuperiorPlatform({
      edition,
      ...credentials,
      verifyCode: 0x5a5b5d5e,
      ...(keys ? { keys } : {}),
    });
    const port = await superior.start();
    const admin = world.with('dhclAdmin');
    const saved = await admin.supervision.save({
      enabled: true,
      edition: edition === '2011' ? 'JT809_2011' : 'JT809_2019',
      host: '127.0.0.1',
      port,
      ...credentials,
      platformId: '31011500001',
      downLinkIp: '127.0.0.1',
      downLinkPort: 65_000,
      encryption: keys ? { ...keys, key: 123_456 } : null,
    });
    linkId = saved.id;
    // The sub-link server on a port the system chooses (the api asks for a real one).
    await world.db.prisma.supervisionLink.update({
      where: { id: linkId },
      data: { downLinkPort: 0 },
    });
    const device = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: '013916001001' },
      include: { vehicle: true },
    });
    phone = device.terminalPhone;
    plate = device.vehicle?.plate as string;
    await admin.supervision.share({ vehicleIds: [device.vehicleId as string], shared: true });
    otherPhone = '013816002001';
    links = new SupervisionLinks({
      db: world.db,
      now: () => T0,
      logger,
      positions,
      messenger: { deliver: async (row) => row },
      ownerId: 'test-process',
      roundMs: 3_600_000,
      open: (settings, events) =>
        new Jt809Link(settings, events, logger, {
          heartbeatMs: 3_600_000,
          loginTimeoutMs: 60_000,
          backoff: { initialMs: 5, maxMs: 20 },
        }),
    });
  });
  afterAll(async () => {
    await links?.stop();
    await superior?.close();
    await world?.db.drop();
  });

  it('logs in on the main link, takes the sub link back and registers the shared truck', async () => {
    await links.round();
    await superior.waitForLogins(1);
    expect(superior.lastLogin).toMatchObject({
      userId: credentials.userId,
      password: credentials.password,
      downLinkIp: '127.0.0.1',
      gnssCenterId: edition === '2019' ? credentials.gnssCenterId : null,
    });
    await superior.waitForSubLink();
    expect(superior.subLoginResults).toEqual([0]);
    const { frame, data } = await superior.waitForData(0x1201, 'the registration');
    expect(frame.header.gnssCenterId).toBe(credentials.gnssCenterId);
    expect(frame.header.encryptFlag).toBe(keys ? 1 : 0);
    expect(frame.body).toMatchObject({ plate, plateColor: 2 });
    expect(data).toMatchObject({ platformId: '31011500001' });
    expect(data.simNumber).toBe(edition === '2011' ? phone.padStart(12, '0') : phone);
  });

  it('forwards the shared truck’s live positions, and no other truck’s', async () => {
    // Positions that come while the link catches up after its login are sent as backlog.
    await forwarder().settled();
    live(otherPhone, 1, 31.0, 'lgft');
    live('013916009999', 1, 31.1);
    live(phone, 1, 30.625);
    const { frame, data } = await superior.waitForData(0x1202, 'a live position');
    expect(frame.body).toMatchObject({ plate });
    const p = data.position;
    if (p.edition === '2011') {
      // 08:01 UTC is 16:01 in Beijing; 10 knots are 18.52 km/h.
      expect(p).toMatchObject({ year: 2026, month: 11, day: 25, hour: 16, minute: 1, second: 0 });
      expect(p).toMatchObject({ latMicro: 30_625_000, lonMicro: 122_070_000, speedKmh: 19 });
      expect(p.direction).toBe(90);
    } else {
      expect(p.location).toMatchObject({ latMicro: 30_625_000, lonMicro: 122_070_000 });
      expect(p.location).toMatchObject({ year: 2026, month: 11, day: 25, hour: 16, minute: 1 });
      expect(p.location?.speedKmh).toBe(19);
      expect(p.platforms[0]?.platformId).toBe('31011500001');
    }
    await links.round();
    const row = await world.db.prisma.supervisionLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(row.forwardedUntil).toEqual(at(1));
  });

  it('survives losing both links and refused logins, then sends what it missed as 0x1203', async () => {
    const before = superior.frames.length;
    superior.refuseLogins(4);
    superior.closeSub();
    superior.closeMain();
    await until(() => !forwarder().channel.isUp);
    // What the tracker stored while the link was down and this process was not told (a restart
    // of Harbor looks the same), and then what this process heard live meanwhile.
    const stored: Fix = {
      assetKind: 'VEHICLE',
      assetKey: phone,
      fixAt: at(2),
      receivedAt: at(2),
      lat: 30.63,
      lon: 122.07,
      speedKnots: 0,
      courseDeg: 0,
      headingDeg: null,
      altitudeM: null,
      status: null,
      source: 'JT808',
    };
    await writeFixes(world.db, [stored]);
    live(phone, 3, 30.64);
    live(phone, 4, 30.65);
    await until(() => forwarder().counters.backlogPending === 2);
    await until(() => forwarder().channel.stats.loginsRefused >= 2);
    expect(forwarder().channel.stats.lastError).toMatchObject({
      code: 'login-refused',
      detail: 'password-wrong',
    });
    superior.refuseLogins(null);
    const batch = await superior.waitForData(0x1203, 'the backlog', (_, f) => f.index >= before);
    const second = await superior.waitFor(
      (f) => f.index > batch.frame.index && subBodyOf(f, 0x1203) !== null,
      'the backlog held in memory',
    );
    expect(batch.data.positions.map(latOf)).toEqual([30.63]);
    expect(subBodyOf(second, 0x1203)?.positions.map(latOf)).toEqual([30.64, 30.65]);
    // Registered again on the new login, before the backlog.
    const registered = superior.frames.findIndex(
      (f, i) => i >= before && subBodyOf(f, 0x1201) !== null,
    );
    expect(registered).toBeGreaterThan(-1);
    expect(registered).toBeLessThan(batch.frame.index);
    await forwarder().settled();
    live(phone, 5, 30.66);
    await superior.waitForData(0x1202, 'live again', (d) => latOf(d.position) === 30.66);
    expect(forwarder().counters).toMatchObject({ backlogSent: 3, backlogPending: 0 });
  });

  it('stops and starts the truck’s exchange when the platform asks, and answers', async () => {
    const serial = superior.stopExchange(plate, 2, 1);
    const stopped = await superior.waitForData(0x1206, 'the stop answer');
    if (edition === '2019') expect(stopped.data).toMatchObject({ sourceMsgSn: serial });
    const share = await world.db.prisma.supervisionLinkVehicle.findFirstOrThrow({
      where: { linkId },
    });
    expect(share.exchangeStopped).toBe(true);
    live(phone, 6, 30.67);
    superior.startExchange(plate, 2, 1);
    await superior.waitForData(0x1205, 'the start answer');
    live(phone, 7, 30.68);
    await superior.waitForData(0x1202, 'live after the start', (d) => latOf(d.position) === 30.68);
    const lats = superior.frames.flatMap((f) => {
      const p = subBodyOf(f, 0x1202);
      return p ? [latOf(p.position)] : [];
    });
    expect(lats).not.toContain(30.67);
  });

  it('stores an inspection for the person on duty and sends their answer', async () => {
    const serial = superior.inspect({
      objectType: 1,
      objectId: '310115',
      infoId: 77,
      question: '请回答：3 + 4 = ?',
    });
    await until(
      async () =>
        (await world.with('dhclDispatcher').supervision.requests({ limit: 5 })).length > 0,
    );
    const [request] = await world.with('dhclDispatcher').supervision.requests({ limit: 5 });
    expect(request).toMatchObject({ kind: 'INSPECTION', infoId: 77, content: '请回答：3 + 4 = ?' });
    await world
      .with('dhclDispatcher')
      .supervision.answer({ id: request?.id as string, answer: '7' });
    await links.round();
    const { data } = await superior.waitForData(0x1301, 'the inspection answer');
    expect(data.infoContent).toBe('7');
    expect(data.objectType).toBe(1);
    if (edition === '2011') expect(data.infoId).toBe(77);
    else expect(data).toMatchObject({ sourceDataType: 0x9301, sourceMsgSn: serial });
    const [sent] = await world.with('dhclDispatcher').supervision.requests({ limit: 5 });
    expect(sent?.sentAt).not.toBeNull();
  });

  it('acknowledges a platform message once stored, and a text for the truck with its result', async () => {
    superior.platformMessage({ objectType: 1, objectId: '310115', infoId: 88, text: '请注意安全' });
    const ack = await superior.waitForData(0x1302, 'the platform message answer');
    if (edition === '2011') expect(ack.data.infoId).toBe(88);
    const stored = await world.db.prisma.supervisionRequest.findFirstOrThrow({
      where: { linkId, kind: 'PLATFORM_MESSAGE' },
    });
    expect(stored.content).toBe('请注意安全');
    superior.vehicleText({ plate, color: 2, sequence: 99, priority: 1, text: '前方拥堵，请绕行' });
    const text = await superior.waitForData(0x1503, 'the vehicle text answer');
    // Nobody holds the truck's terminal here: not sent now, queued for its next connection.
    expect(text.data.result).toBe(1);
    if (edition === '2011') expect(text.data.msgId).toBe(99);
    const queued = await world.db.prisma.terminalMessage.findFirstOrThrow({
      where: { terminalPhone: phone, text: '前方拥堵，请绕行' },
    });
    expect(queued.status).toBe('QUEUED');
  });

  it('refuses a sub-link login with a wrong verify code, and counts a bad frame without dropping the link', async () => {
    const row = await world.db.prisma.supervisionLink.findUniqueOrThrow({ where: { id: linkId } });
    const port = superior.lastLogin?.downLinkPort as number;
    expect(port).toBeGreaterThan(0);
    const socket = connect(port, '127.0.0.1');
    const splitter = new FrameSplitter();
    const answer = new Promise<number>((resolve) =>
      socket.on('data', (chunk) => {
        for (const frame of splitter.push(chunk)) {
          const decoded = decodeFrame(frame, edition, keys ?? undefined);
          if (decoded.messageId === 0x9002) resolve((decoded.body as { result: number }).result);
        }
      }),
    );
    const header = {
      sn: 1,
      messageId: 0x9001,
      gnssCenterId: Number(row.gnssCenterId),
      version: [1, 0, 0] as [number, number, number],
      encryptFlag: keys ? 1 : 0,
      encryptKey: 7,
      time: edition === '2019' ? Math.floor(Date.now() / 1000) : null,
    };
    const wrong = new Uint8Array([0, 0, 0, 1]);
    socket.write(encodeFrame(edition, header, wrong, keys ?? undefined));
    expect(await answer).toBe(1);
    socket.destroy();
    const errors = forwarder().channel.stats.decodeErrors;
    superior.send(0x1005, new Uint8Array([0x5b, 0x00, 0x5d]), 'main');
    await until(() => forwarder().channel.stats.decodeErrors > errors);
    expect(forwarder().channel.isUp).toBe(true);
  });

  it('reports its status for the status page and /metrics', async () => {
    await links.round();
    const link = await world.with('dhclViewer').supervision.link();
    expect(link?.status).toMatchObject({ main: 'up', sub: 'up', backlogSent: 3 });
    expect(link?.status?.positionsSent).toBeGreaterThanOrEqual(3);
    expect(links.stats()).toMatchObject({ links: 1, linksUp: 1, backlogSent: 3 });
    expect(await world.with('lgftDispatcher').supervision.link()).toBeNull();
  });

  it('says whether a process holds the link by the database’s clock, not its own', async () => {
    const viewer = world.with('dhclViewer');
    expect(await viewer.supervision.link()).toMatchObject({ held: true });
    // The lease ran out, as when its holder dies; this process's clock (the tests' T0, days
    // earlier) would still call it held.
    await world.db.sql.query(
      `UPDATE "SupervisionLink" SET "leaseUntil" = now() - interval '1 minute' WHERE id = $1`,
      [linkId],
    );
    expect(await viewer.supervision.link()).toMatchObject({ held: false });
    await links.round();
    expect(await viewer.supervision.link()).toMatchObject({ held: true });
  });

  it('keeps the password and the cipher when saved without them, and the link stays open', async () => {
    const held = forwarder();
    const link = await world.with('dhclAdmin').supervision.link();
    if (!link) throw new Error('no link');
    const saved = await world.with('dhclAdmin').supervision.save({
      enabled: true,
      edition: link.edition,
      host: link.host,
      port: link.port,
      userId: link.userId,
      gnssCenterId: link.gnssCenterId,
      platformId: link.platformId,
      downLinkIp: link.downLinkIp,
      downLinkPort: 65_000,
    });
    expect(saved).toMatchObject({ encrypted: keys !== null, held: true });
    const row = await world.db.prisma.supervisionLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(row.password).toBe(credentials.password);
    expect(row.encryptM1).toBe(keys ? BigInt(keys.m1) : null);
    // Back to the port the system chose: the same settings, so the same open link.
    await world.db.prisma.supervisionLink.update({
      where: { id: linkId },
      data: { downLinkPort: 0 },
    });
    await links.round();
    expect(forwarder()).toBe(held);
  });
});

// Several api processes share the database: one holds a link at a time, through the lease in its
// row. When that process dies, another takes the link once the lease has run out and sends what
// was stored since the last position the first one sent.
describe.each(testDbTargets())('a JT/T 809 link between processes on %s', (target) => {
  let world: DispatchWorld;
  let superior: TestSuperiorPlatform;
  let linkId: string;
  const logger = pino({ level: 'silent' });
  const credentials = { userId: 7, password: 'pw', gnssCenterId: 9 };
  const process = (ownerId: string) => {
    const positions = new Topic<readonly LivePosition[]>();
    const links = new SupervisionLinks({
      db: world.db,
      // An hour after the fixes below: the backlog reads what was stored up to now.
      now: () => at(60),
      logger,
      positions,
      messenger: { deliver: async (row) => row },
      ownerId,
      roundMs: 3_600_000,
      leaseMs: 200,
      open: (settings, events) =>
        new Jt809Link(settings, events, logger, {
          heartbeatMs: 3_600_000,
          loginTimeoutMs: 60_000,
          backoff: { initialMs: 5, maxMs: 20 },
        }),
    });
    return { links, positions };
  };
  let first: ReturnType<typeof process>;
  let second: ReturnType<typeof process>;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    superior = new TestSuperiorPlatform({ edition: '2011', ...credentials, verifyCode: 1 });
    const port = await superior.start();
    const link = await world.with('dhclAdmin').supervision.save({
      enabled: true,
      edition: 'JT809_2011',
      host: '127.0.0.1',
      port,
      ...credentials,
      platformId: '31011500001',
      downLinkIp: '127.0.0.1',
      downLinkPort: 65_000,
      encryption: null,
    });
    linkId = link.id;
    await world.db.prisma.supervisionLink.update({
      where: { id: linkId },
      data: { downLinkPort: 0 },
    });
    const device = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: '013916001001' },
    });
    await world
      .with('dhclAdmin')
      .supervision.share({ vehicleIds: [device.vehicleId as string], shared: true });
    first = process('process-a');
    second = process('process-b');
  });
  afterAll(async () => {
    await first?.links.stop();
    await second?.links.stop();
    await superior?.close();
    await world?.db.drop();
  });

  it('is held by one process, and taken over with its backlog when that process dies', async () => {
    await first.links.round();
    await second.links.round();
    expect(first.links.forwarder(linkId)).not.toBeNull();
    expect(second.links.forwarder(linkId)).toBeNull();
    await superior.waitForLogins(1);
    // Positions that come while the link catches up after its login are sent as backlog.
    await superior.waitForData(0x1201, 'the registration');
    await first.links.forwarder(linkId)?.settled();
    const position = (minutes: number, lat: number): Position => ({
      assetKind: 'VEHICLE',
      assetKey: '013916001001',
      fixAt: at(minutes).toISOString(),
      lat,
      lon: 122.07,
      speedKnots: 0,
      courseDeg: 0,
      headingDeg: null,
      status: null,
      source: 'JT808',
    });
    const dhcl = world.organizations.dhcl.id;
    first.positions.publish([{ position: position(1, 30.61), organizationId: dhcl }]);
    await superior.waitForData(0x1202, 'a live position from the first process');
    await first.links.round();
    // The first process dies: its link closes and its lease is no longer renewed.
    await first.links.forwarder(linkId)?.channel.stop();
    const { lat, lon, fixAt } = position(2, 30.62);
    await writeFixes(world.db, [
      {
        assetKind: 'VEHICLE',
        assetKey: '013916001001',
        fixAt: new Date(fixAt),
        receivedAt: new Date(fixAt),
        lat,
        lon,
        speedKnots: 0,
        courseDeg: 0,
        headingDeg: null,
        altitudeM: null,
        status: null,
        source: 'JT808',
      },
    ]);
    await until(async () => {
      await second.links.round();
      return second.links.forwarder(linkId) !== null;
    });
    const { data } = await superior.waitForData(0x1203, 'the backlog from the second process');
    expect(data.positions.map((p) => (p.edition === '2011' ? p.lat : null))).toEqual([30.62]);
    const row = await world.db.prisma.supervisionLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(row.ownerId).toBe('process-b');
  });
});
