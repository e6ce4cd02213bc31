import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createTestDb, type TestDb } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AisGateway, UDP_RECEIVE_BUFFER } from './ais-gateway.ts';
import { fixTime } from './ais-ingest.ts';

const NOW = new Date('2026-11-25T02:00:45Z');

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await condition()).toBe(true);
};

/** A gateway on an embedded database of its own, handing its fixes to `publish`. */
async function gatewayOn(publish: (fixes: Fix[]) => Promise<void>) {
  const db = await createTestDb('pglite');
  const gateway = new AisGateway({
    db,
    logger: pino({ level: 'silent' }),
    now: () => NOW,
    publish,
  });
  return { db, gateway };
}

/** A feed connected to the gateway's TCP port. */
async function feedTo(port: number) {
  const feed = connect(port, '127.0.0.1');
  await new Promise((resolve) => feed.once('connect', resolve));
  return feed;
}

describe('the AIS gateway', () => {
  let db: TestDb;
  let gateway: AisGateway;
  const published: Fix[] = [];
  const fixOf = (mmsi: string) => published.find((fix) => fix.assetKey === mmsi);

  beforeAll(async () => {
    ({ db, gateway } = await gatewayOn(async (fixes) => {
      published.push(...fixes);
    }));
  });
  afterAll(async () => {
    await gateway.close();
    await db.drop();
  });

  it('takes a feed over TCP: positions become fixes, static data goes to the vessels AIS columns, garbage is counted', async () => {
    const feed = await feedTo(await gateway.listenTcp(0, '127.0.0.1'));
    feed.write(
      [
        '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
        'not AIS at all',
        '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
        '!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C',
        '!AIVDM,2,2,1,A,88888888880,2*25',
        '!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D',
        '!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40',
        '',
      ].join('\r\n'),
    );
    await until(() => fixOf('338087471') !== undefined);
    expect(fixOf('371798000')).toEqual({
      assetKind: 'VESSEL',
      assetKey: '371798000',
      fixAt: new Date('2026-11-25T02:00:33Z'),
      receivedAt: NOW,
      lat: expect.closeTo(48.3816333, 6),
      lon: expect.closeTo(-123.3953833, 6),
      speedKnots: 12.3,
      courseDeg: 224,
      headingDeg: 215,
      altitudeM: null,
      status: 'UNDER_WAY_USING_ENGINE',
      source: 'AIS',
    });
    await until(async () => (await db.prisma.vessel.count()) === 2);
    // Vessels first heard on AIS: AIS values only, nothing curated.
    expect(await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 351759000 } })).toMatchObject({
      name: null,
      imo: null,
      lengthM: null,
      aisName: 'EVER DIADEM',
      aisCallSign: '3FOF8',
      aisImo: 9134270,
      aisShipType: 70,
      aisLengthM: 295,
      aisBeamM: 32,
      aisDraughtM: 12.2,
      aisDestination: 'NEW YORK',
      aisStaticAt: NOW,
    });
    expect(await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 271041815 } })).toMatchObject({
      name: null,
      aisName: 'PROGUY',
      aisCallSign: 'TC6163',
      aisShipType: 60,
      aisLengthM: 15,
      aisBeamM: 5,
    });
    const source = [...gateway.sources.entries()].find(([name]) => name.startsWith('tcp:'))?.[1];
    expect(source?.counters).toMatchObject({ errors: 1, fixes: 2, staticUpdates: 3 });
    feed.destroy();
  });

  it('takes datagrams over UDP, using a tag block receive time when there is one', async () => {
    const port = await gateway.listenUdp(0, '127.0.0.1');
    const udp = createSocket('udp4');
    const tag = 's:2573345,c:1764035990';
    let sum = 0;
    for (const ch of tag) sum ^= ch.charCodeAt(0);
    const line = `\\${tag}*${sum.toString(16).toUpperCase().padStart(2, '0')}\\!AIVDM,1,1,,B,177KQJ5000G?tO\`K>RA1wUbN0TKH,0*5C`;
    udp.send(`${line}\n`, port, '127.0.0.1');
    await until(() => fixOf('477553000') !== undefined);
    // c:1764035990 is 2025-11-25T01:59:50Z, when the base station heard it; the report's
    // second is 15 (gpsd's example). `receivedAt` is when Harbor did.
    expect(fixOf('477553000')).toMatchObject({
      receivedAt: NOW,
      fixAt: new Date('2025-11-25T01:59:15Z'),
      status: 'MOORED',
      speedKnots: 0,
    });
    udp.close();
  });

  it('turns a short (163-bit) class A position report into a fix', async () => {
    // gpsd test/sample.aivdm "type=1 length=163": 5 fill bits cut the communication state short.
    const port = await gateway.listenUdp(0, '127.0.0.1');
    const udp = createSocket('udp4');
    udp.send('!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63\r\n', port, '127.0.0.1');
    await until(() => fixOf('244740981') !== undefined);
    expect(fixOf('244740981')).toEqual({
      assetKind: 'VESSEL',
      assetKey: '244740981',
      fixAt: new Date('2026-11-25T02:00:45Z'),
      receivedAt: NOW,
      lat: expect.closeTo(53.199235, 6),
      lon: expect.closeTo(5.7374667, 6),
      speedKnots: 0,
      courseDeg: 0,
      headingDeg: null,
      altitudeM: null,
      status: 'UNDER_WAY_USING_ENGINE',
      source: 'AIS',
    });
    udp.close();
  });

  it('takes a burst of datagrams without losing one', async () => {
    // The kernel grants the gateway's receive buffer up to net.core.rmem_max (and doubles it
    // for its bookkeeping); a small datagram costs it at most about 2 KiB. Here (rmem_max
    // 4 MiB) that is a burst of 2,000; Linux's default buffer would drop all but ~250.
    const rmemMax = (() => {
      try {
        return Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));
      } catch {
        return 212_992;
      }
    })();
    const burst = Math.min(2_000, Math.floor((2 * Math.min(UDP_RECEIVE_BUFFER, rmemMax)) / 2048));
    const port = await gateway.listenUdp(0, '127.0.0.1');
    const udp = createSocket('udp4');
    // gpsd's type 1 example, as a shore receiver would forward a backlog all at once.
    const line = '!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C\r\n';
    const before = published.length;
    await Promise.all(
      Array.from(
        { length: burst },
        () => new Promise<void>((resolve) => udp.send(line, port, '127.0.0.1', () => resolve())),
      ),
    );
    await until(() => published.length - before === burst);
    udp.close();
  });

  it('follows an upstream feed and reconnects when it drops', async () => {
    const lines = [
      '!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42',
      '!AIVDM,1,1,,B,25Cjtd0Oj;Jp7ilG7=UkKBoB0<06,0*60',
    ];
    let connections = 0;
    const upstream = createServer((socket) => {
      // Each connection gets one sentence, then the feed hangs up.
      socket.end(`${lines[connections++ % 2]}\n`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const address = upstream.address();
    gateway.connectUpstream('127.0.0.1', typeof address === 'object' && address ? address.port : 0);
    await until(() => fixOf('440348000') !== undefined && fixOf('356302000') !== undefined);
    expect(connections).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => upstream.close(resolve));
  });
});

describe('the AIS gateway while the bus holds its fixes', () => {
  let db: TestDb;
  let gateway: AisGateway;
  // Each publish waits here until the test lets it be stored.
  const held: (() => void)[] = [];

  beforeAll(async () => {
    ({ db, gateway } = await gatewayOn(() => new Promise<void>((resolve) => held.push(resolve))));
  });
  afterAll(async () => {
    for (const store of held) store();
    await gateway.close();
    await db.drop();
  });

  it('counts what it read and has not stored yet, over TCP and UDP, until the bus stores it', async () => {
    const feed = await feedTo(await gateway.listenTcp(0, '127.0.0.1'));
    feed.write('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r\n');
    await until(() => held.length === 1);
    // Read, handed on, not stored: the feed's reading waits, and the gateway says so.
    expect(gateway.totals()).toMatchObject({ lines: 1, fixes: 0, batchesWaiting: 1 });

    const udpPort = await gateway.listenUdp(0, '127.0.0.1');
    const udp = createSocket('udp4');
    udp.send('!AIVDM,1,1,,A,13aIkM@P00PJ@qPNL=e@0?wJ28JO,5*63\r\n', udpPort, '127.0.0.1');
    await until(() => held.length === 2);
    expect(gateway.totals()).toMatchObject({ lines: 2, fixes: 0, batchesWaiting: 2 });

    held[0]?.();
    await until(() => gateway.totals().batchesWaiting === 1);
    expect(gateway.totals()).toMatchObject({ lines: 2, fixes: 1 });
    held[1]?.();
    await until(() => gateway.totals().batchesWaiting === 0);
    expect(gateway.totals()).toMatchObject({ lines: 2, fixes: 2 });
    udp.close();
    feed.destroy();
  });
});

describe('AIS fix time from the reported second', () => {
  it.each([
    ['2026-11-25T02:00:45Z', 33, '2026-11-25T02:00:33.000Z'],
    ['2026-11-25T02:00:05Z', 58, '2026-11-25T01:59:58.000Z'],
    ['2026-11-25T02:00:05Z', null, '2026-11-25T02:00:05.000Z'],
  ])('received %s, second %s: %s', (received, second, expected) => {
    expect(fixTime(new Date(received), second).toISOString()).toBe(expected);
  });
});
