import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';

const T0 = Date.parse('2026-11-25T00:00:00Z');
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

// WGQ1 (Waigaoqiao phase I): three berths of 372 m with 12.5 m of water (seeded from the quay line).
describe.each(testDbTargets())('berth plan on %s', (target) => {
  let world: World;
  let terminalId: string;
  const visit: Record<string, string> = {};
  const berthIds: string[] = [];
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date(T0), fleetSize: 0 });
    const berths = await world.db.prisma.berth.findMany({
      where: { terminal: { code: 'WGQ1' } },
      orderBy: { code: 'asc' },
    });
    terminalId = berths[0]?.terminalId ?? '';
    berthIds.push(...berths.map((berth) => berth.id));
    const [b01, b02, b03] = berthIds;
    const plan = async (
      key: string,
      mmsi: number,
      berthId: string | undefined,
      eta: number,
      etd: number,
    ) => {
      visit[key] = (
        await world.as('portOperator').visits.create({
          vessel: { mmsi },
          terminalId,
          berthId,
          voyageNumber: key,
          eta: hours(eta),
          etd: hours(etd),
        })
      ).id;
    };
    await plan('diadem', 351759000, b01, 24, 44); // 295 m, 12.2 m: fits
    await plan('tug', 413366120, b01, 42, 54); // overlaps the Diadem 42 h..44 h
    await plan('oocl', 477333500, b02, 30, 50); // 399.9 m, 16 m: too long and too deep
    await plan('later', 413301550, b03, 200, 210); // outside the range
    await plan('after', 413301550, b01, 54, 60); // starts as the tug leaves: no overlap
  }, 60_000);
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s sees the plan per berth with its conflicts', async (user) => {
    const plan = await world
      .as(user)
      .visits.berthPlan({ terminalId, from: hours(24), to: hours(72) });
    expect(plan.berths.map((berth) => [berth.code, berth.lengthM, berth.depthM])).toEqual([
      ['B01', 372, 12.5],
      ['B02', 372, 12.5],
      ['B03', 372, 12.5],
    ]);
    const summary = plan.berths.map((berth) =>
      berth.visits.map((v) => [
        v.voyageNumber,
        v.conflicts.map((c) => `${c.kind}${c.otherVisitId ? ` ${c.otherVisitId}` : ''}`),
      ]),
    );
    expect(summary).toEqual([
      [
        ['diadem', [`OVERLAP ${visit.tug}`]],
        ['tug', [`OVERLAP ${visit.diadem}`]],
        ['after', []],
      ],
      [['oocl', ['TOO_LONG', 'TOO_DEEP']]],
      [],
    ]);
    expect(plan.conflictCount).toBe(4);
    expect(plan.berths[1]?.visits[0]).toMatchObject({
      windowStart: hours(30),
      windowEnd: hours(50),
      isActual: false,
    });
  });

  it('uses the actual times once a vessel is berthed', async () => {
    await world.db.prisma.vesselVisit.update({
      where: { id: visit.tug },
      data: { status: 'DEPARTED', ata: new Date(hours(45)), atd: new Date(hours(53)) },
    });
    const plan = await world
      .as('portViewer')
      .visits.berthPlan({ terminalId, from: hours(24), to: hours(72) });
    const tug = plan.berths[0]?.visits.find((v) => v.id === visit.tug);
    expect(tug).toMatchObject({
      windowStart: hours(45),
      windowEnd: hours(53),
      isActual: true,
      conflicts: [],
    });
    expect(plan.conflictCount).toBe(2);
  });

  it('places a berthed vessel at the berth it took, not the one planned', async () => {
    // The OOCL vessel, planned at B02, berths at B03 (as the visit tracker records it).
    await world.db.prisma.vesselVisit.update({
      where: { id: visit.oocl },
      data: { status: 'BERTHED', ata: new Date(hours(31)), berthId: berthIds[2] },
    });
    const plan = await world
      .as('portViewer')
      .visits.berthPlan({ terminalId, from: hours(24), to: hours(72) });
    expect(plan.berths.map((berth) => berth.visits.map((v) => v.voyageNumber))).toEqual([
      ['diadem', 'tug', 'after'],
      [],
      ['oocl'],
    ]);
    expect(plan.berths[2]?.visits[0]).toMatchObject({
      plannedBerthCode: 'B02',
      actualBerthCode: 'B03',
      isBerthChanged: true,
      windowStart: hours(31),
      isActual: true,
    });
    // A visit still to come sits at its plan, whatever its berthId says.
    await world.db.prisma.vesselVisit.update({
      where: { id: visit.diadem },
      data: { berthId: berthIds[2] },
    });
    const again = await world
      .as('portViewer')
      .visits.berthPlan({ terminalId, from: hours(24), to: hours(72) });
    expect(again.berths[0]?.visits.map((v) => v.voyageNumber)).toEqual(['diadem', 'tug', 'after']);
  });

  it('refuses an unknown terminal, an empty or too long range, anonymous callers', async () => {
    const viewer = world.as('lgftViewer');
    await expectTrpcError(
      viewer.visits.berthPlan({
        terminalId: '00000000-0000-4000-8000-000000000000',
        from: hours(0),
        to: hours(1),
      }),
      'NOT_FOUND',
    );
    await expectFieldError(
      viewer.visits.berthPlan({ terminalId, from: hours(5), to: hours(1) }),
      'to',
    );
    await expectFieldError(
      viewer.visits.berthPlan({ terminalId, from: hours(0), to: hours(24 * 40) }),
      'to',
    );
    await expectTrpcError(
      world.as(null).visits.berthPlan({ terminalId, from: hours(0), to: hours(1) }),
      'UNAUTHORIZED',
    );
  });
});
