import { randomUUID } from 'node:crypto';
import { testDbTargets } from '@harbor/db/testing';
import type { Jt808Message } from '@harbor/protocols/jt808';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestTerminal } from '../../../test/jt808-terminal.ts';
import { at, buildDispatchWorld, type DispatchWorld } from '../../../test/worlds/dispatch.ts';
import { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
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
    let port: number;
    let truck: string;
    let authCode: string;
    const subjectPrefix = `test-links-${randomUUID()}`;
    const statusOf = async (id: string) =>
      (await world.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id } })).status;
    /** A caller in process A: its messenger and links reach terminals over NATS only. */
    const inA = (user: Parameters<DispatchWorld['with']>[0]) =>
      world.with(user, { messenger: messengerA, terminalLinks: terminalLinksOf(null, links) });
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
        onTerminalResponse: (phone, response) => messengerG.onTerminalResponse(phone, response),
      });
      messengerG.attach(gateway);
      server = new TerminalLinkServer({
        nc: ncG,
        subjectPrefix,
        gateway,
        messenger: messengerG,
        logger,
      });
      // Long enough that a test waiting on it would time out: "no responders" must answer.
      links = new RemoteTerminalLinks({ nc: ncA, subjectPrefix, askWithinMs: 60_000, logger });
      messengerA = new TerminalMessenger({ db: world.db, now: () => at(0), logger, remote: links });
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
