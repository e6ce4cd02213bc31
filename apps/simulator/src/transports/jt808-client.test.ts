import { createServer, type Server, type Socket } from 'node:net';
import {
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
} from '@harbor/protocols/jt808';
import { afterEach, describe, expect, it } from 'vitest';
import type { TruckFix } from '../reports.ts';
import type { Vehicle } from '../truck-sim.ts';
import { Jt808Client } from './jt808-client.ts';
import { Jt808Sink } from './jt808-sink.ts';
import { newSinkCounters } from './sink.ts';

const vehicle: Vehicle = {
  terminalPhone: '013900000001',
  plate: '沪D12345',
  plateColor: 2,
  manufacturerId: '70111',
  terminalModel: 'HB-808G',
  terminalId: '0000001',
  port: 'YANGSHAN',
};

const fix = (second: number): TruckFix => ({
  time: new Date(Date.UTC(2026, 10, 25, 8, 0, second)),
  lat: 30.8705,
  lon: 121.9055,
  speedKmh: 42.5,
  courseDeg: 135,
  altitudeM: 5,
  isAccOn: true,
});

/** A gateway in miniature: registers known phones with a code, checks it, answers reports with 0x8001. */
function fakeGateway(knownPhones: string[], options: { holdReportAnswers?: boolean } = {}) {
  const received: Jt808Message[] = [];
  /** Answers to location reports kept back (holdReportAnswers), to send when released. */
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new Jt808StreamDecoder();
    let serial = 0;
    socket.on('data', (chunk) => {
      for (const result of decoder.push(chunk)) {
        if (!result.ok) throw result.error;
        const { header, body } = result.message;
        received.push(result.message);
        const reply = (replyBody: Jt808Body) =>
          socket.write(
            encodeJt808Message({
              header: { ...header, messageId: replyBody.messageId, serial: serial++ },
              body: replyBody,
            }),
          );
        const general = (result: number) =>
          reply({
            messageId: 0x8001,
            replySerial: header.serial,
            replyMessageId: header.messageId,
            result,
          });
        if (body.messageId === 0x0100) {
          const isKnown = knownPhones.includes(header.terminalPhone);
          reply({
            messageId: 0x8100,
            replySerial: header.serial,
            result: isKnown ? 0 : 4,
            authCode: isKnown ? 'code-1' : null,
          });
        } else if (body.messageId === 0x0102 && 'authCode' in body)
          general(body.authCode === 'code-1' ? 0 : 1);
        else if (body.messageId === 0x0200 && options.holdReportAnswers)
          held.push(() => general(0));
        else general(0);
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return {
    received,
    held,
    listen: (port = 0) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () =>
          resolve((server.address() as { port: number }).port),
        );
      }),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('Jt808Client', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('registers, authenticates with the code, reports and counts the acknowledgements', async () => {
    const gateway = fakeGateway([vehicle.terminalPhone]);
    const port = await gateway.listen();
    const counters = newSinkCounters();
    const client = new Jt808Client({ host: '127.0.0.1', port, vehicle, counters });
    cleanups.push(() => client.stop(), gateway.close);
    // Reported before the link is up: kept, then sent as a blind-area batch.
    client.send([fix(0)]);
    client.start();
    await waitFor(() => client.state === 'online');
    client.send([fix(10)]);
    client.send([fix(20), fix(30), fix(40)]);
    await waitFor(() => counters.acknowledged === 5);

    const ids = gateway.received.map((m) => m.body.messageId);
    expect(ids).toEqual([0x0100, 0x0102, 0x0704, 0x0200, 0x0704]);
    const register = gateway.received[0]?.body;
    expect(register).toMatchObject({ provinceId: 31, plate: '沪D12345', plateColor: 2 });
    expect(gateway.received[1]?.body).toMatchObject({ authCode: 'code-1' });
    expect(gateway.received.map((m) => m.header.serial)).toEqual([0, 1, 2, 3, 4]);
    expect(gateway.received.every((m) => m.header.terminalPhone === vehicle.terminalPhone)).toBe(
      true,
    );
    expect(counters).toEqual({ sent: 5, acknowledged: 5, refused: 0, errors: 0 });
  });

  it('tells how long each accepted message waited for its answer', async () => {
    const gateway = fakeGateway([vehicle.terminalPhone], { holdReportAnswers: true });
    const port = await gateway.listen();
    const answered: { messageId: number; waitedMs: number }[] = [];
    const client = new Jt808Client({
      host: '127.0.0.1',
      port,
      vehicle,
      counters: newSinkCounters(),
      onAcknowledged: (messageId, waitedMs) => answered.push({ messageId, waitedMs }),
    });
    cleanups.push(() => client.stop(), gateway.close);
    client.start();
    await waitFor(() => client.state === 'online');
    const sentAt = Date.now();
    client.send([fix(10)]);
    const sentBy = Date.now();
    await waitFor(() => gateway.held.length === 1);
    // The answer is held until at least 50 ms after the report was written.
    await waitFor(() => Date.now() - sentBy >= 50);
    const releasedAt = Date.now();
    gateway.held[0]?.();
    await waitFor(() => answered.length === 2);
    const report = answered[1];
    expect(answered[0]?.messageId).toBe(0x0102);
    expect(report?.messageId).toBe(0x0200);
    expect(report?.waitedMs).toBeGreaterThanOrEqual(releasedAt - sentBy);
    expect(report?.waitedMs).toBeLessThanOrEqual(Date.now() - sentAt);
  });

  it('counts a refused registration and does not report', async () => {
    const gateway = fakeGateway([]);
    const port = await gateway.listen();
    const counters = newSinkCounters();
    const client = new Jt808Client({
      host: '127.0.0.1',
      port,
      vehicle,
      counters,
      refusalRetryMs: 60_000,
    });
    cleanups.push(() => client.stop(), gateway.close);
    client.start();
    await waitFor(() => counters.refused === 1);
    client.send([fix(0)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.state).toBe('refused');
    expect(gateway.received.map((m) => m.body.messageId)).toEqual([0x0100]);
    expect(counters).toMatchObject({ sent: 1, acknowledged: 0, refused: 1 });
  });

  it('reconnects after the gateway drops the link and authenticates with the kept code', async () => {
    const gateway = fakeGateway([vehicle.terminalPhone]);
    const port = await gateway.listen();
    const counters = newSinkCounters();
    const client = new Jt808Client({
      host: '127.0.0.1',
      port,
      vehicle,
      counters,
      reconnectMinMs: 20,
    });
    cleanups.push(() => client.stop(), gateway.close);
    client.start();
    await waitFor(() => client.state === 'online');
    await gateway.close();
    await waitFor(() => client.state !== 'online');
    const again = fakeGateway([vehicle.terminalPhone]);
    cleanups.push(again.close);
    // The same port, as a restarted gateway.
    await again.listen(port);
    await waitFor(() => client.state === 'online');
    expect(again.received.map((m) => m.body.messageId)).toEqual([0x0102]);
  });
});

describe('Jt808Sink', () => {
  it('is settled once every fix given has been sent and answered', async () => {
    const gateway = fakeGateway([vehicle.terminalPhone], { holdReportAnswers: true });
    const port = await gateway.listen();
    const sink = new Jt808Sink({ host: '127.0.0.1', port, vehicles: [{ ...vehicle }] });
    const report = (second: number) => ({
      kind: 'truck' as const,
      sentAt: fix(second).time,
      terminalPhone: vehicle.terminalPhone,
      fixes: [fix(second)],
      isDuplicate: false,
    });
    try {
      expect(sink.isSettled).toBe(true);
      // Given before the link is up: queued, so not settled.
      sink.send(report(0));
      expect(sink.isSettled).toBe(false);
      sink.start();
      await waitFor(() => sink.online === 1);
      sink.send(report(10));
      // Both sent: the first as a blind-area batch (0x0704), answered; the second's answer held.
      await waitFor(() => gateway.held.length === 1 && sink.counters.acknowledged === 3);
      expect(sink.counters.sent).toBe(4);
      expect(sink.isSettled).toBe(false);
      gateway.held[0]?.();
      await waitFor(() => sink.isSettled);
      expect(sink.counters).toEqual({ sent: 4, acknowledged: 4, refused: 0, errors: 0 });
    } finally {
      await sink.close();
      await gateway.close();
    }
  });
});
