import {
  AlertRuleParamsSchema,
  demoFleet,
  distanceM,
  FairwayNetworkSchema,
  isValidContainerNumber,
  isValidImo,
} from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/password-hash.ts';
import {
  CREW_SHIFT_DAYS,
  crewDriver,
  DEMO_PASSWORD,
  idCheckCharacter,
} from '../src/seed/demo-data.ts';
import { type Polygon, signedArea } from '../src/seed/geometry.ts';
import { seed } from '../src/seed/seed.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

const NOW = new Date('2026-11-25T00:00:00Z');

type Zone = {
  kind: string;
  polygon: unknown;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
};

function outerRing(zone: Zone): [number, number][] {
  return ((zone.polygon as Polygon).coordinates[0] ?? []).slice(0, -1);
}

function centre(zone: Zone): [number, number] {
  const ring = outerRing(zone);
  const sum = ring.reduce(([x, y], [lon, lat]) => [x + lon, y + lat], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}

/** Ray casting over the outer ring; a point on the edge may fall either way. */
function contains(zone: Zone, [x, y]: readonly [number, number]): boolean {
  const ring = outerRing(zone);
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// Where each part of the port is: Yangshan on the Xiaoyangshan islands, Waigaoqiao on the
// Yangtze's south bank, Luchaogang/Lingang at the mainland end of the Donghai Bridge.
const AREAS = {
  YSP: { minLat: 30.6, maxLat: 30.66, minLon: 121.99, maxLon: 122.1 },
  WGQ: { minLat: 31.33, maxLat: 31.38, minLon: 121.57, maxLon: 121.65 },
} as const;

describe.each(testDbTargets())('the Port of Shanghai seed on %s', (target) => {
  let db: TestDb;
  let first: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    db = await createTestDb(target);
    first = await seed(db, { now: NOW });
  });
  afterAll(() => db.drop());

  it('seeds the port, and a second run changes nothing', async () => {
    expect(first).toMatchObject({
      organizations: 4,
      users: 8,
      terminals: 7,
      vessels: 7,
      containers: 4,
    });
    expect(first.berths).toBeGreaterThanOrEqual(30);
    expect(first.yardBlocks).toBeGreaterThanOrEqual(30);
    const zoneIds = (await db.prisma.zone.findMany({ orderBy: { code: 'asc' } })).map(
      (zone) => zone.id,
    );
    const users = await db.prisma.user.findMany({ orderBy: { email: 'asc' } });

    expect(await seed(db, { now: new Date(NOW.getTime() + 86_400_000) })).toEqual(first);
    expect(
      (await db.prisma.zone.findMany({ orderBy: { code: 'asc' } })).map((zone) => zone.id),
    ).toEqual(zoneIds);
    expect(await db.prisma.user.findMany({ orderBy: { email: 'asc' } })).toEqual(users);
  });

  it("labels each terminal with its code in SMDG's terminal code list (shanghai.ts names the source)", async () => {
    const terminals = await db.prisma.terminal.findMany({ orderBy: { code: 'asc' } });
    expect(
      Object.fromEntries(terminals.map((terminal) => [terminal.code, terminal.smdgCode])),
    ).toEqual({
      WGQ1: 'SPICT',
      WGQ4: 'SECT',
      WGQ5: 'SMCT',
      YSP1: 'SHENG',
      YSP2: 'SHENG',
      YSP3: 'SGICT',
      YSP4: 'SIPGSD',
    });
  });

  it('stores closed counter-clockwise rings whose bounding boxes match the columns', async () => {
    for (const zone of await db.prisma.zone.findMany()) {
      const polygon = zone.polygon as Polygon;
      const ring = polygon.coordinates[0] ?? [];
      expect(polygon.type).toBe('Polygon');
      expect(ring.length).toBeGreaterThanOrEqual(5);
      expect(ring.at(0)).toEqual(ring.at(-1));
      expect(signedArea(ring.slice(0, -1))).toBeGreaterThan(0);
      expect(zone.minLon).toBe(Math.min(...ring.map((p) => p[0])));
      expect(zone.maxLat).toBe(Math.max(...ring.map((p) => p[1])));
    }
  });

  it('places every terminal zone inside its part of the port', async () => {
    const zones = await db.prisma.zone.findMany({
      where: { terminalId: { not: null } },
      include: { terminal: true },
    });
    expect(zones.length).toBeGreaterThan(60);
    for (const zone of zones) {
      const area = AREAS[(zone.terminal?.code.slice(0, 3) ?? '') as keyof typeof AREAS];
      expect(area, zone.code).toBeDefined();
      expect(zone.minLat, zone.code).toBeGreaterThanOrEqual(area.minLat);
      expect(zone.maxLat, zone.code).toBeLessThanOrEqual(area.maxLat);
      expect(zone.minLon, zone.code).toBeGreaterThanOrEqual(area.minLon);
      expect(zone.maxLon, zone.code).toBeLessThanOrEqual(area.maxLon);
    }
    const gate = await db.prisma.zone.findFirstOrThrow({ where: { code: 'DHB-GATE' } });
    expect([gate.kind, Math.round(gate.minLat * 100) / 100]).toEqual(['GATE', 30.87]);
    const kinds = new Set((await db.prisma.zone.findMany()).map((zone) => zone.kind));
    expect([...kinds].sort()).toEqual(
      [
        'ANCHORAGE',
        'APPROACH',
        'BERTH',
        'DEPOT',
        'FAIRWAY',
        'GATE',
        'GATE_APPROACH',
        'PILOT_BOARDING',
        'RESTRICTED_AREA',
        'WAREHOUSE',
        'YARD_BLOCK',
      ].sort(),
    );
  });

  it('gives each part of the port an approach holding its pilot boarding ground and anchorage, clear of the quays', async () => {
    const zones = await db.prisma.zone.findMany();
    const byCode = (code: string) => zones.find((zone) => zone.code === code) as Zone;
    for (const [approach, pilot, anchorage] of [
      ['YS-APPROACH', 'YS-PILOT', 'YS-ANCH-E'],
      ['WGQ-APPROACH', 'WGQ-PILOT', 'WS-ANCH'],
    ] as const) {
      expect(byCode(approach).kind).toBe('APPROACH');
      expect(byCode(pilot).kind).toBe('PILOT_BOARDING');
      for (const point of [...outerRing(byCode(pilot)), ...outerRing(byCode(anchorage))])
        expect(contains(byCode(approach), point), `${approach} ${point}`).toBe(true);
      // A boarding ground is small; an approach is tens of kilometres, not the whole bay.
      expect(byCode(pilot).maxLat - byCode(pilot).minLat).toBeLessThan(0.02);
      expect(byCode(approach).maxLon - byCode(approach).minLon).toBeLessThan(1);
    }
    for (const berth of zones.filter((zone) => zone.kind === 'BERTH'))
      for (const point of outerRing(berth))
        for (const approach of ['YS-APPROACH', 'WGQ-APPROACH'])
          expect(contains(byCode(approach), point), berth.code).toBe(false);
  });

  it('stores the fairway network: entries through the pilot boarding ground to every terminal, anchorages joined', async () => {
    const port = await db.prisma.port.findUniqueOrThrow({ where: { unlocode: 'CNSHA' } });
    const fairway = FairwayNetworkSchema.parse(port.fairway);
    const zones = await db.prisma.zone.findMany();
    const byCode = (code: string) => zones.find((zone) => zone.code === code) as Zone;
    const node = (id: string) => fairway.nodes.find((n) => n.id === id);
    const neighbours = new Map<string, string[]>();
    for (const [a, b] of fairway.legs) {
      neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
      neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
    }
    /** Whether `to` can be reached from `from` without passing `avoid`. */
    const reaches = (from: string, to: string, avoid?: string) => {
      const seen = new Set([from]);
      const queue = [from];
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (id === to) return true;
        for (const next of neighbours.get(id) ?? [])
          if (next !== avoid && !seen.has(next)) seen.add(next) && queue.push(next);
      }
      return false;
    };
    const terminals = await db.prisma.terminal.findMany({
      include: { berths: { include: { zone: true } } },
    });
    for (const terminal of terminals) {
      const turning = node(terminal.code);
      expect(turning, terminal.code).toBeDefined();
      // In the water off the quay: 400-1,500 m from the nearest of its berths.
      const nearest = Math.min(
        ...terminal.berths.map((berth) =>
          distanceM([turning?.lon ?? 0, turning?.lat ?? 0], centre(berth.zone)),
        ),
      );
      expect(nearest, terminal.code).toBeGreaterThan(400);
      expect(nearest, terminal.code).toBeLessThan(1_500);
    }
    for (const [pilot, entries, anchorage, quays] of [
      ['YS-PILOT', ['YS-SEA-E', 'YS-SEA-S'], 'YS-ANCH-E', ['YSP1', 'YSP2', 'YSP3', 'YSP4']],
      ['WGQ-PILOT', ['WGQ-SEA-SE', 'WGQ-SEA-E'], 'WS-ANCH', ['WGQ1', 'WGQ4', 'WGQ5']],
    ] as const) {
      const boarding = fairway.nodes.filter((n) => contains(byCode(pilot), [n.lon, n.lat]));
      expect(boarding.map((n) => n.id)).toEqual([pilot]);
      const anchored = fairway.nodes.filter((n) => contains(byCode(anchorage), [n.lon, n.lat]));
      expect(anchored.map((n) => n.id)).toEqual([anchorage]);
      for (const terminal of quays) {
        expect(reaches(anchorage, terminal)).toBe(true);
        for (const entry of entries) {
          expect(reaches(entry, terminal), `${entry} -> ${terminal}`).toBe(true);
          // Every way in from the sea passes the boarding ground.
          expect(reaches(entry, terminal, pilot), `${entry} -> ${terminal}`).toBe(false);
        }
      }
    }
    expect(reaches('YS-PILOT', 'WGQ-PILOT')).toBe(false);
    // Yangshan's channel nodes lie in the deep-water channel zone.
    for (const id of ['YS-CH-E', 'YS-CH-W'])
      expect(contains(byCode('YS-FAIRWAY'), [node(id)?.lon ?? 0, node(id)?.lat ?? 0]), id).toBe(
        true,
      );
  });

  it('lays each berth along its quay with the terminal depth, and yard blocks with their stacks', async () => {
    const berths = await db.prisma.berth.findMany({ include: { terminal: true } });
    for (const berth of berths) {
      expect(berth.lengthM).toBeGreaterThan(250);
      expect(berth.lengthM).toBeLessThan(420);
      expect(berth.depthM).toBeGreaterThanOrEqual(
        berth.terminal.code.startsWith('YSP') ? 16 : 12.5,
      );
    }
    const automated = await db.prisma.yardBlock.findMany({ where: { terminal: { code: 'YSP4' } } });
    expect(automated.every((block) => block.rows === 10 && block.tiers === 5)).toBe(true);
  });

  it('has valid identities: IMO check digits, ISO 6346 numbers, an account of every role', async () => {
    for (const vessel of await db.prisma.vessel.findMany()) {
      expect(String(vessel.mmsi)).toMatch(/^\d{9}$/);
      if (vessel.imo !== null) expect(isValidImo(vessel.imo), String(vessel.imo)).toBe(true);
    }
    for (const container of await db.prisma.container.findMany()) {
      expect(isValidContainerNumber(container.number), container.number).toBe(true);
    }
    const roles = new Set((await db.prisma.user.findMany()).map((user) => user.role));
    expect([...roles].sort()).toEqual(['ADMIN', 'DISPATCHER', 'PORT_OPERATOR', 'VIEWER']);
    const operator = await db.prisma.user.findUniqueOrThrow({
      where: { email: 'operator@port.harbor.local' },
    });
    expect(await verifyPassword(operator.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('starts every organization that watches assets with alert rules whose settings validate', async () => {
    const rules = await db.prisma.alertRule.findMany({ include: { organization: true } });
    expect(new Set(rules.map((rule) => rule.organization.code))).toEqual(
      new Set(['SHPA', 'DHCL', 'LGFT']),
    );
    for (const rule of rules) {
      const parsed = AlertRuleParamsSchema.safeParse({ kind: rule.kind, params: rule.params });
      expect(parsed.success, rule.name).toBe(true);
    }
  });

  it('gives each logistics company its own trucks, drivers, and the demo fleet with JT/T 808 terminals', async () => {
    const fleet = demoFleet();
    for (const code of ['DHCL', 'LGFT'] as const) {
      const organization = await db.prisma.organization.findUniqueOrThrow({
        where: { code },
        include: { vehicles: true, drivers: true, devices: { include: { vehicle: true } } },
      });
      const demo = fleet.filter((truck) => truck.organization === code);
      expect(organization.vehicles.length).toBe(3 + demo.length);
      // Three named drivers, and a day and a night driver for each truck of the demo fleet.
      expect(organization.drivers.length).toBe(3 + 2 * demo.length);
      expect(organization.devices.length).toBe(1 + demo.length);
      for (const device of organization.devices) {
        expect(device.terminalPhone).toMatch(/^\d{12}$/);
        expect(device.vehicle?.organizationId).toBe(organization.id);
      }
      expect(organization.devices.map((device) => device.terminalPhone)).toEqual(
        expect.arrayContaining(demo.map((truck) => truck.terminalPhone)),
      );
    }
    const visits = await db.prisma.vesselVisit.findMany({ include: { berth: true } });
    expect(
      visits.every((visit) => visit.eta !== null && visit.eta > NOW && visit.berth !== null),
    ).toBe(true);
  });

  it('crews every demo truck: exactly one shift covers any instant of the seeded fortnight', async () => {
    const fleet = demoFleet();
    const trucks = await db.prisma.vehicle.findMany({
      where: { plate: { in: fleet.map((truck) => truck.plate) } },
      include: { shifts: { orderBy: { startsAt: 'asc' } }, drivers: true },
    });
    expect(trucks.length).toBe(fleet.length);
    const hour = 3_600_000;
    for (const truck of trucks) {
      expect(truck.drivers.length).toBe(2);
      expect(new Set(truck.shifts.map((shift) => shift.driverId)).size).toBe(2);
      expect(truck.shifts.length).toBe(1 + 2 * CREW_SHIFT_DAYS);
      for (const shift of truck.shifts) {
        expect(shift.organizationId).toBe(truck.organizationId);
        expect(shift.endsAt.getTime() - shift.startsAt.getTime()).toBe(12 * hour);
      }
      // Back to back: no gap, no overlap; the first starts before the seed's clock.
      for (const [i, shift] of truck.shifts.entries()) {
        const next = truck.shifts[i + 1];
        if (next) expect(next.startsAt).toEqual(shift.endsAt);
      }
      expect(truck.shifts[0]?.startsAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(truck.shifts.at(-1)?.endsAt.getTime()).toBeGreaterThan(
        NOW.getTime() + (CREW_SHIFT_DAYS - 1) * 24 * hour,
      );
    }
    // 08:00 and 20:00 in Shanghai (UTC+8) are 00:00 and 12:00 UTC.
    const hours = new Set(
      trucks.flatMap((truck) => truck.shifts.map((shift) => shift.startsAt.getUTCHours())),
    );
    expect(hours).toEqual(new Set([0, 12]));
  });

  it('gives crew members distinct names, phones and valid citizen-ID licence numbers', async () => {
    // The example of GB 11643-1999 itself: 11010519491231002X.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
    const crew = Array.from({ length: 2_000 }, (_, k) => crewDriver(k));
    expect(new Set(crew.map((driver) => driver.phone)).size).toBe(crew.length);
    expect(new Set(crew.map((driver) => driver.licenseNumber)).size).toBe(crew.length);
    for (const driver of crew) {
      expect(driver.phone).toMatch(/^1[358]\d{9}$/);
      expect(driver.licenseNumber).toMatch(/^\d{17}[\dX]$/);
      expect(idCheckCharacter(driver.licenseNumber.slice(0, 17))).toBe(driver.licenseNumber[17]);
    }
    const seeded = await db.prisma.driver.findMany({ where: { licenseNumber: { not: null } } });
    expect(new Set(seeded.map((driver) => driver.licenseNumber)).size).toBe(seeded.length);
  });
});
