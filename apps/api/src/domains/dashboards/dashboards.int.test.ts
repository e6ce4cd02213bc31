import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../../test/fixtures.ts';
import { testContext } from '../../../test/services.ts';
import { createCaller } from '../../runtime/app-router.ts';

const T0 = Date.parse('2026-11-25T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

describe.each(testDbTargets())('dashboards on %s', (target) => {
  let world: World;
  const terminal: Record<string, string> = {};
  /** A caller on the fixed clock T0, for the dwell figures. */
  const as = (user: UserKey) =>
    createCaller(testContext({ db: world.db, user: world.users[user], now: () => new Date(T0) }));

  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date(T0), fleetSize: 0 });
    const p = world.db.prisma;
    for (const t of await p.terminal.findMany()) terminal[t.code] = t.id;
    const berth = (code: string) => p.berth.findFirstOrThrow({ where: { zone: { code } } });
    const vessel = (mmsi: number) => p.vessel.findUniqueOrThrow({ where: { mmsi } });
    const port = await p.port.findFirstOrThrow();
    const visit = async (
      mmsi: number,
      status: 'BERTHED' | 'AT_ANCHOR' | 'DEPARTED',
      zone?: string,
    ) => {
      const b = zone ? await berth(zone) : null;
      await p.vesselVisit.create({
        data: {
          vesselId: (await vessel(mmsi)).id,
          portId: port.id,
          status,
          terminalId: b?.terminalId,
          berthId: b?.id,
          ata: at(-5),
        },
      });
    };
    await visit(351759000, 'BERTHED', 'YSP4-B01');
    await visit(413366120, 'BERTHED', 'YSP4-B03');
    await visit(477333500, 'BERTHED', 'WGQ1-B02');
    await visit(413301550, 'AT_ANCHOR');
    await visit(413301550, 'DEPARTED', 'YSP4-B02');
    await p.vesselVisit.updateMany({
      where: { voyageNumber: '1127W' },
      data: { status: 'APPROACHING' },
    });

    // The yard: four seeded containers, 20 ft CSQU, 40 ft TCNU and TOLU (two slots each) in
    // YSP4-Y01, 40 ft reefer GYOU in WGQ1-Y01.
    const container = async (number: string) =>
      (await p.container.findUniqueOrThrow({ where: { number } })).id;
    const block = async (code: string) =>
      (await p.yardBlock.findFirstOrThrow({ where: { zone: { code } } })).id;
    const ysp4y01 = await block('YSP4-Y01');
    const wgq1y01 = await block('WGQ1-Y01');
    const slots = [
      [ysp4y01, 1, 1, 1, 'CSQU3054383'],
      [ysp4y01, 3, 1, 1, 'TCNU7200794'],
      [ysp4y01, 4, 1, 1, 'TCNU7200794'],
      [ysp4y01, 3, 1, 2, 'TOLU4734787'],
      [ysp4y01, 4, 1, 2, 'TOLU4734787'],
      [wgq1y01, 5, 2, 1, 'GYOU4047990'],
      [wgq1y01, 6, 2, 1, 'GYOU4047990'],
    ] as const;
    for (const [yardBlockId, bay, row, tier, number] of slots)
      await p.yardSlot.create({
        data: { yardBlockId, bay, row, tier, containerId: await container(number) },
      });

    const state = async (
      number: string,
      place: 'TERMINAL' | 'VESSEL',
      code: string,
      arrivedHoursAgo: number,
    ) =>
      p.containerState.create({
        data: {
          containerId: await container(number),
          place,
          emptyIndicator: 'LADEN',
          terminalId: terminal[code],
          yardBlockId: place === 'TERMINAL' ? ysp4y01 : null,
          lastEventId: `event-${number}`,
          lastEventType: 'DISC',
          lastEventAt: at(-arrivedHoursAgo),
          arrivedAt: at(-arrivedHoursAgo),
        },
      });
    await state('CSQU3054383', 'TERMINAL', 'YSP4', 100);
    await state('TCNU7200794', 'TERMINAL', 'YSP4', 80);
    await state('TOLU4734787', 'TERMINAL', 'YSP4', 10);
    await state('GYOU4047990', 'VESSEL', 'YSP4', 200);

    const truck = async (organizationId: string, plate: string) =>
      (
        await p.vehicle.findUniqueOrThrow({
          where: { organizationId_plate: { organizationId, plate } },
        })
      ).id;
    const dhcl = await truck(world.organizations.dhcl.id, '沪D12345');
    const lgft = await truck(world.organizations.lgft.id, '沪E45678');
    const csqu = await container('CSQU3054383');
    const event = (
      eventType: 'GTIN' | 'GTOT' | 'DISC',
      code: string,
      hours: number,
      vehicleId: string | null,
      eventClassifier: 'ACT' | 'EST' = 'ACT',
    ) =>
      p.equipmentEvent.create({
        data: {
          containerId: csqu,
          eventType,
          eventClassifier,
          emptyIndicator: 'LADEN',
          eventAt: at(hours),
          terminalId: terminal[code],
          vehicleId,
        },
      });
    await event('GTIN', 'YSP4', 0.1, dhcl);
    await event('GTIN', 'YSP4', 0.5, lgft);
    await event('GTOT', 'YSP4', 0.9, null);
    await event('GTOT', 'YSP4', 1.2, dhcl);
    await event('GTIN', 'WGQ1', 1.7, dhcl);
    await event('GTIN', 'YSP4', 2.2, dhcl, 'EST');
    await event('DISC', 'YSP4', 2.3, dhcl);
    await event('GTIN', 'YSP4', -0.5, dhcl);
  }, 60_000);
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s sees the vessels in port by visit state', async (user) => {
    const result = await as(user).dashboards.vesselsInPort();
    expect(result.counts).toEqual({
      PLANNED: 2,
      APPROACHING: 1,
      AT_ANCHOR: 1,
      BERTHING: 0,
      BERTHED: 3,
      SHIFTING: 0,
    });
    expect(result.visits.map((v) => v.status)).toEqual([
      'BERTHED',
      'BERTHED',
      'BERTHED',
      'AT_ANCHOR',
      'APPROACHING',
    ]);
  });

  it.each(ALL_USERS)('%s sees the berth occupancy per terminal', async (user) => {
    const rows = await as(user).dashboards.berthOccupancy();
    expect(rows.map((r) => [r.terminalCode, r.occupied, r.berths])).toEqual([
      ['WGQ1', 1, 3],
      ['WGQ4', 0, 4],
      ['WGQ5', 0, 4],
      ['YSP1', 0, 5],
      ['YSP2', 0, 4],
      ['YSP3', 0, 7],
      ['YSP4', 2, 7],
    ]);
    expect(rows[6]?.ratio).toBeCloseTo(2 / 7, 10);
  });

  it.each(ALL_USERS)('%s sees the yard utilisation per terminal and block', async (user) => {
    const rows = await as(user).dashboards.yardUtilisation();
    const ysp4 = rows.find((r) => r.terminalCode === 'YSP4');
    expect(ysp4).toMatchObject({
      capacitySlots: 8 * 40 * 10 * 5,
      occupiedSlots: 5,
      containers: 3,
      teu: 5,
    });
    expect(ysp4?.blocks[0]).toMatchObject({
      code: 'Y01',
      capacitySlots: 2000,
      occupiedSlots: 5,
      containers: 3,
      teu: 5,
      ratio: 5 / 2000,
    });
    expect(ysp4?.blocks[1]).toMatchObject({ code: 'Y02', occupiedSlots: 0, teu: 0, ratio: 0 });
    const wgq1 = rows.find((r) => r.terminalCode === 'WGQ1');
    expect(wgq1).toMatchObject({
      capacitySlots: 4 * 36 * 6 * 5,
      occupiedSlots: 2,
      containers: 1,
      teu: 2,
    });
    expect(rows).toHaveLength(7);
  });

  const window = { from: at(0).toISOString(), to: at(3).toISOString() };
  const hourly = (
    rows: Awaited<ReturnType<ReturnType<typeof as>['dashboards']['gateMoves']>>,
    code: string,
  ) => rows.find((r) => r.terminalCode === code)?.hours.map((h) => [h.gateIn, h.gateOut]);

  it('port staff count every actual gate move per terminal and hour', async () => {
    for (const user of ['portAdmin', 'portOperator', 'portViewer'] as const) {
      const rows = await as(user).dashboards.gateMoves(window);
      expect(hourly(rows, 'YSP4')).toEqual([
        [2, 1],
        [0, 1],
        [0, 0],
      ]);
      expect(hourly(rows, 'WGQ1')).toEqual([
        [0, 0],
        [1, 0],
        [0, 0],
      ]);
      expect(rows.find((r) => r.terminalCode === 'YSP4')).toMatchObject({ gateIn: 2, gateOut: 2 });
      expect(rows[0]?.hours[0]?.hour).toBe(at(0).toISOString());
    }
  });

  it.each(['dhclAdmin', 'dhclDispatcher', 'dhclViewer'] as const)(
    '%s counts only DHCL trucks',
    async (user) => {
      const rows = await as(user).dashboards.gateMoves(window);
      expect(hourly(rows, 'YSP4')).toEqual([
        [1, 0],
        [0, 1],
        [0, 0],
      ]);
      expect(hourly(rows, 'WGQ1')).toEqual([
        [0, 0],
        [1, 0],
        [0, 0],
      ]);
    },
  );

  it.each(['lgftDispatcher', 'lgftViewer'] as const)(
    '%s counts only LGFT trucks, and filters a terminal',
    async (user) => {
      const rows = await as(user).dashboards.gateMoves({ ...window, terminalId: terminal.YSP4 });
      expect(rows.map((r) => r.terminalCode)).toEqual(['YSP4']);
      expect(hourly(rows, 'YSP4')).toEqual([
        [1, 0],
        [0, 0],
        [0, 0],
      ]);
    },
  );

  it.each(ALL_USERS)('%s sees the containers over the dwell limit it may see', async (user) => {
    const result = await as(user).dashboards.dwell({ limitHours: 72 });
    const top = result.top.map((c) => [
      c.containerNumber,
      c.terminalCode,
      c.yardBlockCode,
      c.dwellHours,
    ]);
    if (world.users[user].organization.kind === 'PORT_AUTHORITY') {
      expect(result.count).toBe(2);
      expect(top).toEqual([
        ['CSQU3054383', 'YSP4', 'Y01', 100],
        ['TCNU7200794', 'YSP4', 'Y01', 80],
      ]);
    } else {
      // Both companies' trucks moved CSQU3054383; nobody's moved TCNU7200794.
      expect(result.count).toBe(1);
      expect(top).toEqual([['CSQU3054383', 'YSP4', 'Y01', 100]]);
    }
  });

  it('dwell: top N, one terminal, and a shorter limit', async () => {
    const caller = as('portOperator');
    expect((await caller.dashboards.dwell({ limitHours: 72, top: 1 })).top).toHaveLength(1);
    expect(
      (await caller.dashboards.dwell({ limitHours: 72, terminalId: terminal.WGQ1 })).count,
    ).toBe(0);
    expect((await caller.dashboards.dwell({ limitHours: 8 })).count).toBe(3);
  });

  it('refuses anonymous callers and bad windows', async () => {
    await expectTrpcError(world.as(null).dashboards.vesselsInPort(), 'UNAUTHORIZED');
    await expectTrpcError(world.as(null).dashboards.gateMoves(window), 'UNAUTHORIZED');
    await expectFieldError(
      as('portAdmin').dashboards.gateMoves({ from: window.to, to: window.from }),
      'to',
    );
    await expectFieldError(
      as('portAdmin').dashboards.gateMoves({ from: window.from, to: at(24 * 8).toISOString() }),
      'to',
    );
    await expectFieldError(as('portAdmin').dashboards.dwell({ limitHours: -1 }), 'limitHours');
  });
});
