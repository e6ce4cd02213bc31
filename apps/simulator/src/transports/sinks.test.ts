import { createSocket } from 'node:dgram';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { AisDecoder } from '@harbor/protocols/ais';
import { IngestFixSchema } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import type { AisReport, TruckReport } from '../reports.ts';
import { createScenario } from '../scenario.ts';
import { AisTcpSink } from './ais-tcp-sink.ts';
import { AisUdpSink } from './ais-udp-sink.ts';
import { HttpSink } from './http-sink.ts';

const scenario = createScenario({
  seed: 'sinks',
  start: new Date('2026-11-25T00:00:00Z'),
  vehicles: 5,
});
const reports = scenario.advanceBy(600_000);

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('AisTcpSink', () => {
  it('writes CR LF terminated sentences the AIS decoder reads', async () => {
    let text = '';
    const server = createServer((socket) =>
      socket.on('data', (chunk) => (text += chunk.toString('latin1'))),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sink = new AisTcpSink({
      host: '127.0.0.1',
      port: (server.address() as { port: number }).port,
    });
    sink.start();
    const ais = reports.filter((r): r is AisReport => r.kind === 'ais');
    for (const report of ais) sink.send(report);
    await waitFor(() => sink.counters.acknowledged === sink.counters.sent && text.endsWith('\r\n'));
    await sink.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const decoder = new AisDecoder();
    const lines = text.split('\r\n').filter((line) => line !== '');
    for (const line of lines) decoder.push(line);
    expect(lines).toHaveLength(sink.counters.sent);
    expect(decoder.stats).toMatchObject({
      failed: 0,
      decoded: ais.reduce((n, r) => n + r.messages.length, 0),
    });
  });
});

describe('AisUdpSink', () => {
  it('sends each message in one datagram, its fragments together, for the AIS decoder', async () => {
    const datagrams: string[] = [];
    const server = createSocket('udp4');
    server.on('message', (message) => datagrams.push(message.toString('latin1')));
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    const sink = new AisUdpSink({ host: '127.0.0.1', port: server.address().port });
    sink.start();
    const ais = reports.filter((r): r is AisReport => r.kind === 'ais');
    const messages = ais.reduce((n, r) => n + r.messages.length, 0);
    // A few reports at a time, each lot received before the next: UDP drops what overflows
    // the receiving socket's buffer, and this test is about framing, not about bursts.
    let expected = 0;
    for (let i = 0; i < ais.length; i += 20) {
      for (const report of ais.slice(i, i + 20)) {
        sink.send(report);
        expected += report.messages.length;
      }
      await waitFor(() => datagrams.length === expected);
    }
    expect(expected).toBe(messages);
    await sink.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(sink.counters).toMatchObject({ errors: 0, acknowledged: sink.counters.sent });
    const decoder = new AisDecoder();
    let sentences = 0;
    for (const datagram of datagrams) {
      expect(datagram.endsWith('\r\n')).toBe(true);
      const lines = datagram.split('\r\n').filter((line) => line !== '');
      // A multi-sentence message (type 5) travels whole: fragment 1 of n up to n of n.
      const [, total] = lines[0]?.split(',') ?? [];
      expect(lines).toHaveLength(Number(total));
      sentences += lines.length;
      for (const line of lines) decoder.push(line);
    }
    expect(sentences).toBe(sink.counters.sent);
    expect(decoder.stats).toMatchObject({ failed: 0, decoded: messages });
    expect(datagrams.some((d) => d.split('\r\n').length > 2)).toBe(true);
  });
});

describe('HttpSink', () => {
  it('posts fixes with the API key and counts accepted and rejected ones', async () => {
    const bodies: unknown[] = [];
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url !== '/ingest/fixes' || req.headers.authorization !== 'Bearer hbk_test') {
          res.writeHead(401).end('{"error":"a valid API key is required"}');
          return;
        }
        const { fixes } = JSON.parse(body) as { fixes: unknown[] };
        bodies.push(...fixes);
        // The api's answer: the first fix of each batch refused as if its device were unknown.
        res.writeHead(202, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            accepted: fixes.length - 1,
            rejected: [{ index: 0, field: 'deviceId', message: 'not registered' }],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const sink = new HttpSink({ url, apiKey: 'hbk_test', batchSize: 50 });
    sink.start();
    const trucks = reports.filter((r): r is TruckReport => r.kind === 'truck');
    for (const report of trucks) sink.send(report);
    await sink.close();
    const fixes = trucks.reduce((n, r) => n + r.fixes.length, 0);
    const batches = Math.ceil(fixes / 50);
    expect(sink.counters).toEqual({
      sent: fixes,
      acknowledged: fixes - batches,
      refused: batches,
      errors: 0,
    });
    expect(bodies).toHaveLength(fixes);
    for (const body of bodies) expect(IngestFixSchema.safeParse(body).success).toBe(true);

    const wrongKey = new HttpSink({ url, apiKey: 'nope' });
    wrongKey.send(trucks[0] as TruckReport);
    await wrongKey.close();
    expect(wrongKey.counters.refused).toBe(1);
    expect(wrongKey.lastError).toMatch(/401/);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
