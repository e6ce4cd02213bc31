import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { type ErrorAnswer, type Fix, kmhToKnots } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  sessionCookieFor,
  type World,
} from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import { DEFAULT_HISTORY_POLICY } from '../history/policy.ts';
import { runUpkeep } from '../history/upkeep.ts';

// The DHCL truck 沪D12345 (terminal 013916001001) on a constructed track: 10 min parked in
// the Luchaogang depot with the engine on, 10 km due north at 60 km/h, 6 min parked with the
// engine off. Known answers: 10 km, one trip, two stops (the first in LCG-DEPOT), 10 min
// moving, 16 min stopped, 10 min idle.
const T0 = Date.parse('2026-11-25T01:00:00Z');
const DHCL_PLATE = '沪D12345';
const LGFT_PLATE = '沪E45678';
const DEPOT = { lon: 121.894, lat: 30.866 };
const METRES_PER_DEG = (6_371_008.8 * Math.PI) / 180;
const period = { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' };

function fix(phone: string, seconds: number, northM: number, kmh: number, status: string): Fix {
  const fixAt = new Date(T0 + seconds * 1000);
  return {
    assetKind: 'VEHICLE',
    assetKey: phone,
    fixAt,
    receivedAt: fixAt,
    lat: DEPOT.lat + northM / METRES_PER_DEG,
    lon: DEPOT.lon,
    speedKnots: kmhToKnots(kmh),
    courseDeg: 0,
    headingDeg: null,
    altitudeM: null,
    status,
    source: 'JT808',
  };
}
const every30 = (from: number, to: number) =>
  Array.from({ length: (to - from) / 30 + 1 }, (_, i) => from + i * 30);

describe.each(testDbTargets())('vehicle reports on %s', (target) => {
  let world: World;
  const vehicle: Record<string, string> = {};
  let http: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { fleetSize: 0 });
    const p = world.db.prisma;
    for (const v of await p.vehicle.findMany()) vehicle[v.plate] = v.id;
    const dhcl = '013916001001';
    await writeFixes(world.db, [
      fix(dhcl, -7200, 0, 0, 'ACC_OFF'), // the evening before the period: not counted
      ...every30(0, 570).map((t) => fix(dhcl, t, 0, 0, 'ACC_ON')),
      ...every30(600, 1170).map((t) => fix(dhcl, t, ((t - 600) / 30 + 1) * 500, 60, 'ACC_ON')),
      ...every30(1200, 1560).map((t) => fix(dhcl, t, 10_000, 0, 'ACC_OFF')),
    ]);
    await writeFixes(world.db, [fix('013816002001', 0, 0, 0, 'ACC_ON')]);

    const [pickup, dropoff] = await p.zone.findMany({
      where: { code: { in: ['LCG-DEPOT', 'YSP4-GATE'] } },
    });
    // 沪D12345 is DHCL's seeded truck.
    const organizationId = world.organizations.dhcl.id;
    const job = (
      reference: string,
      status: 'DELIVERED' | 'EN_ROUTE_PICKUP',
      windowEndH: number,
      deliveredH: number | null,
    ) =>
      p.dispatchJob.create({
        data: {
          organizationId,
          reference,
          status,
          pickupZoneId: pickup?.id ?? '',
          dropoffZoneId: dropoff?.id ?? '',
          windowStart: new Date(T0),
          windowEnd: new Date(T0 + windowEndH * 3_600_000),
          deliveredAt: deliveredH === null ? null : new Date(T0 + deliveredH * 3_600_000),
          vehicleId: vehicle[DHCL_PLATE],
        },
      });
    await job('ON-TIME', 'DELIVERED', 4, 3);
    await job('LATE', 'DELIVERED', 2, 3);
    await job('OPEN', 'EN_ROUTE_PICKUP', 6, null);

    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    http = await serve(app);
  }, 60_000);
  afterAll(async () => {
    await http.close();
    await world.db.drop();
  });

  const DHCL_ROW = {
    plate: '沪D12345',
    terminalPhone: '013916001001',
    fixes: 53,
    distanceKm: 10,
    movingMinutes: 10,
    stoppedMinutes: 16,
    idleMinutes: 10,
    tripCount: 1,
    stopCount: 2,
    jobs: 3,
    jobsDelivered: 2,
    jobsOnTime: 1,
    onTimeRate: 0.5,
  };

  it.each(ALL_USERS)('%s gets a summary row for each vehicle it may see', async (user) => {
    const rows = await world.as(user).reports.vehicles(period);
    const plates = rows.map((r) => r.plate);
    if (user.startsWith('port'))
      expect(plates).toEqual([
        '沪D12345',
        '沪D23456',
        '沪D34567',
        '沪E45678',
        '沪E56789',
        '沪E67890',
      ]);
    else if (user.startsWith('dhcl')) expect(plates).toEqual(['沪D12345', '沪D23456', '沪D34567']);
    else expect(plates).toEqual(['沪E45678', '沪E56789', '沪E67890']);
    const dhcl = rows.find((r) => r.plate === '沪D12345');
    if (dhcl) expect(dhcl).toMatchObject(DHCL_ROW);
    const quiet = rows.find((r) => r.plate === '沪D23456');
    if (quiet)
      expect(quiet).toMatchObject({
        terminalPhone: null,
        fixes: 0,
        distanceKm: 0,
        onTimeRate: null,
      });
  });

  it('limits to the listed vehicles, never beyond the own company', async () => {
    const ids = [vehicle[DHCL_PLATE] ?? '', vehicle[LGFT_PLATE] ?? ''];
    expect(
      (await world.as('portOperator').reports.vehicles({ ...period, vehicleIds: ids })).map(
        (r) => r.plate,
      ),
    ).toEqual(['沪D12345', '沪E45678']);
    expect(
      (await world.as('lgftDispatcher').reports.vehicles({ ...period, vehicleIds: ids })).map(
        (r) => r.plate,
      ),
    ).toEqual(['沪E45678']);
  });

  it('details one vehicle: its stops with places and its trips', async () => {
    await world.db.prisma.zone.updateMany({
      where: { code: 'LCG-DEPOT' },
      data: { nameZh: '芦潮港集装箱堆场' },
    });
    const report = await world
      .as('dhclViewer')
      .reports.vehicle({ ...period, vehicleId: vehicle[DHCL_PLATE] ?? '' });
    expect(report).toMatchObject(DHCL_ROW);
    const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
    expect(report.stops).toEqual([
      expect.objectContaining({
        startAt: iso(0),
        endAt: iso(600),
        durationMinutes: 10,
        idleMinutes: 10,
        zoneCode: 'LCG-DEPOT',
        zoneName: 'Luchaogang container depot',
        zoneNameZh: '芦潮港集装箱堆场',
      }),
      expect.objectContaining({
        startAt: iso(1200),
        endAt: iso(1560),
        durationMinutes: 6,
        idleMinutes: 0,
        zoneCode: null,
      }),
    ]);
    expect(report.trips).toEqual([
      {
        startAt: iso(600),
        endAt: iso(1200),
        durationMinutes: 10,
        distanceKm: 10,
        maxSpeedKmh: 60,
        fromZoneCode: 'LCG-DEPOT',
        toZoneCode: null,
      },
    ]);
  });

  it("another company's vehicle is NOT_FOUND; bad periods name the field; anonymous is refused", async () => {
    const id = vehicle[DHCL_PLATE] ?? '';
    await expectTrpcError(
      world.as('lgftViewer').reports.vehicle({ ...period, vehicleId: id }),
      'NOT_FOUND',
    );
    await expectFieldError(
      world.as('portAdmin').reports.vehicles({ from: period.to, to: period.from }),
      'to',
    );
    await expectFieldError(
      world.as('portAdmin').reports.vehicles({ from: period.from, to: '2027-01-01T00:00:00Z' }),
      'to',
    );
    await expectFieldError(
      world.as('portAdmin').reports.vehicle({ ...period, vehicleId: 'nope' }),
      'vehicleId',
    );
    await expectTrpcError(world.as(null).reports.vehicles(period), 'UNAUTHORIZED');
  });

  it('downloads the report as CSV over HTTP: BOM, CRLF, Chinese plates, an attachment', async () => {
    const query = new URLSearchParams(period).toString();
    const response = await fetch(`${http.base}/reports/vehicles.csv?${query}`, {
      headers: { cookie: await sessionCookieFor(world, 'dhclDispatcher') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      // 08:00 in Shanghai, the port's zone.
      'attachment; filename="vehicles_2026-11-25_2026-11-26.csv"',
    );
    // Shanghai midnight is the UTC evening before: the name keeps the port's day.
    const local = new URLSearchParams({
      from: '2026-11-24T16:00:00.000Z',
      to: '2026-11-25T16:00:00.000Z',
    });
    const named = await fetch(`${http.base}/reports/vehicles.csv?${local}`, {
      headers: { cookie: await sessionCookieFor(world, 'dhclDispatcher') },
    });
    expect(named.headers.get('content-disposition')).toBe(
      'attachment; filename="vehicles_2026-11-25_2026-11-26.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(bytes)
      .slice(1)
      .split('\r\n');
    expect(lines).toEqual([
      'plate,terminal phone,fixes,distance km,moving min,stopped min,idle min,trips,stops,jobs,delivered,on time,on-time rate',
      '沪D12345,013916001001,53,10,10,16,10,1,2,3,2,1,0.5',
      '沪D23456,,0,0,0,0,0,0,0,0,0,0,',
      '沪D34567,,0,0,0,0,0,0,0,0,0,0,',
      '',
    ]);
    // In Chinese for a Chinese user: the header row only; the values are data.
    const chinese = await fetch(`${http.base}/reports/vehicles.csv?${local}&lang=zh-CN`, {
      headers: { cookie: await sessionCookieFor(world, 'dhclDispatcher') },
    });
    const [header, first] = (await chinese.text()).split('\r\n');
    expect(header).toBe(
      '车牌,终端手机号,定位数,里程（公里）,行驶（分钟）,停车（分钟）,怠速（分钟）,行程数,停靠次数,任务数,已送达,准时,准时率',
    );
    expect(first?.startsWith('沪D12345,013916001001,')).toBe(true);
  });

  it('CSV: 401 without a session, 400 naming the bad query field', async () => {
    const query = new URLSearchParams(period).toString();
    const anonymous = await fetch(`${http.base}/reports/vehicles.csv?${query}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'log in first', code: 'auth.login-required' });
    const expired = await fetch(`${http.base}/reports/vehicles.csv?${query}`, {
      headers: { cookie: 'harbor_session=forged' },
    });
    expect(expired.status).toBe(401);
    const bad = await fetch(`${http.base}/reports/vehicles.csv?from=yesterday&to=${period.to}`, {
      headers: { cookie: await sessionCookieFor(world, 'portAdmin') },
    });
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as ErrorAnswer;
    expect(answer.code).toBe('input.invalid');
    expect(answer.fieldErrors).toHaveProperty('from');
  });

  // Last: it compacts the world's history. Months later a report reads compact segments and
  // says exactly what it said when the fixes were rows.
  it('reports the same from compact history as from the rows it was compacted from', async () => {
    const before = await world.as('portOperator').reports.vehicles(period);
    const report = await runUpkeep(
      world.db,
      { ...DEFAULT_HISTORY_POLICY, keepDays: 3_650 },
      Date.now() + (DEFAULT_HISTORY_POLICY.hotDays + 2) * 86_400_000,
    );
    expect(report.fixes).toBeGreaterThan(0);
    expect(await world.db.prisma.positionFix.count()).toBe(0);
    expect(await world.as('portOperator').reports.vehicles(period)).toEqual(before);
  });
});
