import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';

const T0 = Date.parse('2026-11-25T00:00:00Z');
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

// WGQ1: three berths of 372 m with 12.5 m of water; YSP4 is another terminal.
describe.each(testDbTargets())('visits.replan on %s', (target) => {
  let world: World;
  let terminalId: string;
  const berthIds: string[] = [];
  const plan = async (mmsi: number, berthId: string, eta: number, etd: number) =>
    (
      await world.as('portOperator').visits.create({
        vessel: { mmsi },
        terminalId,
        berthId,
        eta: hours(eta),
        etd: hours(etd),
      })
    ).id;
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date(T0), fleetSize: 0 });
    const berths = await world.db.prisma.berth.findMany({
      where: { terminal: { code: 'WGQ1' } },
      orderBy: { code: 'asc' },
    });
    terminalId = berths[0]?.terminalId ?? '';
    berthIds.push(...berths.map((berth) => berth.id));
  }, 60_000);
  afterAll(() => world.db.drop());

  it('moves a planned visit to another berth and stay, with the conflicts found there', async () => {
    const [b01, b02] = berthIds as [string, string];
    const diadem = await plan(351759000, b01, 24, 44); // 295 m, 12.2 m: fits
    const oocl = await plan(477333500, b02, 100, 120); // 399.9 m, 16 m: too long, too deep
    const moved = await world.as('portOperator').visits.replan({
      id: diadem,
      berthId: b02,
      eta: hours(110),
      etd: hours(130),
    });
    expect(moved.visit).toMatchObject({
      plannedBerthCode: 'B02',
      berthCode: 'B02',
      eta: hours(110),
      etd: hours(130),
    });
    expect(moved.conflicts).toEqual([
      { kind: 'OVERLAP', otherVisitId: oocl, message: expect.any(String) },
    ]);
    const clear = await world
      .as('portAdmin')
      .visits.replan({ id: diadem, berthId: b01, eta: hours(24), etd: hours(44) });
    expect(clear.conflicts).toEqual([]);
    // The plan shows the move.
    const shown = await world
      .as('portViewer')
      .visits.berthPlan({ terminalId, from: hours(0), to: hours(72) });
    expect(shown.berths[0]?.visits.map((visit) => visit.id)).toContain(diadem);
  });

  it('follows the berth to another terminal', async () => {
    const [b01] = berthIds as [string];
    const id = await plan(353136000, b01, 300, 310);
    const ysp4 = await world.db.prisma.berth.findFirstOrThrow({
      where: { terminal: { code: 'YSP4' } },
    });
    const moved = await world
      .as('portOperator')
      .visits.replan({ id, berthId: ysp4.id, eta: hours(300), etd: hours(310) });
    expect(moved.visit).toMatchObject({ terminalCode: 'YSP4', plannedBerthId: ysp4.id });
  });

  it('leaves closed visits and vessels at their berth where they are', async () => {
    const [b01, b03] = berthIds as [string, string, string];
    const id = await plan(228386800, b01, 400, 420);
    const move = () =>
      world
        .as('portOperator')
        .visits.replan({ id, berthId: b03, eta: hours(401), etd: hours(421) });
    await world.db.prisma.vesselVisit.update({ where: { id }, data: { status: 'BERTHED' } });
    await expectTrpcError(move(), 'CONFLICT');
    await world.db.prisma.vesselVisit.update({ where: { id }, data: { status: 'DEPARTED' } });
    await expectTrpcError(move(), 'CONFLICT');
    await world.db.prisma.vesselVisit.update({ where: { id }, data: { status: 'CANCELLED' } });
    await expectTrpcError(move(), 'CONFLICT');
  });

  it('is for port authority planners only, and checks its input', async () => {
    const [b01, b02] = berthIds as [string, string];
    const id = await plan(477266900, b01, 500, 510);
    const input = { id, berthId: b02, eta: hours(501), etd: hours(511) };
    for (const user of ['portViewer', 'dhclAdmin', 'lgftDispatcher'] as const)
      await expectTrpcError(world.as(user).visits.replan(input), 'FORBIDDEN');
    await expectTrpcError(world.as(null).visits.replan(input), 'UNAUTHORIZED');
    await expectFieldError(
      world.as('portOperator').visits.replan({ ...input, etd: hours(500) }),
      'etd',
    );
    await expectFieldError(
      world
        .as('portOperator')
        .visits.replan({ ...input, berthId: '00000000-0000-4000-8000-000000000000' }),
      'berthId',
    );
    const unchanged = await world.as('portViewer').visits.get({ id });
    expect(unchanged).toMatchObject({ plannedBerthId: b01, eta: hours(500) });
  });

  it('lists one vessel’s calls', async () => {
    const vessel = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266900 } });
    const page = await world.as('dhclViewer').visits.list({ vesselId: vessel.id, limit: 50 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((visit) => visit.vessel.id === vessel.id)).toBe(true);
  });
});
