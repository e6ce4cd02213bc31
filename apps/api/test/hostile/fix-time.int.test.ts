import { createSocket } from 'node:dgram';
import { testDbTargets } from '@harbor/db/testing';
import { location } from '@harbor/protocols/jt808';
import type { Fix } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domains/auth/api-keys.ts';
import { DeviceDirectory } from '../../src/domains/vehicles/device-directory.ts';
import { AisGateway } from '../../src/edges/gateways/ais-gateway.ts';
import { Jt808Gateway } from '../../src/edges/gateways/jt808-gateway.ts';
import { buildWorld, type World } from '../fixtures.ts';
import { TestTerminal } from '../jt808-terminal.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';

// A device's clock is an external input: a fix dated in year 9999 would stay an asset's
// latest position for ever, freezing its map position, alerts and dispatch. Every gateway
// refuses a fix from the future, one fix at a time, and keeps the good fixes around it.

const NOW = new Date('2026-11-25T02:20:00Z');
const FUTURE = new Date('9999-06-01T00:00:00Z');
const PHONE = '013916001001';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe.each(testDbTargets())('fixes from the future at every gateway on %s', (target) => {
  let world: World;
  const published: Fix[] = [];
  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.device.create({
      data: { organizationId: world.organizations.dhcl.id, terminalPhone: PHONE },
    });
  });
  afterAll(() => world.db.drop());

  it('JT/T 808: refuses a report dated in the future (§8.2 result 2) and stores the good fixes of a batch', async () => {
    published.length = 0;
    const gateway = new Jt808Gateway({
      devices: new DeviceDirectory(world.db),
      logger: pino({ level: 'silent' }),
      now: () => NOW,
      publish: async (fixes) => {
        published.push(...fixes);
      },
    });
    const port = await gateway.listen(0, '127.0.0.1');
    const terminal = new TestTerminal(port, PHONE);
    try {
      const { authCode } = await terminal.register('T000001');
      expect(await terminal.authenticate(authCode ?? '')).toBe(0);

      // Its BCD time has a two-digit year: 9999 goes out as 2099, the furthest it reaches.
      const future = location({ lat: 30.87, lon: 121.9, time: FUTURE, speedKmh: 30 });
      expect(await terminal.exchange({ messageId: 0x0200, location: future })).toMatchObject({
        replyMessageId: 0x0200,
        result: 2,
      });
      const good = location({ lat: 30.871, lon: 121.9, time: new Date(NOW.getTime() - 60_000) });
      expect(
        await terminal.exchange({
          messageId: 0x0704,
          type: 1,
          locations: [good, future],
        }),
      ).toMatchObject({ replyMessageId: 0x0704, result: 0 });
      expect(published.map((fix) => fix.fixAt)).toEqual([new Date(NOW.getTime() - 60_000)]);
      expect(gateway.counters.futureFixes).toBe(2);
    } finally {
      terminal.close();
      await gateway.close();
    }
  });

  it('AIS: refuses a position whose tag block time is in the future, and takes the rest of the datagram', async () => {
    published.length = 0;
    const gateway = new AisGateway({
      db: world.db,
      logger: pino({ level: 'silent' }),
      now: () => NOW,
      publish: async (fixes) => {
        published.push(...fixes);
      },
    });
    const port = await gateway.listenUdp(0, '127.0.0.1');
    const tagged = (tag: string) => {
      let sum = 0;
      for (const ch of tag) sum ^= ch.charCodeAt(0);
      // gpsd's type 1 sample: MMSI 477553000, second 15.
      return `\\${tag}*${sum.toString(16).toUpperCase().padStart(2, '0')}\\!AIVDM,1,1,,B,177KQJ5000G?tO\`K>RA1wUbN0TKH,0*5C`;
    };
    const udp = createSocket('udp4');
    try {
      // c: is seconds since 1970: 4102444800 is 2100-01-01, 1795659600 is 2026-11-25T02:20:00Z.
      const datagram = `${tagged('s:r1,c:4102444800')}\n${tagged('s:r2,c:1795573200')}\n`;
      udp.send(datagram, port, '127.0.0.1');
      await until(() => published.length === 1);
      expect(published[0]?.fixAt).toEqual(new Date('2026-11-25T02:19:15Z'));
      const source = [...gateway.sources.values()][0];
      expect(source?.counters).toMatchObject({ futureFixes: 1, fixes: 1 });
    } finally {
      udp.close();
      await gateway.close();
    }
  });

  it('HTTP ingest: names the time of a fix from the future and stores the rest', async () => {
    published.length = 0;
    const { key } = await createApiKey(world, world.users.dhclAdmin, { name: 'DHCL TMS' });
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
    const { base, close } = await serve(app);
    try {
      const response = await fetch(`${base}/ingest/fixes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          fixes: [
            { deviceId: PHONE, time: FUTURE.toISOString(), lat: 30.87, lon: 121.9 },
            { deviceId: PHONE, time: '2026-11-25T02:19:00Z', lat: 30.87, lon: 121.9 },
            { deviceId: PHONE, time: '1970-01-01T00:00:00Z', lat: 30.87, lon: 121.9 },
          ],
        }),
      });
      expect(response.status).toBe(202);
      const body = (await response.json()) as {
        accepted: number;
        rejected: { index: number; field: string; message: string }[];
      };
      expect(body.accepted).toBe(1);
      expect(body.rejected.map(({ index, field }) => ({ index, field }))).toEqual([
        { index: 0, field: 'time' },
        { index: 2, field: 'time' },
      ]);
      expect(body.rejected[0]?.message).toMatch(/after it was received/);
      expect(body.rejected[1]?.message).toMatch(/before satellite positioning began/);
      expect(published.map((fix) => fix.fixAt)).toEqual([new Date('2026-11-25T02:19:00Z')]);
    } finally {
      await close();
    }
  });
});
