import { seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../../test/fixtures.ts';
import { fieldErrorsOfTrpc, fieldIssuesOfTrpc } from '../../edges/trpc/errors.ts';

const WRITERS: UserKey[] = ['portAdmin', 'portOperator'];

const GOOD = [
  'Vessel MMSI or IMO,Vessel name,Voyage,Terminal code,Berth code,ETA,ETD',
  '477266900,COSCO SHIPPING UNIVERSE,046E,YSP4,B03,2026-12-01T08:00:00Z,2026-12-02T08:00:00Z',
  // No offset: wall-clock time in the port's zone (Asia/Shanghai, UTC+8).
  'IMO 9811000,,1128W,ysp3,b02,2026-12-01 16:00,2026-12-02 10:00',
  // A vessel Harbor does not know: created from its MMSI and name (quoted per RFC 4180).
  '412345678,"HAI XING 8, ""NEW""",001,WGQ1,,2026-12-03T00:00+08:00,',
  '412345678,"HAI XING 8, ""NEW""",002,WGQ1,B01,2026-12-05T00:00Z,2026-12-05T12:00Z',
].join('\r\n');

const BAD = [
  'vessel,vessel name,voyage,terminal,berth,eta,etd',
  '12345,X,1,YSP4,B01,2026-12-01T08:00Z,',
  '477266900,,2,XXX1,B01,2026-12-01T08:00Z,',
  '477266900,,3,YSP4,B99,2026-12-01T08:00Z,',
  '477266900,,4,YSP4,B01,2026-12-01T08:00Z,2026-12-01T07:00Z',
  '9074729,,5,YSP4,B01,2026-12-01T08:00Z,',
  '412000777,,6,YSP4,B01,2026-12-01T08:00Z,',
  '477266900,,7,YSP4,B01,next tuesday,',
  '477266900,,045E,YSP4,B01,2026-12-01T08:00Z,',
].join('\n');

async function importErrors(call: Promise<unknown>): Promise<Record<string, string[]>> {
  return fieldErrorsOfTrpc(await expectTrpcError(call, 'BAD_REQUEST')) ?? {};
}

describe.each(testDbTargets())('berth schedule import on %s', (target) => {
  let world: World;
  const counts = async () => ({
    visits: await world.db.prisma.vesselVisit.count(),
    vessels: await world.db.prisma.vessel.count(),
  });
  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: new Date('2026-11-25T00:00:00Z'), fleetSize: 0 });
  }, 60_000);
  afterAll(() => world.db.drop());

  it.each(ALL_USERS.filter((user) => !WRITERS.includes(user)))(
    '%s may not import',
    async (user) => {
      await expectTrpcError(world.as(user).visits.importSchedule({ csv: GOOD }), 'FORBIDDEN');
    },
  );

  it('reports every bad line by line and column, and writes nothing', async () => {
    const before = await counts();
    const errors = await importErrors(world.as('portOperator').visits.importSchedule({ csv: BAD }));
    expect(Object.keys(errors).sort()).toEqual([
      'line 2.vessel',
      'line 3.terminal',
      'line 4.berth',
      'line 5.etd',
      'line 6.vessel',
      'line 7.vesselName',
      'line 8.eta',
      'line 9.voyage',
    ]);
    expect(errors['line 4.berth']).toEqual(['no berth B99 at YSP4']);
    // The same problems as codes the web says in its user's language.
    const issues = fieldIssuesOfTrpc(
      await expectTrpcError(
        world.as('portOperator').visits.importSchedule({ csv: BAD }),
        'BAD_REQUEST',
      ),
    );
    expect(issues?.['line 4.berth']).toEqual([
      { code: 'rule.no-berth', params: { berth: 'B99', terminal: 'YSP4' } },
    ]);
    expect(issues?.['line 9.voyage']).toEqual([{ code: 'rule.voyage-taken' }]);
    expect(
      Object.values(issues ?? {})
        .flat()
        .map((issue) => issue.code),
    ).not.toContain('invalid');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file with unknown or missing columns, an unclosed quote, or no lines', async () => {
    const operator = world.as('portOperator');
    expect(
      await importErrors(
        operator.visits.importSchedule({ csv: 'vessel,terminal,colour\n477266900,YSP4,red' }),
      ),
    ).toEqual({ 'line 1.colour': ['unknown column'], 'line 1.eta': ['missing column'] });
    expect(
      await importErrors(
        operator.visits.importSchedule({
          csv: 'vessel,terminal,eta\n477266900,"YSP4,2026-12-01T08:00Z\n',
        }),
      ),
    ).toEqual({ 'line 2': ['a quoted field is not closed'] });
    expect(
      await importErrors(operator.visits.importSchedule({ csv: 'vessel,terminal,eta\n' })),
    ).toEqual({
      csv: ['a header line and at least one visit'],
    });
  });

  it('imports a good schedule with a BOM: visits, port-time dates, one new vessel', async () => {
    const before = await counts();
    const result = await world.as('portAdmin').visits.importSchedule({ csv: `\uFEFF${GOOD}` });
    expect(result.visitsCreated).toBe(4);
    expect(result.vesselsCreated).toBe(1);
    expect(await counts()).toEqual({ visits: before.visits + 4, vessels: before.vessels + 1 });
    expect(
      result.visits.map((v) => [
        v.vessel.mmsi,
        v.voyageNumber,
        v.terminalCode,
        v.berthCode,
        v.plannedBerthCode,
        v.eta,
        v.etd,
      ]),
    ).toEqual([
      // The berth is the plan until the vessel berths.
      [
        477266900,
        '046E',
        'YSP4',
        'B03',
        'B03',
        '2026-12-01T08:00:00.000Z',
        '2026-12-02T08:00:00.000Z',
      ],
      [
        353136000,
        '1128W',
        'YSP3',
        'B02',
        'B02',
        '2026-12-01T08:00:00.000Z',
        '2026-12-02T02:00:00.000Z',
      ],
      [412345678, '001', 'WGQ1', null, null, '2026-12-02T16:00:00.000Z', null],
      [
        412345678,
        '002',
        'WGQ1',
        'B01',
        'B01',
        '2026-12-05T00:00:00.000Z',
        '2026-12-05T12:00:00.000Z',
      ],
    ]);
    expect(result.visits[2]?.vessel.name).toBe('HAI XING 8, "NEW"');
  });

  it('refuses the same schedule twice (the voyages exist now)', async () => {
    const errors = await importErrors(world.as('portAdmin').visits.importSchedule({ csv: GOOD }));
    expect(Object.keys(errors)).toEqual([
      'line 2.voyage',
      'line 3.voyage',
      'line 4.voyage',
      'line 5.voyage',
    ]);
  });

  it('takes a file with only the required columns: no voyage, berth, name or ETD', async () => {
    const result = await world.as('portOperator').visits.importSchedule({
      csv: 'MMSI,Terminal,ETA\n477266900,YSP4,2026-12-10 08:00\n',
    });
    expect(result.visitsCreated).toBe(1);
    expect(result.visits[0]).toMatchObject({
      terminalCode: 'YSP4',
      berthCode: null,
      voyageNumber: null,
      eta: '2026-12-10T00:00:00.000Z',
      etd: null,
    });
  });
});
