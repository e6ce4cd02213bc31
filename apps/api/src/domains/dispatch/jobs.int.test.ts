import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  expectFieldError,
  expectTrpcError,
  type UserKey,
} from '../../../test/fixtures.ts';
import { buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';

const ORG_OF: Record<UserKey, 'port' | 'dhcl' | 'lgft'> = {
  portAdmin: 'port',
  portOperator: 'port',
  portViewer: 'port',
  dhclAdmin: 'dhcl',
  dhclDispatcher: 'dhcl',
  dhclViewer: 'dhcl',
  lgftDispatcher: 'lgft',
  lgftViewer: 'lgft',
};

const HEADER =
  'reference,kind,container number,pickup zone code,drop-off zone code,window start,window end,note';

const job = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  containerNumber: 'CSQU3054383',
  pickupZoneCode: 'YSP4-GATE',
  dropoffZoneCode: 'LCG-DEPOT',
  windowStart: iso(60),
  windowEnd: iso(240),
  ...extra,
});

describe.each(testDbTargets())('dispatch jobs on %s', (target) => {
  let world: DispatchWorld;
  let dhclJob: string;
  let lgftJob: string;
  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    dhclJob = (await world.with('dhclDispatcher').dispatch.create(job('DH-0001'))).id;
    lgftJob = (
      await world
        .with('lgftDispatcher')
        .dispatch.create(job('LG-0001', { containerNumber: 'TCNU7200794', windowStart: iso(0) }))
    ).id;
  });
  afterAll(() => world.db.drop());

  it('creates a job PLANNED, with its first event by the user', async () => {
    const detail = await world.with('dhclViewer').dispatch.get({ id: dhclJob });
    expect(detail).toMatchObject({
      reference: 'DH-0001',
      status: 'PLANNED',
      kind: 'CONTAINER_MOVE',
      containerNumber: 'CSQU3054383',
      pickupZone: { code: 'YSP4-GATE' },
      dropoffZone: { code: 'LCG-DEPOT' },
      vehicle: null,
      organizationId: world.organizations.dhcl.id,
    });
    expect(detail.events).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'PLANNED',
        actorKind: 'USER',
        actorUser: { id: world.users.dhclDispatcher.id, name: 'dhclDispatcher' },
      }),
    ]);
  });

  it.each(ALL_USERS)('create as %s: a company ADMIN or DISPATCHER only', async (user) => {
    const call = world.with(user).dispatch.create(job(`R-${user}`));
    const role = world.users[user].role;
    if (ORG_OF[user] !== 'port' && (role === 'ADMIN' || role === 'DISPATCHER'))
      expect((await call).organizationId).toBe(world.users[user].organization.id);
    else await expectTrpcError(call, 'FORBIDDEN');
  });

  it.each(ALL_USERS)(
    '%s sees only the jobs of its organization (port staff: all)',
    async (user) => {
      const refs = (await world.with(user).dispatch.list({ search: '-0001' })).items.map(
        (j) => j.reference,
      );
      const expected = { port: ['LG-0001', 'DH-0001'], dhcl: ['DH-0001'], lgft: ['LG-0001'] };
      expect(refs).toEqual(expected[ORG_OF[user]]);
      const other = ORG_OF[user] === 'lgft' ? dhclJob : lgftJob;
      if (ORG_OF[user] === 'port')
        expect((await world.with(user).dispatch.get({ id: other })).id).toBe(other);
      else await expectTrpcError(world.with(user).dispatch.get({ id: other }), 'NOT_FOUND');
    },
  );

  it('refuses bad input with field errors and unknown references with a clear message', async () => {
    const dispatcher = world.with('dhclDispatcher');
    const digit = await expectFieldError(
      dispatcher.dispatch.create(job('BAD-1', { containerNumber: 'CSQU3054384' })),
      'containerNumber',
    );
    expect(digit.join()).toContain('check digit of CSQU305438 is 3, not 4');
    await expectFieldError(
      dispatcher.dispatch.create(job('BAD-2', { windowEnd: iso(0) })),
      'windowEnd',
    );
    await expectFieldError(
      dispatcher.dispatch.create(job('BAD-3', { dropoffZoneCode: 'ysp4-gate' })),
      'dropoffZoneCode',
    );
    const zone = await expectTrpcError(
      dispatcher.dispatch.create(job('BAD-4', { pickupZoneCode: 'NOWHERE' })),
      'NOT_FOUND',
    );
    expect(zone.message).toBe('no zone NOWHERE in the port');
    await expectTrpcError(dispatcher.dispatch.create(job('DH-0001')), 'CONFLICT');
  });

  it('imports a good CSV file: every row, quoted fields and blank optional cells included', async () => {
    const csv = [
      HEADER,
      `DH-IMP-1,CONTAINER_MOVE,TOLU4734787,YSP1-GATE,YSBZ-WH1,${iso(30)},${iso(150)},"gate 3, lane 2"`,
      `DH-IMP-2,empty_pickup,,LG-DEPOT,YSP2-GATE,${iso(45)},${iso(200)},`,
      `DH-IMP-3,,GYOU 404799-0,WGQ1-GATE,LCG-DEPOT,${iso(10)},${iso(400)},reefer`,
    ].join('\r\n');
    const result = await world.with('dhclAdmin').dispatch.import({ csv });
    expect(result.created).toBe(3);
    const imported = await world
      .with('dhclViewer')
      .dispatch.list({ search: 'DH-IMP', sortBy: 'reference' });
    expect(
      imported.items.map((j) => [
        j.reference,
        j.kind,
        j.containerNumber,
        j.pickupZone.code,
        j.note,
      ]),
    ).toEqual([
      ['DH-IMP-1', 'CONTAINER_MOVE', 'TOLU4734787', 'YSP1-GATE', 'gate 3, lane 2'],
      ['DH-IMP-2', 'EMPTY_PICKUP', null, 'LG-DEPOT', null],
      ['DH-IMP-3', 'CONTAINER_MOVE', 'GYOU4047990', 'WGQ1-GATE', 'reefer'],
    ]);
  });

  it('refuses a bad CSV file as a whole, listing every problem by line and column', async () => {
    const csv = [
      HEADER,
      `DH-BAD-1,CONTAINER_MOVE,CSQU3054384,YSP1-GATE,YSBZ-WH1,${iso(30)},${iso(150)},`,
      `DH-BAD-2,TELEPORT,,YSP1-GATE,YSBZ-WH1,yesterday,${iso(150)},`,
      `DH-BAD-3,CONTAINER_MOVE,,NOWHERE,YSBZ-WH1,${iso(30)},${iso(150)},`,
      'DH-BAD-4,too,few',
      `DH-0001,CONTAINER_MOVE,,YSP1-GATE,YSBZ-WH1,${iso(30)},${iso(150)},`,
      `DH-GOOD-5,CONTAINER_MOVE,,YSP1-GATE,YSBZ-WH1,${iso(30)},${iso(150)},`,
    ].join('\n');
    const dispatcher = world.with('dhclDispatcher');
    const fields = await expectFieldError(
      dispatcher.dispatch.import({ csv }),
      'line 2.container number',
    );
    expect(fields.join()).toContain('check digit');
    await expectFieldError(dispatcher.dispatch.import({ csv }), 'line 3.kind');
    await expectFieldError(dispatcher.dispatch.import({ csv }), 'line 3.window start');
    await expectFieldError(dispatcher.dispatch.import({ csv }), 'line 5');
    // Zone codes and taken references are checked once the rows themselves are valid.
    const lines = csv.split('\n');
    const unknownZone = await expectFieldError(
      dispatcher.dispatch.import({ csv: [HEADER, lines[3], lines[6]].join('\n') }),
      'line 2.pickup zone code',
    );
    expect(unknownZone).toEqual(['no zone NOWHERE in the port']);
    const taken = await expectFieldError(
      dispatcher.dispatch.import({ csv: [HEADER, lines[6], lines[5]].join('\n') }),
      'line 3.reference',
    );
    expect(taken).toEqual(['a job with reference DH-0001 already exists']);
    // All or nothing: not even the good row was created.
    expect((await dispatcher.dispatch.list({ search: 'DH-GOOD' })).items).toEqual([]);
    await expectFieldError(dispatcher.dispatch.import({ csv: 'ref,kind\nA,B' }), 'line 1');
    await expectFieldError(dispatcher.dispatch.import({ csv: `${HEADER}\nA-1,,,"open` }), 'line 2');
  });

  it('lists with filters, sorting and cursor pages', async () => {
    const viewer = world.with('dhclViewer');
    const byWindow = await viewer.dispatch.list({ search: 'DH-IMP' });
    expect(byWindow.items.map((j) => j.reference)).toEqual(['DH-IMP-3', 'DH-IMP-1', 'DH-IMP-2']);
    const desc = await viewer.dispatch.list({
      search: 'DH-IMP',
      sortBy: 'reference',
      sortDir: 'desc',
    });
    expect(desc.items.map((j) => j.reference)).toEqual(['DH-IMP-3', 'DH-IMP-2', 'DH-IMP-1']);
    const first = await viewer.dispatch.list({ search: 'DH-IMP', sortBy: 'reference', limit: 2 });
    expect(first.items.map((j) => j.reference)).toEqual(['DH-IMP-1', 'DH-IMP-2']);
    const rest = await viewer.dispatch.list({
      search: 'DH-IMP',
      sortBy: 'reference',
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(rest).toMatchObject({ items: [{ reference: 'DH-IMP-3' }], nextCursor: null });
    // Windows overlapping 08:00+160 min .. +170 min: DH-IMP-2 (45-200) and DH-IMP-3 (10-400), DH-0001 (60-240).
    const window = await viewer.dispatch.list({
      from: iso(160),
      to: iso(170),
      sortBy: 'reference',
    });
    expect(window.items.map((j) => j.reference)).toEqual([
      'DH-0001',
      'DH-IMP-2',
      'DH-IMP-3',
      'R-dhclAdmin',
      'R-dhclDispatcher',
    ]);
    const byContainer = await viewer.dispatch.list({ search: 'gyou4047' });
    expect(byContainer.items.map((j) => j.reference)).toEqual(['DH-IMP-3']);
    const planned = await viewer.dispatch.list({ status: ['DELIVERED'] });
    expect(planned.items).toEqual([]);
  });
});
