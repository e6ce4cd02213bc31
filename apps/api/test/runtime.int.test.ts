import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LivePosition } from '../src/domains/positions/live-topics.ts';
import { loadConfig } from '../src/env.ts';
import { startHarbor } from '../src/runtime/runtime.ts';

/** A logger that keeps the messages of the parts stopping, in order. */
function partLog() {
  const stopped: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as { part?: string; msg?: string };
      if (line.part && line.msg === `${line.part} stopped`) stopped.push(line.part);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), stopped };
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = await listenOn(0);
  const address = server.address();
  await close(server);
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

const PARTS = [
  'database',
  'live positions',
  'monitors',
  'pipeline',
  'history upkeep',
  'gateways',
  'sessions',
  'supervision links',
  'http',
];

describe('the runtime', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await close(server);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function config(ports: { port: number; jt808Port: number; aisPort: number }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'harbor-runtime-'));
    dirs.push(dataDir);
    const base = loadConfig({ SEED: 'false', LOG_LEVEL: 'silent' });
    return { ...base, host: '127.0.0.1', ...ports, databaseUrl: undefined, dataDir };
  }

  it('starts its parts in order and stops them in the reverse order, freeing every port', async () => {
    const { logger, stopped } = partLog();
    const ports = {
      port: await freePort(),
      jt808Port: await freePort(),
      aisPort: await freePort(),
    };
    const harbor = await startHarbor(await config(ports), logger);
    expect(harbor.parts).toEqual(PARTS);
    expect((await fetch(`${harbor.url}/healthz`)).status).toBe(200);

    await harbor.stop();
    expect(stopped).toEqual([...PARTS].reverse());
    for (const port of Object.values(ports)) servers.push(await listenOn(port));
  });

  it('stops the parts already running when a later one fails to start', async () => {
    const { logger, stopped } = partLog();
    // The HTTP port is taken: the gateways are listening by the time the api fails to.
    const taken = await listenOn(0);
    servers.push(taken);
    const address = taken.address();
    if (typeof address !== 'object' || !address) throw new Error('no port');
    const ports = { port: address.port, jt808Port: await freePort(), aisPort: await freePort() };

    await expect(startHarbor(await config(ports), logger)).rejects.toThrow(/EADDRINUSE/);
    expect(stopped).toEqual(PARTS.slice(0, -1).reverse());
    // Nothing of the failed start still holds the gateways' ports.
    servers.push(await listenOn(ports.jt808Port), await listenOn(ports.aisPort));
  });

  it.runIf(process.env.NATS_URL)(
    'with every role on JetStream, shows what its own gateway accepted on its live map',
    async () => {
      const busUrl = process.env.NATS_URL as string;
      const busStream = `RUNTIME_${randomBytes(4).toString('hex')}`;
      const ports = { port: 0, jt808Port: 0, aisPort: 0 };
      const harbor = await startHarbor(
        { ...(await config(ports)), busUrl, busStream },
        pino({ level: 'silent' }),
      );
      try {
        const heard: LivePosition[] = [];
        const unsubscribe = harbor.live.positions.subscribe((positions) =>
          heard.push(...positions),
        );
        // A published AIS position report (gpsd's AIVDM/AIVDO examples): MMSI 371798000.
        const feed = connect(harbor.aisPort, '127.0.0.1');
        await new Promise((resolve) => feed.once('connect', resolve));
        feed.write('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n');
        await vi.waitFor(() => expect(harbor.tracker.inserted).toBe(1), { timeout: 30_000 });
        await vi.waitFor(() => expect(heard.length).toBeGreaterThan(0));
        feed.destroy();
        unsubscribe();
        expect(heard.map(({ position }) => position.assetKey)).toEqual(['371798000']);
      } finally {
        await harbor.stop();
        const nc = await connectNats({ servers: busUrl });
        await (await jetstreamManager(nc)).streams.delete(busStream).catch(() => false);
        await nc.close();
      }
    },
  );
});
