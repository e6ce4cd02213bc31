import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixes } from '../../pipeline/fix-store.ts';
import {
  DAY_MS,
  detachPartition,
  ensurePartitions,
  listPartitions,
  spanOf,
} from '../../pipeline/history-partitions.ts';
import { DEFAULT_HISTORY_POLICY, type HistoryPolicy } from './policy.ts';
import { setTrackRetention } from './retention-rules.ts';
import { encodeTrack, type TrackPoint } from './track-codec.ts';
import { readTrack } from './track-store.ts';
import { runUpkeep } from './upkeep.ts';

// Days far from the clock of the machine, so only these tests' fixes are in their partitions.
const D1 = Date.parse('2031-03-10T00:00:00Z');
const HOT = DEFAULT_HISTORY_POLICY.hotDays;
const policy: HistoryPolicy = { ...DEFAULT_HISTORY_POLICY };
/** The moment day `day` is past the hot window, and then some. */
const afterHot = (day: number) => day + (HOT + 2) * DAY_MS;

/** A JT/T 808 truck's fixes as the gateway makes them: 1e-6°, 1/100 kn, whole degrees and metres. */
function truckFixes(assetKey: string, from: number, count: number, everyMs = 30_000): Fix[] {
  let lat = 30.870_123;
  let lon = 121.905_456;
  return Array.from({ length: count }, (_, i) => {
    lat = Math.round((lat + ((i * 7919) % 13) * 1e-5) * 1e6) / 1e6;
    lon = Math.round((lon + ((i * 104_729) % 17) * 1e-5) * 1e6) / 1e6;
    const fixAt = from + i * everyMs;
    return {
      assetKind: 'VEHICLE',
      assetKey,
      fixAt: new Date(fixAt),
      receivedAt: new Date(fixAt + 300 + ((i * 37) % 900)),
      lat,
      lon,
      speedKnots: Math.round((((i * 31) % 800) / 10 / 1.852) * 100) / 100,
      courseDeg: (i * 11) % 360,
      headingDeg: null,
      altitudeM: 4 + (i % 9),
      status: i % 50 < 40 ? 'ACC_ON' : 'ACC_OFF',
      source: 'JT808',
    };
  });
}

/** A ship's AIS positions: 1/10,000 minute, 1/10 kn and 1/10°, times in ms. */
function shipFixes(mmsi: string, from: number, count: number): Fix[] {
  return Array.from({ length: count }, (_, i) => {
    const fixAt = from + i * 10_017;
    return {
      assetKind: 'VESSEL',
      assetKey: mmsi,
      fixAt: new Date(fixAt),
      receivedAt: new Date(fixAt + 41),
      lat: (18_532_000 + i * 13) / 600_000,
      lon: (73_142_000 - i * 29) / 600_000,
      speedKnots: (120 + (i % 7)) / 10,
      courseDeg: (2_105 + (i % 30)) / 10,
      headingDeg: 211,
      altitudeM: null,
      status: 'UNDER_WAY_USING_ENGINE',
      source: 'AIS',
    };
  });
}

/** What a track read gives back for fixes written: the same values, times in ms. */
const asPoints = (fixes: readonly Fix[]): TrackPoint[] =>
  [...fixes]
    .sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime())
    .map((fix) => ({
      fixAt: fix.fixAt.getTime(),
      receivedAt: fix.receivedAt.getTime(),
      lat: fix.lat,
      lon: fix.lon,
      speedKnots: fix.speedKnots,
      courseDeg: fix.courseDeg,
      headingDeg: fix.headingDeg,
      altitudeM: fix.altitudeM,
      status: fix.status,
      source: fix.source,
    }));

const whole = (fixes: readonly Fix[]) => ({
  assetKind: (fixes[0] as Fix).assetKind,
  assetKey: (fixes[0] as Fix).assetKey,
  from: new Date(0),
  to: new Date(Date.parse('2100-01-01T00:00:00Z')),
  limit: 1_000_000,
});

describe.each(testDbTargets())('history on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  const partitionOf = async (assetKey: string) => {
    const { rows } = await db.sql.query<{ part: string; fixAt: Date }>(
      `SELECT tableoid::regclass::text AS part, "fixAt" FROM "PositionFix" WHERE "assetKey" = $1 ORDER BY "fixAt"`,
      [assetKey],
    );
    return rows.map((row) => [row.part.replaceAll('"', ''), new Date(row.fixAt).toISOString()]);
  };

  it('makes the coming days ahead of time, and any day a fix needs at the moment it comes', async () => {
    const now = Date.parse('2031-01-05T13:00:00Z');
    await runUpkeep(db, policy, now);
    const names = (await listPartitions(db.sql, 'PositionFix')).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'PositionFix_p20310105',
        'PositionFix_p20310106',
        'PositionFix_p20310107',
        'PositionFix_p20310108',
      ]),
    );
    // Either side of midnight in UTC and in Shanghai (UTC+8, midnight at 16:00 UTC), on days
    // nobody made ahead: each fix lands in its UTC day, none is lost.
    const edges = [
      '2031-02-01T15:59:59.999Z',
      '2031-02-01T16:00:00.000Z',
      '2031-02-01T23:59:59.999Z',
      '2031-02-02T00:00:00.000Z',
    ];
    const fixes = edges.map((at, i) => ({
      ...(truckFixes('013900500001', Date.parse(at), 1)[0] as Fix),
      lat: 30 + i / 10,
    }));
    expect((await writeFixes(db, fixes)).inserted).toBe(4);
    expect(await partitionOf('013900500001')).toEqual([
      ['PositionFix_p20310201', edges[0]],
      ['PositionFix_p20310201', edges[1]],
      ['PositionFix_p20310201', edges[2]],
      ['PositionFix_p20310202', edges[3]],
    ]);
  });

  it('compacts a day past the hot window into segments that read back exactly, and drops its partition', async () => {
    const truck = truckFixes('013900500002', D1, 2_880);
    const ship = shipFixes('413000001', D1 + 3_600_000, 2_000);
    await writeFixes(db, truck);
    await writeFixes(db, ship);
    const truckBefore = await readTrack(db, whole(truck));
    const shipBefore = await readTrack(db, whole(ship));
    expect(truckBefore).toEqual(asPoints(truck));
    expect(shipBefore).toEqual(asPoints(ship));

    const report = await runUpkeep(db, policy, afterHot(D1));
    expect(report.fixes).toBeGreaterThanOrEqual(truck.length + ship.length);
    expect((await listPartitions(db.sql, 'PositionFix')).map((p) => p.name)).not.toContain(
      'PositionFix_p20310310',
    );
    expect(await partitionOf('013900500002')).toEqual([]);
    const { rows } = await db.sql.query<{ assetKey: string; fixCount: number; bytes: number }>(
      `SELECT "assetKey", "fixCount", octet_length(payload) AS bytes FROM "TrackSegment"
       WHERE "assetKey" IN ('013900500002', '413000001') ORDER BY "assetKey"`,
    );
    expect(rows.map((row) => [row.assetKey, row.fixCount])).toEqual([
      ['013900500002', 2_880],
      ['413000001', 2_000],
    ]);
    // Bit for bit: every number, null and text as it was stored as a row.
    expect(await readTrack(db, whole(truck))).toEqual(truckBefore);
    expect(await readTrack(db, whole(ship))).toEqual(shipBefore);
    for (const row of rows) expect(row.bytes / row.fixCount).toBeLessThan(16);
  });

  it('reads a track across compact and hot history as one, and pages through it', async () => {
    const D2 = D1 + 20 * DAY_MS;
    // Three days of one truck: the first compacted, the last two still rows.
    const fixes = [0, 1, 2].flatMap((day, i) =>
      truckFixes('013900500003', D2 + day * DAY_MS - 600_000, 60).map((fix) => ({
        ...fix,
        lat: fix.lat + i,
      })),
    );
    await writeFixes(db, fixes);
    const before = await readTrack(db, whole(fixes));
    await runUpkeep(db, policy, D2 + (HOT + 1) * DAY_MS);
    const { rows } = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "TrackSegment" WHERE "assetKey" = '013900500003'`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect((await partitionOf('013900500003')).length).toBeGreaterThan(0);
    expect(await readTrack(db, whole(fixes))).toEqual(before);
    // Paging from the last fix read, as replay does, crosses the boundary without a gap.
    const pages: TrackPoint[] = [];
    let query = { ...whole(fixes), limit: 25, afterFrom: false };
    for (;;) {
      const page = await readTrack(db, query);
      pages.push(...page);
      if (page.length < 25) break;
      query = { ...query, from: new Date((page.at(-1) as TrackPoint).fixAt), afterFrom: true };
    }
    expect(pages).toEqual(before);
  });

  it('reads a partition while it is being compacted, and finishes the compaction after a crash', async () => {
    const D3 = D1 + 40 * DAY_MS;
    const fixes = truckFixes('013900500004', D3, 500);
    await writeFixes(db, fixes);
    const before = await readTrack(db, whole(fixes));
    // A compactor that recorded and detached the day, then died.
    const name = 'PositionFix_p20310419';
    await db.sql.query(
      `INSERT INTO "HistoryCompaction" ("tableName", "fromAt", "toAt") VALUES ($1, $2, $3)`,
      [name, new Date(D3), new Date(D3 + DAY_MS)],
    );
    await detachPartition(db, 'PositionFix', name);
    expect(await partitionOf('013900500004')).toEqual([]);
    expect(await readTrack(db, whole(fixes))).toEqual(before);
    // A late fix for that day meanwhile makes a partition of its own.
    const late = truckFixes('013900500004', D3 + 500 * 30_000 + 15_000, 1);
    expect((await writeFixes(db, late)).inserted).toBe(1);
    expect(await partitionOf('013900500004')).toEqual([
      ['PositionFix_p20310419_2', (late[0] as Fix).fixAt.toISOString()],
    ]);

    await runUpkeep(db, policy, afterHot(D3));
    const { rows } = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'PositionFix_p20310419%'`,
    );
    expect(rows[0]?.n).toBe(0);
    expect(await db.prisma.historyCompaction.count()).toBe(0);
    expect(await readTrack(db, whole(fixes))).toEqual(asPoints([...fixes, ...late]));
  });

  it('reads fixes kept twice (rows and a segment) once, the row winning, whatever the segment says of its times', async () => {
    const D5 = D1 + 50 * DAY_MS;
    const fixes = truckFixes('013900500012', D5, 40);
    await writeFixes(db, fixes);
    // A segment of fixes 20..59 (20..39 also still rows), as a compaction that wrote its
    // segments and died before dropping its table leaves them; its row claims to start at
    // fix 30, so laying pieces out by the stored times alone would put them out of order.
    const twice = truckFixes('013900500012', D5, 60)
      .slice(20)
      .map((fix) => ({ ...fix, status: 'FROM_SEGMENT' }));
    const expires = D5 + 400 * DAY_MS;
    await ensurePartitions(db, 'TrackSegment', [spanOf('TrackSegment', expires)]);
    await db.sql.query(
      `INSERT INTO "TrackSegment" ("assetKind", "assetKey", "fromAt", "toAt", "fixCount", "expiresOn", payload)
       VALUES ('VEHICLE', '013900500012', $1, $2, $3, $4, $5)`,
      [
        (twice[10] as Fix).fixAt,
        (twice.at(-1) as Fix).fixAt,
        twice.length,
        new Date(expires),
        encodeTrack(asPoints(twice)),
      ],
    );
    const expected = asPoints([...fixes, ...twice.slice(20)]);
    expect(await readTrack(db, whole(fixes))).toEqual(expected);
    // Within a range and cut at a limit, the same rule.
    expect(
      await readTrack(db, {
        ...whole(fixes),
        from: (fixes[30] as Fix).fixAt,
        to: (twice[30] as Fix).fixAt,
        limit: 15,
      }),
    ).toEqual(expected.slice(30, 45));
  });

  it('forgets a compaction whose table is gone, rather than failing every round', async () => {
    await db.sql.query(
      `INSERT INTO "HistoryCompaction" ("tableName", "fromAt", "toAt") VALUES ($1, $2, $3)`,
      ['PositionFix_p20310101_9', new Date(D1), new Date(D1 + DAY_MS)],
    );
    await runUpkeep(db, policy, D1);
    expect(await db.prisma.historyCompaction.count()).toBe(0);
  });

  it("keeps each organization's tracks as long as it says, dropping whole partitions", async () => {
    const D4 = D1 + 60 * DAY_MS;
    const org = await db.prisma.organization.create({
      data: { code: 'SHORT', name: 'Short memory', kind: 'LOGISTICS_COMPANY' },
    });
    await db.prisma.device.create({
      data: { organizationId: org.id, terminalPhone: '013900500005' },
    });
    await db.prisma.trackRetention.create({
      data: { organizationId: org.id, assetKind: 'VEHICLE', keepDays: 30 },
    });
    const short = truckFixes('013900500005', D4, 100);
    const usual = truckFixes('013900500006', D4, 100);
    await writeFixes(db, [...short, ...usual]);
    await runUpkeep(db, policy, afterHot(D4));
    expect(await readTrack(db, whole(short))).toEqual(asPoints(short));

    // 40 days on, the short-memory company's track is gone; the default 180 days keep the other.
    const report = await runUpkeep(db, policy, D4 + 40 * DAY_MS);
    expect(report.droppedSegmentTables).toBeGreaterThan(0);
    expect(await readTrack(db, whole(short))).toEqual([]);
    expect(await readTrack(db, whole(usual))).toEqual(asPoints(usual));
    // And after the default, that one too, and nothing else of later days.
    const later = truckFixes('013900500007', D4 + 100 * DAY_MS, 10);
    await writeFixes(db, later);
    await runUpkeep(db, policy, D4 + 190 * DAY_MS);
    expect(await readTrack(db, whole(usual))).toEqual([]);
    expect(await readTrack(db, whole(later))).toEqual(asPoints(later));
  });

  it('prunes crossings, acknowledged alerts, finished jobs, photos, appointments and commands past their retention, and nothing else', async () => {
    const now = Date.parse('2031-06-01T00:00:00Z');
    const old = new Date(now - (policy.eventKeepDays + 1) * DAY_MS);
    const recent = new Date(now - 10 * DAY_MS);
    const port = await db.prisma.port.create({
      data: { unlocode: 'CNSHA', name: 'Shanghai', timezone: 'Asia/Shanghai', lat: 30.6, lon: 122 },
    });
    const zone = await db.prisma.zone.create({
      data: {
        portId: port.id,
        code: 'GATE-1',
        name: 'Gate 1',
        kind: 'GATE',
        polygon: [
          [121.9, 30.6],
          [121.91, 30.6],
          [121.91, 30.61],
          [121.9, 30.6],
        ],
        minLat: 30.6,
        minLon: 121.9,
        maxLat: 30.61,
        maxLon: 121.91,
      },
    });
    await db.prisma.geofenceEvent.createMany({
      data: [old, recent].map((at) => ({
        zoneId: zone.id,
        assetKind: 'VEHICLE' as const,
        assetKey: '013900500008',
        transition: 'ENTER' as const,
        at,
        lat: 30.6,
        lon: 121.9,
      })),
    });
    const alert = (acknowledgedAt: Date | null, message: string) => ({
      kind: 'SPEEDING' as const,
      severity: 'WARNING' as const,
      assetKind: 'VEHICLE' as const,
      assetKey: '013900500008',
      raisedAt: old,
      acknowledgedAt,
      message,
    });
    await db.prisma.alert.createMany({
      data: [alert(old, 'old and acknowledged'), alert(null, 'old, nobody has seen it')],
    });
    // Jobs and container events, past the longer retention of records.
    const longAgo = new Date(now - (policy.recordKeepDays + 1) * DAY_MS);
    const org = await db.prisma.organization.create({
      data: { code: 'PRUNE', name: 'Prune Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    const job = (reference: string, status: 'DELIVERED' | 'EN_ROUTE_PICKUP') =>
      db.prisma.dispatchJob.create({
        data: {
          organizationId: org.id,
          reference,
          status,
          pickupZoneId: zone.id,
          dropoffZoneId: zone.id,
          windowStart: longAgo,
          windowEnd: longAgo,
        },
      });
    await job('DONE-LONG-AGO', 'DELIVERED');
    const underWay = await job('STILL-UNDER-WAY', 'EN_ROUTE_PICKUP');
    await db.sql.query(`UPDATE "DispatchJob" SET "updatedAt" = $1`, [longAgo]);
    const container = await db.prisma.container.create({
      data: { number: 'MSCU1234566', isoSizeType: '45G1' },
    });
    const event = (eventType: 'GTIN' | 'DISC') =>
      db.prisma.equipmentEvent.create({
        data: {
          containerId: container.id,
          eventType,
          emptyIndicator: 'LADEN',
          eventAt: longAgo,
          eventCreatedAt: longAgo,
        },
      });
    await event('DISC');
    const latest = await event('GTIN');
    await db.prisma.containerState.create({
      data: {
        containerId: container.id,
        place: 'TERMINAL',
        emptyIndicator: 'LADEN',
        lastEventId: latest.id,
        lastEventType: 'GTIN',
        lastEventAt: longAgo,
      },
    });

    // A terminal's photos and commands, and a truck's gate appointments: old and recent.
    const truck = await db.prisma.vehicle.create({
      data: { organizationId: org.id, plate: '沪D99999' },
    });
    const photo = (receivedAt: Date, mediaId: bigint) => ({
      organizationId: org.id,
      terminalPhone: '013900500008',
      mediaId,
      mediaType: 0,
      format: 0,
      eventCode: 0,
      channelId: 1,
      takenAt: receivedAt,
      sizeBytes: 2,
      data: new Uint8Array([0xff, 0xd8]),
      receivedAt,
    });
    await db.prisma.terminalMedia.createMany({
      data: [photo(longAgo, 1n), photo(recent, 2n)],
    });
    // And the driver's phone's, of a job kept (a job that goes takes its photos with it).
    await db.prisma.deliveryPhoto.createMany({
      data: [longAgo, recent].map((uploadedAt) => ({
        organizationId: org.id,
        dispatchJobId: underWay.id,
        uploadedAt,
        sizeBytes: 2,
        data: new Uint8Array([0xff, 0xd8]),
      })),
    });
    const terminal = await db.prisma.terminal.create({
      data: { portId: port.id, code: 'PRUNE', name: 'Prune terminal' },
    });
    await db.prisma.truckAppointment.createMany({
      data: [longAgo, recent].map((slotStart) => ({
        organizationId: org.id,
        terminalId: terminal.id,
        moveKind: 'EMPTY' as const,
        slotStart,
        vehicleId: truck.id,
      })),
    });
    await db.prisma.terminalCommand.createMany({
      data: [old, recent].map((createdAt) => ({
        organizationId: org.id,
        vehicleId: truck.id,
        terminalPhone: '013900500008',
        kind: 'LOCATE' as const,
        request: { kind: 'LOCATE' },
        createdAt,
      })),
    });

    const report = await runUpkeep(db, policy, now);
    expect(report.pruned).toEqual({
      GeofenceEvent: 1,
      Alert: 1,
      DispatchJob: 1,
      TerminalMedia: 1,
      DeliveryPhoto: 1,
      TruckAppointment: 1,
      TerminalCommand: 1,
      EquipmentEvent: 1,
    });
    expect((await db.prisma.terminalMedia.findMany()).map((m) => m.mediaId)).toEqual([2n]);
    expect((await db.prisma.deliveryPhoto.findMany()).map((p) => p.uploadedAt)).toEqual([recent]);
    expect((await db.prisma.truckAppointment.findMany()).map((a) => a.slotStart)).toEqual([recent]);
    expect((await db.prisma.terminalCommand.findMany()).map((c) => c.createdAt)).toEqual([recent]);
    expect((await db.prisma.dispatchJob.findMany()).map((j) => j.reference)).toEqual([
      'STILL-UNDER-WAY',
    ]);
    // The container's latest event stays while its state refers to it.
    expect((await db.prisma.equipmentEvent.findMany()).map((e) => e.id)).toEqual([latest.id]);
    const events = await db.prisma.geofenceEvent.findMany({
      where: { assetKey: '013900500008' },
    });
    expect(events.map((event) => event.at)).toEqual([recent]);
    const alerts = await db.prisma.alert.findMany({ where: { assetKey: '013900500008' } });
    expect(alerts.map((a) => a.message)).toEqual(['old, nobody has seen it']);
  });

  it('applies a changed track rule to the tracks compacted before it: longer keeps them, shorter lets them go', async () => {
    const D5 = D1 + 400 * DAY_MS;
    const company = (code: string) =>
      db.prisma.organization.create({ data: { code, name: code, kind: 'LOGISTICS_COMPANY' } });
    const [longer, sooner, gone] = [
      await company('LONGER'),
      await company('SOONER'),
      await company('GONE'),
    ];
    await db.prisma.device.createMany({
      data: [
        { organizationId: longer.id, terminalPhone: '013900600001' },
        { organizationId: sooner.id, terminalPhone: '013900600002' },
        { organizationId: gone.id, terminalPhone: '013900600003' },
      ],
    });
    const port = await db.prisma.organization.create({
      data: { code: 'PORTRULES', name: 'Port', kind: 'PORT_AUTHORITY' },
    });
    const portAdmin = {
      id: 'port-admin',
      email: 'admin@port',
      name: 'Port admin',
      role: 'ADMIN' as const,
      locale: 'zh-CN',
      organization: { id: port.id, code: port.code, name: port.name, kind: port.kind },
    };
    const setRule = (organizationId: string, keepDays: number | null) =>
      setTrackRetention({ db, history: policy }, portAdmin, {
        organizationId,
        assetKind: 'VEHICLE',
        keepDays,
      });
    // Compacted while one company keeps 30 days and the others the default 180.
    await setRule(longer.id, 30);
    const kept = truckFixes('013900600001', D5, 100);
    const redated = truckFixes('013900600002', D5, 100);
    const expired = truckFixes('013900600003', D5, 100);
    const bystander = truckFixes('013900600004', D5, 100);
    const ship = shipFixes('413000777', D5, 100);
    await writeFixes(db, [...kept, ...redated, ...expired, ...bystander, ...ship]);
    await runUpkeep(db, policy, afterHot(D5));
    for (const fixes of [kept, redated, expired, bystander])
      expect(await readTrack(db, whole(fixes))).toEqual(asPoints(fixes));

    // The rules change: 30 -> 120 days, 180 -> 60, 180 -> 20 (already over at day 40).
    await setRule(longer.id, 120);
    await setRule(sooner.id, 60);
    await setRule(gone.id, 20);
    const report = await runUpkeep(db, policy, D5 + 40 * DAY_MS);
    expect(report).toMatchObject({ redated: 2, expiredByRule: 1 });
    expect(await readTrack(db, whole(kept))).toEqual(asPoints(kept));
    expect(await readTrack(db, whole(redated))).toEqual(asPoints(redated));
    expect(await readTrack(db, whole(expired))).toEqual([]);
    expect(await db.prisma.trackRetentionChange.count()).toBe(0);

    // Each goes with the week its new rule gives it, and no other track with it.
    await runUpkeep(db, policy, D5 + 70 * DAY_MS);
    expect(await readTrack(db, whole(redated))).toEqual([]);
    expect(await readTrack(db, whole(kept))).toEqual(asPoints(kept));
    await runUpkeep(db, policy, D5 + 130 * DAY_MS);
    expect(await readTrack(db, whole(kept))).toEqual([]);
    expect(await readTrack(db, whole(bystander))).toEqual(asPoints(bystander));

    // Back to the default: applied the same way (nothing left of these to move).
    await setRule(longer.id, null);
    expect(await runUpkeep(db, policy, D5 + 131 * DAY_MS)).toMatchObject({ redated: 0 });
    expect(await db.prisma.trackRetentionChange.count()).toBe(0);

    // Ships follow the port authority's rule: 180 days, then 20, already over.
    expect(await readTrack(db, whole(ship))).toEqual(asPoints(ship));
    await setTrackRetention({ db, history: policy }, portAdmin, {
      organizationId: port.id,
      assetKind: 'VESSEL',
      keepDays: 20,
    });
    expect(await runUpkeep(db, policy, D5 + 132 * DAY_MS)).toMatchObject({ expiredByRule: 1 });
    expect(await readTrack(db, whole(ship))).toEqual([]);
    expect(await readTrack(db, whole(bystander))).toEqual(asPoints(bystander));
  });

  it('compacts beside busy ingest at a tenth of the time, at half otherwise, and at half once a day behind', async () => {
    const A = D1 + 1_000 * DAY_MS;
    // Everything due before these days is compacted first, so each round below has only them.
    await runUpkeep(db, policy, A - 5 * DAY_MS);
    // Each chunk's work takes 10 ms by this clock: what a round rests is all it says.
    let t = 0;
    const rounds = (ingestBusy: number) => {
      const rests: number[] = [];
      const pace = {
        ingestBusy: () => ingestBusy,
        clock: () => (t += 10),
        rest: async (ms: number) => rests.push(ms),
      };
      return { pace, rests };
    };

    const days = [A];
    await writeFixes(db, truckFixes('013900700001', A, 100));
    const idle = rounds(0.2);
    expect(await runUpkeep(db, policy, afterHot(A), idle.pace)).toMatchObject({ fixes: 100 });
    expect(idle.rests).toEqual([10]);

    const B = A + 10 * DAY_MS;
    days.push(B);
    await writeFixes(db, truckFixes('013900700001', B, 100));
    const busy = rounds(0.9);
    expect(await runUpkeep(db, policy, afterHot(B), busy.pace)).toMatchObject({ fixes: 100 });
    expect(busy.rests).toEqual([90]);

    // Two days due at once: the first goes at half whatever ingest does, the last yields again.
    const C = B + 10 * DAY_MS;
    days.push(C, C + DAY_MS);
    await writeFixes(db, truckFixes('013900700001', C, 100));
    await writeFixes(db, truckFixes('013900700001', C + DAY_MS, 100));
    const behind = rounds(0.9);
    expect(await runUpkeep(db, policy, afterHot(C + DAY_MS), behind.pace)).toMatchObject({
      fixes: 200,
    });
    expect(behind.rests).toEqual([10, 90]);
    const track = days.flatMap((day) => truckFixes('013900700001', day, 100));
    expect(await readTrack(db, whole(track))).toEqual(asPoints(track));
  });
});
