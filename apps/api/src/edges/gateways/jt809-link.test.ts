import { connect, createServer, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../test/jt809-superior.ts';
import { until } from '../../../test/until.ts';
import type { LinkSettings } from '../../domains/supervision/channel.ts';
import { Jt809Link } from './jt809-link.ts';

// The link's own guards, against sockets written in the test: a platform that never answers
// the login, and a sub link that speaks before logging in.

const logger = pino({ level: 'silent' });
const events = { up: () => {}, down: () => {}, request: () => {} };

/** A TCP server that takes connections and says nothing. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, sockets };
}

const settings = (port: number): LinkSettings => ({
  linkId: 'test',
  edition: '2011',
  host: '127.0.0.1',
  port,
  userId: 1,
  password: 'pw',
  gnssCenterId: 7,
  downLinkIp: '127.0.0.1',
  downLinkPort: 0,
  encryption: null,
});

describe('a JT/T 809 link', () => {
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  /**
   * A started link to a platform that never answers: its login is given up after 20 ms and
   * tried again within 10 ms. Stopped, with the platform, after the test.
   */
  async function linkToSilentPlatform(): Promise<Jt809Link> {
    const { server, port, sockets } = await silentServer();
    const link = new Jt809Link(settings(port), events, logger, {
      heartbeatMs: 3_600_000,
      loginTimeoutMs: 20,
      backoff: { initialMs: 5, maxMs: 10 },
    });
    closing.push(async () => {
      await link.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    await link.start();
    return link;
  }

  it('gives up a login nobody answers and tries again', async () => {
    const link = await linkToSilentPlatform();
    await until(() => link.stats.connects >= 3);
    expect(link.stats.lastError).toMatchObject({ code: 'login-unanswered' });
    expect(link.isUp).toBe(false);
  });

  it('closes a sub link that speaks before logging in', async () => {
    // Nobody answers the main link's login here: a sub-link login would wait for its verify
    // code until that login is given up.
    const link = await linkToSilentPlatform();
    const sub = connect(link.downLinkPort, '127.0.0.1');
    const closed = new Promise<void>((resolve) => sub.on('close', () => resolve()));
    sub.on('error', () => {});
    // A keep-alive (0x9005) where the 0x9001 login must come first.
    sub.write(
      encodeFrame(
        '2011',
        {
          sn: 1,
          messageId: 0x9005,
          gnssCenterId: 7,
          version: [1, 0, 0],
          encryptFlag: 0,
          encryptKey: 0,
          time: null,
        },
        new Uint8Array(0),
      ),
    );
    await closed;
    expect(link.stats.lastError).toMatchObject({ code: 'sub-link-refused' });
    expect(link.stats.sub).toBe('down');
  });
});
