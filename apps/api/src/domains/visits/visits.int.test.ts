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

const WRITERS: UserKey[] = ['portAdmin', 'portOperator'];
const T0 = Date.parse('2026-11-25T00:00:00Z');
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(testDbTargets())('vessel visits on %s', (target) => {
  let world: World;
  const ids = { ysp4: '', wgq1: '', ysp4b01: '', ysp4b02: '', wgq1b01: '', wgq1b02: '' };
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date(T0), fleetSize: 0 });
    const berth = (zone: string) =>
      world.db.prisma.berth.findFirstOrThrow({ where: { zone: { code: zone } } });
    ids.ysp4 = (await berth('YSP4-B01')).terminalId;
    ids.wgq1 = (await berth('WGQ1-B01')).terminalId;
    ids.ysp4b01 = (await berth('YSP4-B01')).id;
    ids.ysp4b02 = (await berth('YSP4-B02')).id;
    ids.wgq1b01 = (await berth('WGQ1-B01')).id;
    ids.wgq1b02 = (await berth('WGQ1-B02')).id;
  }, 60_000);
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s lists the planned visits, by ETA', async (user) => {
    const page = await world.as(user).visits.list({});
    expect(page.items.map((v) => v.voyageNumber)).toEqual(['045E', '1127W', '0FLBVW1']);
    expect(page.items[0]).toMatchObject({
      status: 'PLANNED',
      terminalCode: 'YSP4',
      berthCode: 'B01',
      eta: hours(6),
      etd: hours(36),
      vessel: { mmsi: 477266900, name: 'COSCO SHIPPING UNIVERSE', aisEta: null },
    });
  });

  it('refuses anonymous callers', async () => {
    await expectTrpcError(world.as(null).visits.list({}), 'UNAUTHORIZED');
    await expectTrpcError(
      world.as(null).visits.berthPlan({ terminalId: ids.ysp4, from: hours(0), to: hours(1) }),
      'UNAUTHORIZED',
    );
  });

  it('filters by status, terminal and time window', async () => {
    const viewer = world.as('dhclViewer');
    const voyages = async (input: Parameters<typeof viewer.visits.list>[0]) =>
      (await viewer.visits.list(input)).items.map((v) => v.voyageNumber);
    expect(await voyages({ terminalId: ids.ysp4 })).toEqual(['045E']);
    expect(await voyages({ statuses: ['BERTHED'] })).toEqual([]);
    // 045E stays 6 h..36 h, 1127W 20 h..46 h, 0FLBVW1 30 h..58 h.
    expect(await voyages({ from: hours(0), to: hours(10) })).toEqual(['045E']);
    expect(await voyages({ from: hours(40), to: hours(50) })).toEqual(['1127W', '0FLBVW1']);
  });

  it.each(ALL_USERS)('create as %s: port authority admins and operators only', async (user) => {
    const call = world.as(user).visits.create({
      vessel: { mmsi: 351759000 },
      terminalId: ids.ysp4,
      berthId: ids.ysp4b02,
      voyageNumber: `V-${user}`,
      eta: hours(100),
      etd: hours(120),
    });
    if (WRITERS.includes(user)) {
      expect(await call).toMatchObject({
        status: 'PLANNED',
        vessel: { name: 'EVER DIADEM' },
        terminalCode: 'YSP4',
        berthCode: 'B02',
        plannedBerthId: ids.ysp4b02,
        plannedBerthCode: 'B02',
        actualBerthId: null,
        actualBerthCode: null,
        isBerthChanged: false,
        eta: hours(100),
      });
    } else {
      await expectTrpcError(call, 'FORBIDDEN');
      expect(
        await world.db.prisma.vesselVisit.count({ where: { voyageNumber: `V-${user}` } }),
      ).toBe(0);
    }
  });

  it('names the vessel by id, MMSI or IMO, and refuses bad input field by field', async () => {
    const operator = world.as('portOperator');
    const byImo = await operator.visits.create({ vessel: { imo: 9811000 }, terminalId: ids.wgq1 });
    expect(byImo.vessel.mmsi).toBe(353136000);
    const byId = await operator.visits.create({
      vessel: { id: byImo.vessel.id },
      terminalId: ids.wgq1,
    });
    expect(byId.vessel.mmsi).toBe(353136000);
    await expectTrpcError(
      operator.visits.create({ vessel: { mmsi: 412000999 }, terminalId: ids.wgq1 }),
      'NOT_FOUND',
    );
    await expectFieldError(
      operator.visits.create({
        vessel: { mmsi: 353136000 },
        terminalId: ids.wgq1,
        berthId: ids.ysp4b01,
      }),
      'berthId',
    );
    await expectFieldError(
      operator.visits.create({ vessel: { mmsi: 353136000 }, terminalId: MISSING }),
      'terminalId',
    );
    await expectFieldError(
      operator.visits.create({
        vessel: { mmsi: 353136000 },
        terminalId: ids.wgq1,
        eta: hours(5),
        etd: hours(4),
      }),
      'etd',
    );
    await expectFieldError(
      operator.visits.create({
        vessel: { mmsi: 353136000, imo: 9811000 } as never,
        terminalId: ids.wgq1,
      }),
      'vessel',
    );
  });

  it.each(ALL_USERS)(
    'update and cancel as %s: port authority admins and operators only',
    async (user) => {
      const visit = await world.as('portAdmin').visits.create({
        vessel: { mmsi: 413366120 },
        terminalId: ids.ysp4,
        berthId: ids.ysp4b01,
        eta: hours(200),
      });
      const update = world
        .as(user)
        .visits.update({ id: visit.id, berthId: ids.ysp4b02, etd: hours(210) });
      const cancel = () => world.as(user).visits.cancel({ id: visit.id });
      if (WRITERS.includes(user)) {
        expect(await update).toMatchObject({
          berthCode: 'B02',
          plannedBerthCode: 'B02',
          eta: hours(200),
          etd: hours(210),
        });
        expect((await cancel()).status).toBe('CANCELLED');
      } else {
        await expectTrpcError(update, 'FORBIDDEN');
        await expectTrpcError(cancel(), 'FORBIDDEN');
      }
    },
  );

  it('moving to another terminal drops the old berth; closed visits cannot change', async () => {
    const operator = world.as('portOperator');
    const visit = await operator.visits.create({
      vessel: { mmsi: 413301550 },
      terminalId: ids.ysp4,
      berthId: ids.ysp4b01,
    });
    expect(await operator.visits.update({ id: visit.id, terminalId: ids.wgq1 })).toMatchObject({
      terminalCode: 'WGQ1',
      berthId: null,
      plannedBerthId: null,
    });
    await operator.visits.cancel({ id: visit.id });
    await expectTrpcError(operator.visits.update({ id: visit.id, voyageNumber: 'X' }), 'CONFLICT');
    await expectTrpcError(operator.visits.cancel({ id: visit.id }), 'CONFLICT');
    await expectTrpcError(operator.visits.cancel({ id: MISSING }), 'NOT_FOUND');
    await world.db.prisma.vesselVisit.create({
      data: {
        vesselId: visit.vessel.id,
        portId: visit.portId,
        status: 'BERTHED',
        voyageNumber: 'B1',
        ata: new Date(T0),
      },
    });
    const berthed = await world.db.prisma.vesselVisit.findFirstOrThrow({
      where: { voyageNumber: 'B1' },
    });
    await expectTrpcError(operator.visits.cancel({ id: berthed.id }), 'CONFLICT');
  });

  it('re-planning a berthed visit moves only its plan: the vessel stays where it lies', async () => {
    const operator = world.as('portOperator');
    const visit = await operator.visits.create({
      vessel: { mmsi: 413301550 },
      terminalId: ids.ysp4,
      berthId: ids.ysp4b01,
      voyageNumber: 'RP1',
    });
    await world.db.prisma.vesselVisit.update({
      where: { id: visit.id },
      data: { status: 'BERTHED', ata: new Date(T0) },
    });
    expect(await operator.visits.update({ id: visit.id, berthId: ids.ysp4b02 })).toMatchObject({
      berthCode: 'B01',
      actualBerthCode: 'B01',
      plannedBerthCode: 'B02',
      isBerthChanged: true,
    });
    await world.db.prisma.vesselVisit.delete({ where: { id: visit.id } });
  });

  it.each(ALL_USERS)('%s gets a visit with its vessel and timeline', async (user) => {
    const [first] = (await world.as('portViewer').visits.list({ limit: 1 })).items;
    const visit = await world.as(user).visits.get({ id: first?.id ?? MISSING });
    expect(visit.vessel.imo).toBe(9795610);
    expect(visit.timeline.map((entry) => entry.kind)).toEqual(['PLANNED_ETA', 'PLANNED_ETD']);
  });

  it('get: NOT_FOUND for an unknown visit, a field error for a malformed id', async () => {
    await expectTrpcError(world.as('lgftViewer').visits.get({ id: MISSING }), 'NOT_FOUND');
    await expectFieldError(world.as('lgftViewer').visits.get({ id: 'x' }), 'id');
  });
});
