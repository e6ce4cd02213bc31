import { testDbTargets } from '@harbor/db/testing';
import type { Jt808Message } from '@harbor/protocols/jt808';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError } from '../../../test/fixtures.ts';
import { TestTerminal } from '../../../test/jt808-terminal.ts';
import { at, buildDispatchWorld, type DispatchWorld } from '../../../test/worlds/dispatch.ts';
import { Jt808Gateway } from '../../edges/gateways/jt808-gateway.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { TerminalMessenger } from './messenger.ts';

const PHONE = '013916001001'; // 沪D12345's terminal in the seed, open to its first registration

/** A truck terminal on a real socket: authenticates with the code its registration got. */
class Terminal extends TestTerminal {
  constructor(
    port: number,
    private readonly authCode: string,
  ) {
    super(port, PHONE);
  }

  async authenticateNow(): Promise<void> {
    expect(await this.authenticate(this.authCode)).toBe(0);
  }

  /** §8.1 terminal general response to a platform message. */
  answer(message: Jt808Message, result: number): void {
    this.send({
      messageId: 0x0001,
      replySerial: message.header.serial,
      replyMessageId: message.header.messageId,
      result,
    });
  }
}

describe.each(testDbTargets())('texts to truck terminals over JT/T 808 on %s', (target) => {
  let world: DispatchWorld;
  let gateway: Jt808Gateway;
  let messenger: TerminalMessenger;
  let port: number;
  let truck: string;
  let authCode: string;
  const statusOf = async (id: string) =>
    (await world.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id } })).status;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    const logger = pino({ level: 'silent' });
    messenger = new TerminalMessenger({ db: world.db, now: () => at(0), logger });
    gateway = new Jt808Gateway({
      devices: new DeviceDirectory(world.db),
      logger,
      now: () => at(0),
      publish: async () => {},
      onAuthenticated: (phone) => messenger.onAuthenticated(phone),
      onTerminalResponse: (phone, response) => messenger.onTerminalResponse(phone, response),
    });
    messenger.attach(gateway);
    port = await gateway.listen(0, '127.0.0.1');
    truck = (await world.vehicle('沪D12345')).id;
    // The seeded terminal registers once, as a real one does, and keeps its code.
    const registering = new TestTerminal(port, PHONE);
    const registered = await registering.register('6001001');
    registering.close();
    expect(registered.result).toBe(0);
    authCode = registered.authCode ?? '';
  });
  afterAll(async () => {
    await gateway.close();
    await world.db.drop();
  });

  it('queues a text for an offline truck and delivers it when the terminal authenticates', async () => {
    const dispatcher = world.with('dhclDispatcher', { messenger });
    const queued = await dispatcher.dispatch.sendMessage({
      vehicleId: truck,
      text: '请到洋山四期闸口提箱 CSQU3054383',
    });
    expect(queued).toMatchObject({
      status: 'QUEUED',
      serial: null,
      terminalPhone: PHONE,
      flags: 0b100,
    });

    const terminal = new Terminal(port, authCode);
    await terminal.authenticateNow();
    const text = await terminal.next();
    expect(text.body).toEqual({
      messageId: 0x8300,
      flag: 0b100,
      textType: null,
      text: '请到洋山四期闸口提箱 CSQU3054383',
    });
    await expect.poll(() => statusOf(queued.id)).toBe('SENT');
    terminal.answer(text, 0);
    await expect.poll(() => statusOf(queued.id)).toBe('DELIVERED');
    const stored = await world.db.prisma.terminalMessage.findUniqueOrThrow({
      where: { id: queued.id },
    });
    expect(stored).toMatchObject({
      serial: text.header.serial,
      result: 0,
      sentAt: at(0),
      acknowledgedAt: at(0),
    });
    expect(stored.sentById).toBe(world.users.dhclDispatcher.id);
    terminal.close();
  });

  it('looks up the queued texts of a storm of authenticating terminals in a few queries, not one each', async () => {
    let queries = 0;
    const prisma = world.db.prisma;
    const sql = world.db.sql;
    const counted = new TerminalMessenger({
      db: {
        sql: new Proxy(sql, {
          get: (target, key) => {
            if (key === 'query') queries++;
            return Reflect.get(target, key);
          },
        }),
        prisma: new Proxy(prisma, {
          get: (target, key) =>
            key === 'terminalMessage'
              ? new Proxy(target.terminalMessage, {
                  get: (model, method) => {
                    if (method === 'findMany') queries++;
                    return Reflect.get(model, method);
                  },
                })
              : Reflect.get(target, key),
        }),
      },
      now: () => at(0),
    });
    const phones = Array.from({ length: 300 }, (_, i) => `0137${String(i).padStart(8, '0')}`);
    expect(await Promise.all(phones.map((phone) => counted.flush(phone)))).toEqual(
      phones.map(() => 0),
    );
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(3);
  });

  it('sends at once to an online terminal; a failure answer marks it FAILED; other answers change nothing', async () => {
    const terminal = new Terminal(port, authCode);
    await terminal.authenticateNow();
    await expect.poll(() => gateway.isOnline(PHONE)).toBe(true);
    const job = await world.with('dhclDispatcher').dispatch.create({
      reference: 'MSG-1',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: at(0).toISOString(),
      windowEnd: at(60).toISOString(),
    });
    const sent = await world.with('dhclDispatcher', { messenger }).dispatch.sendMessage({
      vehicleId: truck,
      text: 'Gate 3 closed',
      flags: 0b1001,
      jobId: job.id,
    });
    const text = await terminal.next();
    expect(sent).toMatchObject({
      serial: text.header.serial,
      dispatchJobId: job.id,
      flags: 0b1001,
    });
    expect(['SENT', 'FAILED']).toContain(sent.status);
    // A 0x0001 answering another message id is not this text's answer.
    terminal.send({
      messageId: 0x0001,
      replySerial: text.header.serial,
      replyMessageId: 0x8103,
      result: 0,
    });
    terminal.answer(text, 3);
    await expect.poll(() => statusOf(sent.id)).toBe('FAILED');
    expect(
      (await world.db.prisma.terminalMessage.findUniqueOrThrow({ where: { id: sent.id } })).result,
    ).toBe(3);
    terminal.close();
    await expect.poll(() => gateway.isOnline(PHONE)).toBe(false);
  });

  it('marks FAILED a text the terminal never answers', async () => {
    const terminal = new Terminal(port, authCode);
    await terminal.authenticateNow();
    await expect.poll(() => gateway.isOnline(PHONE)).toBe(true);
    const sent = await world
      .with('dhclDispatcher', { messenger })
      .dispatch.sendMessage({ vehicleId: truck, text: 'are you there?' });
    expect((await terminal.next()).body).toMatchObject({
      messageId: 0x8300,
      text: 'are you there?',
    });
    expect(sent.status).toBe('SENT');
    // Sent at the clock's 08:00; two minutes later it is still unanswered only with a later clock.
    expect(await messenger.expireUnanswered(120_000)).toBe(0);
    const later = new TerminalMessenger({ db: world.db, now: () => at(3) });
    expect(await later.expireUnanswered(120_000)).toBe(1);
    expect(await statusOf(sent.id)).toBe('FAILED');
    terminal.close();
    await expect.poll(() => gateway.isOnline(PHONE)).toBe(false);
  });

  it('lists a truck’s messages, newest first, within the company only', async () => {
    const page = await world.with('dhclViewer').dispatch.messages({ vehicleId: truck });
    expect(page.items.map((m) => [m.text, m.status])).toEqual([
      ['are you there?', 'FAILED'],
      ['Gate 3 closed', 'FAILED'],
      ['请到洋山四期闸口提箱 CSQU3054383', 'DELIVERED'],
    ]);
    await expectTrpcError(
      world.with('lgftViewer').dispatch.messages({ vehicleId: truck }),
      'NOT_FOUND',
    );
    expect(
      (await world.with('portViewer').dispatch.messages({ vehicleId: truck })).items,
    ).toHaveLength(3);
  });

  it('lets only the truck company ADMIN or DISPATCHER send, and only to a truck with a terminal', async () => {
    const send = (user: Parameters<DispatchWorld['with']>[0], vehicleId = truck) =>
      world.with(user, { messenger }).dispatch.sendMessage({ vehicleId, text: 'hello' });
    await expectTrpcError(send('dhclViewer'), 'FORBIDDEN');
    await expectTrpcError(send('portAdmin'), 'FORBIDDEN');
    await expectTrpcError(send('lgftDispatcher'), 'NOT_FOUND');
    const noTerminal = await expectTrpcError(
      send('dhclAdmin', (await world.vehicle('沪D34567')).id),
      'BAD_REQUEST',
    );
    expect(noTerminal.message).toBe('沪D34567 has no JT/T 808 terminal');
    expect((await send('dhclAdmin')).status).toBe('QUEUED');
  });
});
