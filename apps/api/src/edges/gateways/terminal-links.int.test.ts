import { randomUUID } from 'node:crypto';
import { testDbTargets } from '@harbor/db/testing';
import { dwordParameter, type Jt808Message, location } from '@harbor/protocols/jt808';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestTerminal } from '../../../test/jt808-terminal.ts';
import { at, buildDispatchWorld, type DispatchWorld } from '../../../test/worlds/dispatch.ts';
import { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import { TerminalCommander } from '../../domains/vehicles/commands.ts';
import { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { terminalLinksOf } from '../../domains/vehicles/terminal-links.ts';
import { Jt808Gateway } from './jt808-gateway.ts';
import { RemoteTerminalLinks } from './remote-terminal-links.ts';
import { TerminalLinkServer, terminalLinkSubject } from './terminal-link-server.ts';

// Two processes on the real NATS server (NATS_URL; CI: nats://127.0.0.1:4222) and one real
// database: "G" runs the JT/T 808 gateway, its messenger and the link server; "A" is an api
// process with no gateway, reaching G's terminals over NATS only.
const NATS_URL = process.env.NATS_URL;
const PHONE = '013916001001'; // 沪D12345's terminal in the seed, open to its first registration
const LGFT_PHONE = '013816002001'; // seeded, never connected here

/** §8.1 terminal general response to a platform message. */
const answer = (terminal: TestTerminal, message: Jt808Message, result: number) =>
  terminal.send({
    messageId: 0x0001,
    replySerial: message.header.serial,
    replyMessageId: message.header.messageId,
    result,
  });

describe.runIf(NATS_URL).each(testDbTargets())(
  'terminal links between processes on %s',
  (target) => {
    let world: DispatchWorld;
    let ncG: NatsConnection;
    let ncA: NatsConnection;
    let gateway: Jt808Gateway;
    let server: TerminalLinkServer;
    let links: RemoteTerminalLinks;
    let messengerA: TerminalMessenger;
    let commanderA: TerminalCommander;
    let port: number;
    let truck: string;
    let authCode: string;
    const subjectPrefix = `test-links-${randomUUID()}`;
    const statusOf = async (id: string) =>
      (await world.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id } })).status;
    /** A caller in process A: its messenger and links reach terminals over NATS only. */
    const inA = (user: Parameters<DispatchWorld['with']>[0]) =>
      world.with(user, {
        messenger: messengerA,
        commander: commanderA,
        terminalLinks: terminalLinksOf(null, links),
      });
    const authenticated = async () => {
      const terminal = new TestTerminal(port, PHONE);
      expect(await terminal.authenticate(authCode)).toBe(0);
      await expect.poll(() => links.isOnline(PHONE)).toBe(true);
      return terminal;
    };

    beforeAll(async () => {
      world = await buildDispatchWorld(target);
      const logger = pino({ level: 'silent' });
      ncG = await connect({ servers: NATS_URL });
      ncA = await connect({ servers: NATS_URL });
      const messengerG = new TerminalMessenger({ db: world.db, now: () => at(0), logger });
      const commanderG = new TerminalCommander({ db: world.db, now: () => at(0), logger });
      gateway = new Jt808Gateway({
        devices: new DeviceDirectory(world.db),
        logger,
        now: () => at(0),
        publish: async () => {},
        onAuthenticated: (phone) => {
          messengerG.onAuthenticated(phone);
          server.onAuthenticated(phone);
        },
        onDisconnected: (phone) => server.onDisconnected(phone),
        onTerminalResponse: (phone, response) => {
          messengerG.onTerminalResponse(phone, response);
          commanderG.onTerminalResponse(phone, response);
        },
        onCommandAnswer: (phone, answer) => commanderG.onCommandAnswer(phone, answer),
      });
      messengerG.attach(gateway);
      commanderG.attach(gateway);
      server = new TerminalLinkServer({
        nc: ncG,
        subjectPrefix,
        gateway,
        messenger: messengerG,
        commander: commanderG,
        logger,
      });
      // Long enough that a test waiting on it would time out: "no responders" must answer.
      links = new RemoteTerminalLinks({ nc: ncA, subjectPrefix, askWithinMs: 60_000, logger });
      messengerA = new TerminalMessenger({ db: world.db, now: () => at(0), logger, remote: links });
      commanderA = new TerminalCommander({ db: world.db, now: () => at(0), logger, remote: links });
      port = await gateway.listen(0, '127.0.0.1');
      truck = (await world.vehicle('沪D12345')).id;
      const registering = new TestTerminal(port, PHONE);
      const registered = await registering.register('6001001');
      registering.close();
      expect(registered.result).toBe(0);
      authCode = registered.authCode ?? '';
    });
    afterAll(async () => {
      server?.close();
      await gateway?.close();
      await ncG?.close();
      await ncA?.close();
      await world?.db.drop();
    });

    it('delivers a text sent in A to the terminal held by G; its 0x0001 marks it DELIVERED', async () => {
      const terminal = await authenticated();
      const sent = await inA('dhclDispatcher').dispatch.sendMessage({
        vehicleId: truck,
        text: '请到洋山四期闸口提箱',
      });
      const text = await terminal.next();
      expect(text.body).toEqual({
        messageId: 0x8300,
        flag: 0b100,
        textType: null,
        text: '请到洋山四期闸口提箱',
      });
      expect(sent).toMatchObject({
        status: 'SENT',
        serial: text.header.serial,
        terminalPhone: PHONE,
      });
      answer(terminal, text, 0);
      await expect.poll(() => statusOf(sent.id)).toBe('DELIVERED');
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
      expect(server.size).toBe(0);
    });

    it('keeps a text for a terminal no gateway holds QUEUED; G sends it when the terminal authenticates', async () => {
      expect(await links.isOnline(PHONE)).toBe(false);
      const queued = await inA('dhclDispatcher').dispatch.sendMessage({
        vehicleId: truck,
        text: 'Gate 3 closed',
      });
      expect(queued).toMatchObject({ status: 'QUEUED', serial: null });
      const terminal = await authenticated();
      const text = await terminal.next();
      expect(text.body).toMatchObject({ messageId: 0x8300, text: 'Gate 3 closed' });
      answer(terminal, text, 0);
      await expect.poll(() => statusOf(queued.id)).toBe('DELIVERED');
      // Already delivered: asking G again sends nothing more.
      expect(await links.deliver(PHONE, queued.id)).toEqual({
        status: 'DELIVERED',
        serial: text.header.serial,
      });
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
    });

    it('sends a message asked for twice at once only once', async () => {
      const queued = await inA('dhclDispatcher').dispatch.sendMessage({
        vehicleId: truck,
        text: 'once',
      });
      expect(queued.status).toBe('QUEUED');
      // G's own flush at authentication races the two requests from A.
      const terminal = new TestTerminal(port, PHONE);
      expect(await terminal.authenticate(authCode)).toBe(0);
      await Promise.all([
        messengerA.deliver(
          await world.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id: queued.id } }),
        ),
        links.deliver(PHONE, queued.id).catch(() => null),
        links.deliver(PHONE, queued.id).catch(() => null),
      ]);
      const text = await terminal.next();
      expect(text.body).toMatchObject({ messageId: 0x8300, text: 'once' });
      answer(terminal, text, 0);
      await expect.poll(() => statusOf(queued.id)).toBe('DELIVERED');
      // The next platform message is the answer to this heartbeat, not the text again.
      expect(await terminal.exchange({ messageId: 0x0002 })).toMatchObject({
        messageId: 0x8001,
        replyMessageId: 0x0002,
      });
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
    });

    it('lists the devices in A: online where G holds the terminal, offline elsewhere', async () => {
      const terminal = await authenticated();
      const stats = { ...links.stats };
      const listed = await inA('portAdmin').devices.list({});
      const online = Object.fromEntries(listed.items.map((d) => [d.terminalPhone, d.isOnline]));
      expect(online).toMatchObject({ [PHONE]: true, [LGFT_PHONE]: false });
      expect(await links.isOnline('019999999999')).toBe(false);
      expect(await links.disconnect('019999999999')).toBe(false);
      expect(await links.deliver('019999999999', randomUUID())).toBeNull();
      expect(links.stats).toEqual(stats);
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
    });

    it('refuses, counts and answers bad requests on a held terminal’s subjects', async () => {
      const terminal = await authenticated();
      const { badReplies } = links.stats;
      const deliver = terminalLinkSubject(subjectPrefix, PHONE, 'deliver');
      for (const payload of ['not json', '{"id":42}', '[]', 'null'])
        expect((await ncA.request(deliver, payload)).json()).toEqual({ error: 'bad-request' });
      expect((await ncA.request(`${subjectPrefix}.jt808.${PHONE}.reboot`)).json()).toEqual({
        error: 'bad-request',
      });
      expect((await ncA.request(deliver, JSON.stringify({ id: randomUUID() }))).json()).toEqual({
        error: 'not-found',
      });
      expect(server.stats).toMatchObject({ badRequests: 5, failures: 0 });
      await expect(links.deliver(PHONE, randomUUID())).rejects.toThrow(/not delivered/);
      expect(links.stats.badReplies).toBe(badReplies + 1);
      // The terminal is still held and served.
      expect(await links.isOnline(PHONE)).toBe(true);
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
    });

    it('sends commands from A to the terminal held by G and records its answers', async () => {
      const terminal = await authenticated();
      const commandOf = async (id: string) =>
        (await inA('dhclDispatcher').vehicles.commands({ vehicleId: truck, limit: 20 })).items.find(
          (command) => command.id === id,
        );

      // Its position now: 0x8201, answered by 0x0201 with the report.
      const locate = await inA('dhclDispatcher').vehicles.sendCommand({
        vehicleId: truck,
        command: { kind: 'LOCATE' },
      });
      const query = await terminal.next();
      expect(query.body).toEqual({ messageId: 0x8201 });
      expect(locate).toMatchObject({ status: 'SENT', request: { kind: 'LOCATE' }, answer: null });
      const fixAt = at(0);
      terminal.send({
        messageId: 0x0201,
        replySerial: query.header.serial,
        location: location({
          lat: 30.6305,
          lon: 122.0712,
          time: fixAt,
          speedKmh: 42,
          status: 0b11,
        }),
      });
      expect((await terminal.next()).body).toMatchObject({ messageId: 0x8001, result: 0 });
      await expect.poll(async () => (await commandOf(locate.id))?.status).toBe('ANSWERED');
      expect((await commandOf(locate.id))?.answer).toEqual({
        position: {
          fixAt: fixAt.toISOString(),
          lat: 30.6305,
          lon: 122.0712,
          speedKmh: 42,
          directionDeg: 0,
          isPositioned: true,
        },
      });

      // Its reporting parameters: 0x8106 naming four, answered by 0x0104.
      const read = await inA('dhclDispatcher').vehicles.sendCommand({
        vehicleId: truck,
        command: { kind: 'QUERY_PARAMETERS' },
      });
      const asked = await terminal.next();
      expect(asked.body).toEqual({
        messageId: 0x8106,
        parameterIds: [0x0001, 0x0029, 0x0055, 0x0056],
      });
      terminal.send({
        messageId: 0x0104,
        replySerial: asked.header.serial,
        parameters: [
          dwordParameter(0x0001, 60),
          dwordParameter(0x0029, 30),
          dwordParameter(0x0055, 80),
          // Not a DWORD: left out rather than misread.
          { id: 0x0056, value: Uint8Array.from([1]) },
        ],
      });
      await expect.poll(async () => (await commandOf(read.id))?.status).toBe('ANSWERED');
      expect((await commandOf(read.id))?.answer).toEqual({
        parameters: { heartbeatIntervalS: 60, reportIntervalS: 30, maxSpeedKmh: 80 },
      });

      // New parameters: 0x8103 with the ones given, answered by a general 0x0001.
      const set = await inA('dhclDispatcher').vehicles.sendCommand({
        vehicleId: truck,
        command: { kind: 'SET_PARAMETERS', parameters: { reportIntervalS: 10, maxSpeedKmh: 60 } },
      });
      const setting = await terminal.next();
      expect(setting.body).toEqual({
        messageId: 0x8103,
        parameters: [dwordParameter(0x0029, 10), dwordParameter(0x0055, 60)],
      });
      answer(terminal, setting, 0);
      await expect.poll(async () => (await commandOf(set.id))?.status).toBe('ANSWERED');

      // A photo: 0x8801 for one picture uploaded at once, answered by 0x0805 with its id.
      const photo = await inA('dhclDispatcher').vehicles.sendCommand({
        vehicleId: truck,
        command: { kind: 'TAKE_PHOTO', channelId: 2 },
      });
      const shoot = await terminal.next();
      expect(shoot.body).toMatchObject({
        messageId: 0x8801,
        channelId: 2,
        command: 1,
        saveFlag: 0,
      });
      terminal.send({
        messageId: 0x0805,
        replySerial: shoot.header.serial,
        result: 0,
        mediaIds: [77],
      });
      await expect
        .poll(async () => (await commandOf(photo.id))?.answer)
        .toEqual({ mediaIds: [77] });

      // A restart is for admins; one the terminal does not support fails with its result.
      await expect(
        inA('dhclDispatcher').vehicles.sendCommand({
          vehicleId: truck,
          command: { kind: 'RESET' },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const reset = await inA('dhclAdmin').vehicles.sendCommand({
        vehicleId: truck,
        command: { kind: 'RESET' },
      });
      const control = await terminal.next();
      expect(control.body).toEqual({ messageId: 0x8105, command: 4, parameters: '' });
      answer(terminal, control, 3);
      await expect.poll(async () => (await commandOf(reset.id))?.status).toBe('FAILED');
      expect((await commandOf(reset.id))?.result).toBe(3);

      // Another company's truck is not this company's to command.
      const lgftTruck = (await world.vehicle('沪E45678')).id;
      await expect(
        inA('dhclDispatcher').vehicles.sendCommand({
          vehicleId: lgftTruck,
          command: { kind: 'LOCATE' },
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });

      // Offline: refused, and nothing stored.
      terminal.close();
      await terminal.closed;
      await expect.poll(() => links.isOnline(PHONE)).toBe(false);
      const before = await world.db.prisma.terminalCommand.count();
      await expect(
        inA('dhclDispatcher').vehicles.sendCommand({
          vehicleId: truck,
          command: { kind: 'LOCATE' },
        }),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(await world.db.prisma.terminalCommand.count()).toBe(before);
    });

    it("resets a binding in A: G cuts the terminal's connection", async () => {
      const terminal = await authenticated();
      const device = await world.db.prisma.device.findUniqueOrThrow({
        where: { terminalPhone: PHONE },
      });
      const { device: reset, wasDisconnected } = await inA('dhclAdmin').devices.resetBinding({
        id: device.id,
      });
      expect(wasDisconnected).toBe(true);
      expect(reset).toMatchObject({
        terminalPhone: PHONE,
        isRegistrationOpen: true,
        isOnline: false,
      });
      await terminal.closed;
      expect(gateway.isOnline(PHONE)).toBe(false);
      expect(server.size).toBe(0);
    });
  },
);
