import { connect } from 'node:net';
import { testDbTargets } from '@harbor/db/testing';
import { encodeRmc } from '@harbor/protocols/nmea';
import type { Fix } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { createApiKey } from '../../domains/auth/api-keys.ts';

const NOW = new Date('2026-11-25T02:20:00Z');

describe.each(testDbTargets())('HTTP ingest on %s', (target) => {
  let world: World;
  let close: () => Promise<void>;
  let base: string;
  let dhclKey: string;
  let portKey: string;
  const published: Fix[] = [];

  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.dhcl.id, terminalPhone: '013916001001' },
    });
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.lgft.id, terminalPhone: '013816002001' },
    });
    dhclKey = (await createApiKey(world, world.users.dhclAdmin, { name: 'DHCL TMS' })).key;
    portKey = (await createApiKey(world, world.users.portAdmin, { name: 'VTS feed' })).key;
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      now: () => NOW,
      publishFixes: async (fixes) => {
        published.push(...fixes);
      },
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    await world.db.drop();
  });

  const post = (body: string, headers: Record<string, string>, query = '') =>
    fetch(`${base}/ingest/fixes${query}`, { method: 'POST', body, headers });

  it('accepts the good fixes of a batch and names each bad one by index and field', async () => {
    published.length = 0;
    const response = await post(
      JSON.stringify({
        fixes: [
          {
            deviceId: '013916001001',
            time: '2026-11-25T10:15:30+08:00',
            lat: 30.8705,
            lon: 121.9055,
            speedKmh: 36,
            courseDeg: 135,
          },
          { deviceId: '013916001001', time: 'yesterday', lat: 95, lon: 121.9 },
          { deviceId: '013816002001', time: '2026-11-25T02:15:31Z', lat: 30.87, lon: 121.9 },
          {
            deviceId: '013916001001',
            time: '2026-11-25T02:16:00Z',
            lat: 30.871,
            lon: 121.906,
            speedKnots: 10,
          },
        ],
      }),
      { 'content-type': 'application/json', authorization: `Bearer ${dhclKey}` },
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 2,
      rejected: [
        { index: 1, field: 'time', message: expect.any(String) },
        { index: 1, field: 'lat', message: expect.any(String) },
        {
          index: 2,
          field: 'deviceId',
          message: 'device 013816002001 is not registered to your organization',
        },
      ],
    });
    expect(published[0]).toEqual({
      assetKind: 'VEHICLE',
      assetKey: '013916001001',
      fixAt: new Date('2026-11-25T02:15:30Z'),
      receivedAt: NOW,
      lat: 30.8705,
      lon: 121.9055,
      speedKnots: 19.44,
      courseDeg: 135,
      headingDeg: null,
      altitudeM: null,
      status: null,
      source: 'HTTP',
    });
    expect(published).toHaveLength(2);
  });

  it('takes NMEA RMC lines for a device, and says why it skips the others', async () => {
    published.length = 0;
    const rmc = encodeRmc({
      talker: 'GN',
      time: new Date('2026-11-25T02:15:30Z'),
      lat: 30.8705,
      lon: 121.9055,
      speedKnots: 10.5,
      courseDeg: 135,
    });
    const lines = [
      rmc,
      '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47',
      '$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B',
    ].join('\n');
    const response = await post(
      lines,
      { 'content-type': 'text/plain', 'x-api-key': dhclKey },
      '?deviceId=013916001001',
    );
    expect(response.status).toBe(202);
    const result = (await response.json()) as {
      accepted: number;
      rejected: { index: number; field: string }[];
    };
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.field])).toEqual([
      [1, 'sentence'],
      [2, 'checksum'],
    ]);
    expect(published).toMatchObject([
      {
        assetKey: '013916001001',
        fixAt: new Date('2026-11-25T02:15:30Z'),
        lat: 30.8705,
        lon: 121.9055,
        speedKnots: 10.5,
        source: 'HTTP',
      },
    ]);
  });

  it('lets a port feed send vessel fixes by MMSI, and nobody else', async () => {
    const vessel = {
      deviceId: '477266900',
      assetKind: 'VESSEL',
      time: '2026-11-25T02:15:30Z',
      lat: 30.6,
      lon: 122.1,
    };
    const fromPort = await post(JSON.stringify({ fixes: [vessel] }), {
      'content-type': 'application/json',
      'x-api-key': portKey,
    });
    expect(await fromPort.json()).toEqual({ accepted: 1, rejected: [] });
    const fromCompany = await post(JSON.stringify({ fixes: [vessel] }), {
      'content-type': 'application/json',
      'x-api-key': dhclKey,
    });
    expect(((await fromCompany.json()) as { accepted: number }).accepted).toBe(0);
  });

  it('refuses a missing, wrong or revoked key with 401', async () => {
    const body = JSON.stringify({ fixes: [] });
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(
      (await post(body, { 'content-type': 'application/json', 'x-api-key': 'hbk_guess' })).status,
    ).toBe(401);
    const revoked = await createApiKey(world, world.users.dhclAdmin, { name: 'old' });
    await world.as('dhclAdmin').apiKeys.revoke({ id: revoked.apiKey.id });
    expect(
      (await post(body, { 'content-type': 'application/json', 'x-api-key': revoked.key })).status,
    ).toBe(401);
  });

  it('answers malformed JSON, a wrong shape and an oversized batch with a clear 4xx', async () => {
    const headers = { 'content-type': 'application/json', 'x-api-key': dhclKey };
    const broken = await post('{"fixes": [', headers);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      error: expect.stringMatching(/^unreadable body/),
      code: 'ingest.body-unreadable',
    });
    const shape = await post('{"positions": []}', headers);
    expect(shape.status).toBe(400);
    expect(await shape.json()).toEqual({
      error: 'expected a JSON body { "fixes": [...] }',
      code: 'ingest.body-expected',
    });
    const many = Array.from({ length: 10_001 }, () => ({
      deviceId: '013916001001',
      time: '2026-11-25T02:00:00Z',
      lat: 30,
      lon: 121,
    }));
    const tooMany = await post(JSON.stringify({ fixes: many }), headers);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({
      error: 'at most 10000 fixes per request',
      code: 'ingest.too-many-fixes',
      params: { max: 10_000 },
    });
  });

  /** The head of the first answer on a raw connection that sent `request` and no more. */
  const rawAnswer = async (request: string) => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const head = new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const end = received.indexOf('\r\n\r\n');
        if (end >= 0) resolve(received.slice(0, end));
      });
      socket.once('close', () => reject(new Error(`closed before an answer: ${received}`)));
    });
    socket.write(request);
    return { head: await head, closed };
  };

  it('refuses a body over 5 MB by its Content-Length, before reading it, whatever its type', async () => {
    for (const type of ['application/json', 'text/plain', 'application/octet-stream']) {
      // Only the headers are sent: an answer proves the 6 MB body was not waited for.
      const { head, closed } = await rawAnswer(
        `POST /ingest/fixes?deviceId=013916001001 HTTP/1.1\r\nHost: harbor\r\nX-Api-Key: ${dhclKey}\r\n` +
          `Content-Type: ${type}\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`,
      );
      expect(head, type).toMatch(/^HTTP\/1\.1 413 /);
      expect(head, type).toMatch(/\r\nconnection: close\r\n/i);
      await closed;
    }
  });

  it('stops reading a chunked body at 5 MB and answers 413', async () => {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answered = false;
    // A reset shows as a write error and a close without the answer: the test fails on it.
    const errors: string[] = [];
    socket.on('error', (error) => errors.push(error.message));
    const head = new Promise<string>((resolve) => {
      let received = '';
      const answer = () => {
        answered = true;
        resolve(received);
      };
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) answer();
      });
      socket.once('close', answer);
    });
    socket.write(
      `POST /ingest/fixes HTTP/1.1\r\nHost: harbor\r\nX-Api-Key: ${dhclKey}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const frame = Buffer.concat([Buffer.from('10000\r\n'), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    // Sends until the answer comes (never past 20 MB), pausing whenever the socket is full.
    while (!answered && sent < 20 * 1024 * 1024) {
      sent += chunk.length;
      if (socket.write(frame)) await new Promise((resolve) => setImmediate(resolve));
      else await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), head]);
    }
    expect(await head).toMatch(/^HTTP\/1\.1 413 [\s\S]*\r\nconnection: close\r\n/i);
    expect(sent).toBeLessThan(20 * 1024 * 1024);
    expect(errors).toEqual([]);
    socket.destroy();
  });

  it('closes in stages after a 413: a client still sending reads the answer and is not reset', async () => {
    // RFC 9112 §9.6: closed at once with the rest of the body unread, the connection would be
    // reset under a client still sending, and the client could lose the answer with it.
    const { hostname, port } = new URL(base);
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    const errors: string[] = [];
    socket.on('error', (error) => errors.push(error.message));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const frame = (bytes: number) =>
      Buffer.concat([
        Buffer.from(`${bytes.toString(16)}\r\n`),
        Buffer.alloc(bytes, ' '),
        Buffer.from('\r\n'),
      ]);
    socket.write(
      `POST /ingest/fixes HTTP/1.1\r\nHost: harbor\r\nX-Api-Key: ${dhclKey}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    socket.write(Buffer.concat(Array.from({ length: 6 }, () => frame(1024 * 1024))));
    // The answer and the server's end of the connection, then the rest of the body.
    await Promise.race([ended, closed]);
    expect(received).toMatch(/^HTTP\/1\.1 413 [\s\S]*\r\nconnection: close\r\n/i);
    await new Promise<void>((resolve) => socket.write(frame(1024 * 1024), () => resolve()));
    socket.end('0\r\n\r\n');
    await closed;
    expect(errors).toEqual([]);
  });

  it('reads no body from a request without a valid key', async () => {
    // Half of a 1 MB body: the 401 comes without waiting for the rest.
    const { head } = await rawAnswer(
      'POST /ingest/fixes HTTP/1.1\r\nHost: harbor\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${1024 * 1024}\r\n\r\n${' '.repeat(512 * 1024)}`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 401 /);
  });
});
