import { Writable } from 'node:stream';
import { seed } from '@harbor/db';
import { createTestDb, testDbTargets } from '@harbor/db/testing';
import { location } from '@harbor/protocols/jt808';
import type { Fix } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceDirectory } from '../../src/domains/vehicles/device-directory.ts';
import {
  type TerminalResponse,
  terminalLinksOf,
} from '../../src/domains/vehicles/terminal-links.ts';
import { Jt808Gateway } from '../../src/edges/gateways/jt808-gateway.ts';
import { writeFixes } from '../../src/pipeline/fix-store.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import { ALL_USERS, buildWorld, expectTrpcError, type UserKey, type World } from '../fixtures.ts';
import { TestTerminal } from '../jt808-terminal.ts';
import { testContext } from '../services.ts';

// A hostile client at the JT/T 808 edge: it knows the phone numbers of other companies'
// trucks (they are printed on the cab) and speaks the protocol. Whatever it sends, it never
// learns a terminal's auth code, never acts as another terminal, and never lingers unproven.

const T = new Date('2026-11-25T02:15:30Z');
const report = (minutes = 0) => ({
  messageId: 0x0200 as const,
  location: location({
    lat: 30.8705,
    lon: 121.9055,
    time: new Date(T.getTime() - minutes * 60_000),
  }),
});

/** The warnings the gateway logs, parsed. */
function warnings() {
  const lines: { msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: pino({ level: 'warn' }, stream) };
}

describe.each(testDbTargets())('the JT/T 808 edge against a hostile client on %s', (target) => {
  let world: World;
  let gateway: Jt808Gateway;
  let devices: DeviceDirectory;
  let port: number;
  let phones = 0;
  const published: Fix[] = [];
  const responses: { phone: string; response: TerminalResponse }[] = [];
  const authenticated: string[] = [];
  const log = warnings();

  /** A new truck with a terminal of `org`, open to its first registration; its phone. */
  async function truck(org: 'dhcl' | 'lgft' = 'dhcl'): Promise<{ id: string; phone: string }> {
    const n = String(++phones).padStart(4, '0');
    const organizationId = world.organizations[org].id;
    const vehicle = await world.db.prisma.vehicle.create({
      data: { organizationId, plate: `沪${org === 'dhcl' ? 'D' : 'E'}H${n}` },
    });
    const device = await world.db.prisma.device.create({
      data: { organizationId, vehicleId: vehicle.id, terminalPhone: `01390066${n}` },
    });
    return { id: device.id, phone: device.terminalPhone };
  }

  /** A terminal of a new truck, registered with `terminalId` and authenticated; its code. */
  async function online(terminalId: string, org: 'dhcl' | 'lgft' = 'dhcl') {
    const { id, phone } = await truck(org);
    const terminal = new TestTerminal(port, phone);
    const { result, authCode } = await terminal.register(terminalId);
    expect(result).toBe(0);
    expect(await terminal.authenticate(authCode ?? '')).toBe(0);
    // Its last-seen time is written behind: done, so later checks see the device settled.
    await devices.lastSeenWritten();
    return { id, phone, terminal, authCode: authCode ?? '' };
  }

  const fixRows = (phone: string) =>
    world.db.prisma.positionFix.count({ where: { assetKind: 'VEHICLE', assetKey: phone } });

  beforeAll(async () => {
    world = await buildWorld(target);
    devices = new DeviceDirectory(world.db);
    gateway = new Jt808Gateway({
      devices,
      logger: log.logger,
      now: () => new Date('2026-11-25T02:15:31Z'),
      // What the gateway publishes is stored, so "never stored" is checked in the database.
      publish: async (fixes) => {
        published.push(...fixes);
        await writeFixes(world.db, fixes);
      },
      onAuthenticated: (phone) => authenticated.push(phone),
      onTerminalResponse: (phone, response) => responses.push({ phone, response }),
    });
    port = await gateway.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway.close();
    await world.db.drop();
  });

  it('refuses to register a bound terminal from another terminal id: result 3, no code', async () => {
    const { phone, terminal } = await online('REAL001');
    const before = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: phone },
    });

    const intruder = new TestTerminal(port, phone);
    expect(await intruder.register('EVIL001')).toEqual({ result: 3, authCode: null });
    expect(await intruder.authenticate('')).toBe(1);
    expect(gateway.counters.refusedRegistrations).toBeGreaterThanOrEqual(1);
    // The binding and the code are as they were; the real terminal still reports.
    expect(
      await world.db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: phone } }),
    ).toMatchObject({ boundTerminalId: 'REAL001', authCodeHash: before.authCodeHash });
    expect(await terminal.exchange(report())).toMatchObject({ replyMessageId: 0x0200, result: 0 });
    expect(log.lines.some((line) => line.msg.includes('registration refused'))).toBe(true);
    intruder.close();
    terminal.close();
  });

  it('stores only a hash of a code of at least 128 random bits; the same terminal id rotates it, but not while it is online', async () => {
    const { phone, terminal, authCode } = await online('ROTA001');
    const { phone: otherPhone, terminal: other, authCode: otherCode } = await online('ROTA002');
    const stored = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: phone },
    });
    expect(Buffer.from(authCode, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(authCode).not.toBe(otherCode);
    expect(stored.authCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(authCode);

    // While the terminal is online, its terminal id (sent in clear, often on a label) does not
    // get anyone a new code: that would take the code from a working truck.
    const thief = new TestTerminal(port, phone);
    expect(await thief.register('ROTA001')).toEqual({ result: 3, authCode: null });
    thief.close();
    expect(await terminal.exchange(report())).toMatchObject({ replyMessageId: 0x0200, result: 0 });

    // Offline, the same terminal registers again (a restart that lost its code): a new code,
    // the old one dead.
    terminal.close();
    for (let i = 0; i < 1000 && gateway.isOnline(phone); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gateway.isOnline(phone)).toBe(false);
    const again = new TestTerminal(port, phone);
    const rotated = await again.register('ROTA001');
    expect(rotated.result).toBe(0);
    expect(rotated.authCode).not.toBe(authCode);
    expect(await again.authenticate(authCode)).toBe(1);
    expect(await again.authenticate(rotated.authCode ?? '')).toBe(0);
    expect(
      (await world.db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: otherPhone } }))
        .authCodeHash,
    ).not.toBe(stored.authCodeHash);
    for (const t of [terminal, other, again]) t.close();
  });

  it('binds an open phone to exactly one of two terminals registering at once', async () => {
    const { phone } = await truck();
    const first = new TestTerminal(port, phone);
    const second = new TestTerminal(port, phone);
    const results = await Promise.all([first.register('RACE001'), second.register('RACE002')]);
    expect(results.map((r) => r.result).sort()).toEqual([0, 3]);
    const winner = results.findIndex((r) => r.result === 0);
    const device = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: phone },
    });
    expect(device.boundTerminalId).toBe(winner === 0 ? 'RACE001' : 'RACE002');
    const code = results[winner]?.authCode ?? '';
    expect(await (winner === 0 ? first : second).authenticate(code)).toBe(0);
    first.close();
    second.close();
  });

  it('seeds no terminal with a code: each is open to its first registration', async () => {
    const db = await createTestDb(target);
    try {
      await seed(db, { now: T, fleetSize: 2 });
      const devices = await db.prisma.device.findMany();
      expect(devices.length).toBe(4);
      for (const device of devices)
        expect(device).toMatchObject({
          authCodeHash: null,
          isRegistrationOpen: true,
          boundTerminalId: null,
        });
      // The codes the seed used to carry open nothing.
      const seeded = new Jt808Gateway({
        devices: new DeviceDirectory(db),
        logger: pino({ level: 'silent' }),
        now: () => T,
        publish: async () => {},
      });
      const seededPort = await seeded.listen(0, '127.0.0.1');
      const terminal = new TestTerminal(seededPort, '013916001001');
      expect(await terminal.authenticate('DHCL-AUTH-01')).toBe(1);
      terminal.close();
      await seeded.close();
    } finally {
      await db.drop();
    }
  });

  it('refuses, counts and never stores or forwards frames naming another phone on an authenticated connection', async () => {
    const { phone, terminal } = await online('OWN0001');
    const { phone: victim, terminal: victimTerminal } = await online('VICT001', 'lgft');
    const stranger = '013999999999';
    const refusedBefore = gateway.counters.refusedForeignPhone;
    const victimDevice = await world.db.prisma.device.findUniqueOrThrow({
      where: { terminalPhone: victim },
    });

    expect(await terminal.exchange(report(1), victim)).toMatchObject({
      messageId: 0x8001,
      replyMessageId: 0x0200,
      result: 1,
    });
    expect(await terminal.exchange(report(2), stranger)).toMatchObject({ result: 1 });
    expect(
      await terminal.exchange(
        { messageId: 0x0704, type: 1, locations: [report(3).location, report(4).location] },
        victim,
      ),
    ).toMatchObject({ replyMessageId: 0x0704, result: 1 });
    expect(await terminal.exchange({ messageId: 0x0002 }, victim)).toMatchObject({ result: 1 });
    // A general response (0x0001) gets no answer; it must not reach the messenger either.
    terminal.send({ messageId: 0x0001, replySerial: 1, replyMessageId: 0x8300, result: 0 }, victim);
    expect(
      await terminal.exchange(
        {
          messageId: 0x0100,
          provinceId: 31,
          cityId: 115,
          manufacturerId: 'EVIL',
          terminalModel: 'X',
          terminalId: 'EVIL002',
          plateColor: 2,
          plate: '沪E00000',
        },
        victim,
      ),
    ).toMatchObject({ messageId: 0x8001, replyMessageId: 0x0100, result: 1 });
    expect(
      await terminal.exchange(
        { messageId: 0x0102, authCode: 'whatever', imei: null, softwareVersion: null },
        victim,
      ),
    ).toMatchObject({ messageId: 0x8001, replyMessageId: 0x0102, result: 1 });

    // Its own frames still go through, in order after the refused ones.
    expect(await terminal.exchange(report(5))).toMatchObject({ result: 0 });
    expect(gateway.counters.refusedForeignPhone - refusedBefore).toBe(7);
    expect(published.filter((fix) => fix.assetKey === victim || fix.assetKey === stranger)).toEqual(
      [],
    );
    expect(await fixRows(victim)).toBe(0);
    expect(await fixRows(stranger)).toBe(0);
    expect(await fixRows(phone)).toBe(1);
    expect(responses.filter((r) => r.phone === victim)).toEqual([]);
    expect(
      await world.db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: victim } }),
    ).toEqual(victimDevice);
    expect(
      log.lines.filter((line) => line.msg === 'JT/T 808 frame for another terminal refused'),
    ).toContainEqual(expect.objectContaining({ terminalPhone: phone, framePhone: victim }));
    // The victim's own connection is untouched.
    expect(gateway.isOnline(victim)).toBe(true);
    expect(await victimTerminal.exchange(report(6))).toMatchObject({ result: 0 });
    terminal.close();
    victimTerminal.close();
  });

  it('refuses frames for another phone before authentication too: a connection speaks for one terminal', async () => {
    const { phone } = await truck();
    const { phone: victim, authCode } = await online('PREA001');
    const terminal = new TestTerminal(port, phone);
    expect(await terminal.register('PREA002')).toMatchObject({ result: 0 });
    // The victim's real code, replayed on a connection that spoke as another phone first.
    expect(
      await terminal.exchange(
        { messageId: 0x0102, authCode, imei: null, softwareVersion: null },
        victim,
      ),
    ).toMatchObject({ replyMessageId: 0x0102, result: 1 });
    expect(authenticated.filter((p) => p === victim)).toHaveLength(1);
    terminal.close();
  });

  it('closes the older connection when the terminal authenticates again; texts go to the newer one', async () => {
    const { phone, terminal: older, authCode } = await online('NEWW001');
    const replacedBefore = gateway.counters.replacedConnections;
    const newer = new TestTerminal(port, phone);
    expect(await newer.authenticate(authCode)).toBe(0);
    await older.closed;
    expect(gateway.counters.replacedConnections - replacedBefore).toBe(1);
    // The old socket's close did not take the new session with it.
    expect(gateway.isOnline(phone)).toBe(true);
    const serial = gateway.sendText(phone, '到 3 号闸口', 0b100);
    expect(serial).not.toBeNull();
    const text = await newer.next();
    expect(text.header).toMatchObject({ messageId: 0x8300, terminalPhone: phone, serial });
    expect(text.body).toMatchObject({ text: '到 3 号闸口' });
    const warning = log.lines.find(
      (line) =>
        line.msg.includes('authenticated on a new connection') && line.terminalPhone === phone,
    );
    expect(warning?.older).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(warning?.newer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(warning?.older).not.toBe(warning?.newer);
    newer.close();
  });

  it('closes a connection that does not authenticate in time, heartbeats or not', async () => {
    const quick = new Jt808Gateway({
      devices: new DeviceDirectory(world.db),
      logger: pino({ level: 'silent' }),
      now: () => T,
      publish: async () => {},
      authTimeoutMs: 1000,
      idleTimeoutMs: 600_000,
    });
    const quickPort = await quick.listen(0, '127.0.0.1');
    try {
      const { phone } = await truck();
      const terminal = new TestTerminal(quickPort, phone);
      // A heartbeat before authentication is refused and keeps nothing alive.
      expect(await terminal.exchange({ messageId: 0x0002 })).toMatchObject({
        replyMessageId: 0x0002,
        result: 1,
      });
      await terminal.closed;
      expect(quick.counters.authTimeouts).toBe(1);

      // One that authenticates in time stays: a probe opened after it times out first.
      const registering = new TestTerminal(quickPort, phone);
      const { authCode } = await registering.register('TIME001');
      registering.close();
      const proven = new TestTerminal(quickPort, phone);
      expect(await proven.authenticate(authCode ?? '')).toBe(0);
      const probe = new TestTerminal(quickPort, '013999990001');
      await probe.closed;
      expect(proven.isClosed).toBe(false);
      expect(await proven.exchange({ messageId: 0x0002 })).toMatchObject({ result: 0 });
      proven.close();
    } finally {
      await quick.close();
    }
  });

  it('closes a connection after three failed authentications, an authenticated one after one', async () => {
    const { phone, terminal } = await online('FAIL001');
    const closedBefore = gateway.counters.closedAfterFailures;
    const guesser = new TestTerminal(port, phone);
    expect(await guesser.authenticate('guess-1')).toBe(1);
    expect(await guesser.authenticate('guess-2')).toBe(1);
    expect(await guesser.authenticate('guess-3')).toBe(1);
    await guesser.closed;
    expect(gateway.counters.closedAfterFailures - closedBefore).toBe(1);

    // Proven once, then failing: it no longer proves anything, and no time-out would end it.
    expect(await terminal.authenticate('guess-4')).toBe(1);
    await terminal.closed;
    expect(gateway.isOnline(phone)).toBe(false);
    expect(gateway.counters.closedAfterFailures - closedBefore).toBe(2);
  });

  it('logs a terminal out (0x0003) only when authenticated: its code stops working', async () => {
    const { phone, terminal, authCode } = await online('LOGO001');
    const logout = { messageId: 0x0003, bodyHex: '', other: true as const };
    const unproven = new TestTerminal(port, phone);
    expect(await unproven.exchange(logout)).toMatchObject({ replyMessageId: 0x0003, result: 1 });
    unproven.close();
    const hashOf = async () =>
      (await world.db.prisma.device.findUniqueOrThrow({ where: { terminalPhone: phone } }))
        .authCodeHash;
    expect(await hashOf()).not.toBeNull();

    expect(await terminal.exchange(logout)).toMatchObject({ replyMessageId: 0x0003, result: 0 });
    await terminal.closed;
    expect(await hashOf()).toBeNull();
    const again = new TestTerminal(port, phone);
    expect(await again.authenticate(authCode)).toBe(1);
    // Still bound: only the same terminal registers again.
    expect(await again.register('EVIL003')).toMatchObject({ result: 3 });
    expect((await again.register('LOGO001')).result).toBe(0);
    again.close();
  });

  it('lets an admin reset a binding: the live terminal is cut off, its code dies, a new terminal binds', async () => {
    const { id, phone, terminal, authCode } = await online('OLD0001');
    const admin = createCaller(
      testContext({
        db: world.db,
        user: world.users.dhclAdmin,
        terminalLinks: terminalLinksOf(gateway),
      }),
    );
    const { device, wasDisconnected } = await admin.devices.resetBinding({ id });
    expect(wasDisconnected).toBe(true);
    expect(device).toMatchObject({
      terminalPhone: phone,
      boundTerminalId: null,
      isRegistrationOpen: true,
      isOnline: false,
    });
    await terminal.closed;

    const replacement = new TestTerminal(port, phone);
    expect(await replacement.authenticate(authCode)).toBe(1);
    const fresh = await replacement.register('NEW0001');
    expect(fresh.result).toBe(0);
    expect(await replacement.authenticate(fresh.authCode ?? '')).toBe(0);
    // The old terminal is the stranger now.
    const old = new TestTerminal(port, phone);
    expect(await old.register('OLD0001')).toMatchObject({ result: 3, authCode: null });
    const listed = await admin.devices.list({ search: phone });
    expect(listed.items).toEqual([
      expect.objectContaining({
        boundTerminalId: 'NEW0001',
        isRegistrationOpen: false,
        isOnline: true,
      }),
    ]);
    replacement.close();
    old.close();
  });
});

describe.each(testDbTargets())(
  'devices.list and devices.resetBinding as each role on %s',
  (target) => {
    let world: World;
    const devices: Record<'dhcl' | 'lgft', string> = { dhcl: '', lgft: '' };
    const as = (user: UserKey) =>
      createCaller(testContext({ db: world.db, user: world.users[user] }));

    beforeAll(async () => {
      world = await buildWorld(target);
      for (const [org, phone] of [
        ['dhcl', '013900770001'],
        ['lgft', '013900770002'],
      ] as const) {
        const device = await world.db.prisma.device.create({
          data: {
            organizationId: world.organizations[org].id,
            terminalPhone: phone,
            // As after a registration: bound, with the hash of a code.
            authCodeHash: 'a'.repeat(64),
            isRegistrationOpen: false,
            boundTerminalId: `T-${org}`,
          },
        });
        devices[org] = device.id;
      }
    });
    afterAll(() => world.db.drop());

    it('lists the own company’s devices to its ADMIN, every device to a port ADMIN, never the hash', async () => {
      const seen: Partial<Record<UserKey, string[]>> = {};
      for (const user of ALL_USERS) {
        const call = as(user).devices.list({});
        if (user === 'dhclAdmin' || user === 'portAdmin') {
          const page = await call;
          seen[user] = page.items.map((device) => device.terminalPhone);
          expect(JSON.stringify(page)).not.toContain('a'.repeat(64));
          expect(JSON.stringify(page)).not.toMatch(/authCode/i);
        } else await expectTrpcError(call, 'FORBIDDEN');
      }
      expect(seen).toEqual({
        dhclAdmin: ['013900770001'],
        portAdmin: ['013900770001', '013900770002'],
      });
      await expectTrpcError(
        createCaller(testContext({ db: world.db })).devices.list({}),
        'UNAUTHORIZED',
      );
    });

    it('resets a binding for the device’s company ADMIN or a port ADMIN only; another company’s is NOT_FOUND', async () => {
      for (const user of ALL_USERS.filter((u) => u !== 'dhclAdmin' && u !== 'portAdmin'))
        await expectTrpcError(as(user).devices.resetBinding({ id: devices.dhcl }), 'FORBIDDEN');
      await expectTrpcError(
        as('dhclAdmin').devices.resetBinding({ id: devices.lgft }),
        'NOT_FOUND',
      );
      await expectTrpcError(
        as('dhclAdmin').devices.resetBinding({ id: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
      );
      expect(
        await world.db.prisma.device.findUniqueOrThrow({ where: { id: devices.lgft } }),
      ).toMatchObject({ isRegistrationOpen: false, authCodeHash: 'a'.repeat(64) });

      const own = await as('dhclAdmin').devices.resetBinding({ id: devices.dhcl });
      expect(own).toEqual({
        device: expect.objectContaining({ isRegistrationOpen: true, boundTerminalId: null }),
        wasDisconnected: false,
      });
      const port = await as('portAdmin').devices.resetBinding({ id: devices.lgft });
      expect(port.device.bindingResetAt).not.toBeNull();
      for (const id of Object.values(devices))
        expect(await world.db.prisma.device.findUniqueOrThrow({ where: { id } })).toMatchObject({
          authCodeHash: null,
          boundTerminalId: null,
          isRegistrationOpen: true,
        });
    });
  },
);
