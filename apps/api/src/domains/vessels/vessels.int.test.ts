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

describe.each(testDbTargets())('vessels on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.vessel.createMany({
      data: [
        {
          mmsi: 477123400,
          imo: 9074729,
          name: 'COSCO SHIPPING ARIES',
          callSign: 'VRAB1',
          shipType: 71,
        },
        { mmsi: 413000111, name: 'ZHONG GU SHANG HAI', shipType: 70 },
        { mmsi: 563000222, imo: 9134270, name: 'EVER DIADEM', shipType: 70 },
      ],
    });
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)('%s lists every vessel, sorted by name', async (user) => {
    const page = await world.as(user).vessels.list({});
    expect(page.items.map((vessel) => vessel.name)).toEqual([
      'COSCO SHIPPING ARIES',
      'EVER DIADEM',
      'ZHONG GU SHANG HAI',
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('refuses anonymous callers', async () => {
    await expectTrpcError(world.as(null).vessels.list({}), 'UNAUTHORIZED');
    await expectTrpcError(world.as(null).vessels.create({ mmsi: 413999999 }), 'UNAUTHORIZED');
  });

  it('searches by part of the name, by MMSI and by IMO number', async () => {
    const caller = world.as('dhclViewer');
    expect((await caller.vessels.list({ search: 'ever' })).items.map((v) => v.mmsi)).toEqual([
      563000222,
    ]);
    expect((await caller.vessels.list({ search: '413000111' })).items.map((v) => v.name)).toEqual([
      'ZHONG GU SHANG HAI',
    ]);
    expect((await caller.vessels.list({ search: '9074729' })).items.map((v) => v.mmsi)).toEqual([
      477123400,
    ]);
  });

  it('pages with a cursor', async () => {
    const caller = world.as('portViewer');
    const first = await caller.vessels.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await caller.vessels.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((v) => v.name)).toEqual(['ZHONG GU SHANG HAI']);
    expect(second.nextCursor).toBeNull();
  });

  it('gets one vessel, NOT_FOUND for an unknown id, BAD_REQUEST naming id for a malformed one', async () => {
    const [first] = (await world.as('portViewer').vessels.list({ limit: 1 })).items;
    expect(await world.as('lgftViewer').vessels.get({ id: first?.id ?? '' })).toEqual(first);
    await expectTrpcError(
      world.as('lgftViewer').vessels.get({ id: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
    );
    await expectFieldError(world.as('lgftViewer').vessels.get({ id: 'nope' }), 'id');
  });

  it.each(ALL_USERS)('create as %s: port authority admins and operators only', async (user) => {
    const mmsi = 412_000_000 + ALL_USERS.indexOf(user);
    const call = world.as(user).vessels.create({ mmsi, name: `PROBE ${user}`, flag: 'cn' });
    if (WRITERS.includes(user)) {
      const created = await call;
      expect(created).toMatchObject({ mmsi, name: `PROBE ${user}`, flag: 'CN', imo: null });
    } else {
      await expectTrpcError(call, 'FORBIDDEN');
      expect(await world.db.prisma.vessel.count({ where: { mmsi } })).toBe(0);
    }
  });

  it('refuses a duplicate MMSI with CONFLICT', async () => {
    const error = await expectTrpcError(
      world.as('portOperator').vessels.create({ mmsi: 477123400 }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/MMSI 477123400/);
  });

  it('names the bad field: an 8-digit MMSI, an IMO with a wrong check digit, a long name', async () => {
    const operator = world.as('portOperator');
    expect(await expectFieldError(operator.vessels.create({ mmsi: 12345678 }), 'mmsi')).toEqual([
      'MMSI has 9 digits',
    ]);
    await expectFieldError(operator.vessels.create({ mmsi: 413555555, imo: 9074728 }), 'imo');
    await expectFieldError(
      operator.vessels.create({ mmsi: 413555555, name: 'X'.repeat(21) }),
      'name',
    );
  });

  it.each(ALL_USERS)('update as %s: port authority admins and operators only', async (user) => {
    const vessel = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 413000111 } });
    const call = world.as(user).vessels.update({ id: vessel.id, destination: `CNSHA ${user}` });
    if (WRITERS.includes(user)) {
      expect((await call).destination).toBe(`CNSHA ${user}`);
    } else {
      await expectTrpcError(call, 'FORBIDDEN');
    }
  });

  it('update: NOT_FOUND for an unknown vessel, CONFLICT when taking another vessel MMSI', async () => {
    const operator = world.as('portOperator');
    await expectTrpcError(
      operator.vessels.update({ id: '00000000-0000-4000-8000-000000000000', name: 'GHOST' }),
      'NOT_FOUND',
    );
    const vessel = await world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 413000111 } });
    await expectTrpcError(operator.vessels.update({ id: vessel.id, mmsi: 477123400 }), 'CONFLICT');
  });
});

describe.each(testDbTargets())('vessels with curated and AIS values on %s', (target) => {
  let world: World;
  const REPORTED_AT = new Date('2026-11-25T06:00:00Z');
  // Rows as the gateway and staff leave them: one curated vessel whose AIS reports other
  // particulars, one heard on AIS only, one curated only.
  const ais = (fields: Record<string, unknown>) => ({ aisStaticAt: REPORTED_AT, ...fields });
  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.vessel.createMany({
      data: [
        {
          mmsi: 477266900,
          imo: 9795610,
          name: 'COSCO SHIPPING UNIVERSE',
          callSign: 'VRQB9',
          shipType: 71,
          lengthM: 400,
          beamM: 58.6,
          draughtM: 16,
          flag: 'HK',
          ...ais({
            aisName: 'TINY FEEDER',
            aisImo: 9074729,
            aisShipType: 52,
            aisLengthM: 120,
            aisBeamM: 58,
            aisDraughtM: 16.5,
            aisDestination: 'NOWHERE',
            aisEta: new Date('2026-11-26T08:00:00Z'),
          }),
        },
        {
          mmsi: 563123000,
          ...ais({
            aisName: 'BRAVO HEARD',
            aisCallSign: '9V1234',
            aisImo: 9134270,
            aisShipType: 70,
            aisLengthM: 200,
            aisBeamM: 30,
            aisDraughtM: 11.5,
            aisDestination: 'CNSHA',
          }),
        },
        { mmsi: 413000111, name: 'CHARLIE CURATED', shipType: 70, lengthM: 180 },
        { mmsi: 413000222 },
      ],
    });
  });
  afterAll(() => world.db.drop());

  const byMmsi = (mmsi: number) => world.db.prisma.vessel.findUniqueOrThrow({ where: { mmsi } });

  it('get: the curated values win, the AIS ones come apart, the differences are listed', async () => {
    const row = await byMmsi(477266900);
    expect(await world.as('dhclViewer').vessels.get({ id: row.id })).toEqual({
      id: row.id,
      mmsi: 477266900,
      name: 'COSCO SHIPPING UNIVERSE',
      callSign: 'VRQB9',
      imo: 9795610,
      shipType: 71,
      lengthM: 400,
      beamM: 58.6,
      draughtM: 16,
      flag: 'HK',
      destination: 'NOWHERE',
      curated: {
        name: 'COSCO SHIPPING UNIVERSE',
        callSign: 'VRQB9',
        imo: 9795610,
        shipType: 71,
        lengthM: 400,
        beamM: 58.6,
        draughtM: 16,
        flag: 'HK',
        destination: null,
      },
      ais: {
        name: 'TINY FEEDER',
        callSign: null,
        imo: 9074729,
        shipType: 52,
        lengthM: 120,
        beamM: 58,
        draughtM: 16.5,
        destination: 'NOWHERE',
        eta: '2026-11-26T08:00:00.000Z',
        reportedAt: REPORTED_AT.toISOString(),
      },
      // A beam 0.6 m off is AIS rounding; a deeper draught is worth a look, a shallower one not.
      discrepancies: [
        { field: 'imo', curated: 9795610, ais: 9074729 },
        { field: 'lengthM', curated: 400, ais: 120 },
        { field: 'draughtM', curated: 16, ais: 16.5 },
      ],
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });
  });

  it('get: a vessel heard on AIS only shows its AIS values; one never heard has no AIS part', async () => {
    const heard = await world.as('portViewer').vessels.get({ id: (await byMmsi(563123000)).id });
    expect(heard).toMatchObject({
      name: 'BRAVO HEARD',
      callSign: '9V1234',
      imo: 9134270,
      shipType: 70,
      lengthM: 200,
      draughtM: 11.5,
      destination: 'CNSHA',
      curated: { name: null, imo: null, lengthM: null },
      ais: { name: 'BRAVO HEARD', lengthM: 200 },
      discrepancies: [],
    });
    const curated = await world.as('portViewer').vessels.get({ id: (await byMmsi(413000111)).id });
    expect(curated).toMatchObject({ name: 'CHARLIE CURATED', lengthM: 180, ais: null });
  });

  it('list: sorted by the effective name, unnamed last; searched by effective name and IMO', async () => {
    const caller = world.as('lgftViewer');
    expect((await caller.vessels.list({})).items.map((v) => v.name ?? v.mmsi)).toEqual([
      'BRAVO HEARD',
      'CHARLIE CURATED',
      'COSCO SHIPPING UNIVERSE',
      413000222,
    ]);
    const first = await caller.vessels.list({ limit: 2 });
    const rest = await caller.vessels.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...rest.items].map((v) => v.mmsi)).toEqual([
      563123000, 413000111, 477266900, 413000222,
    ]);
    expect(rest.nextCursor).toBeNull();
    const search = async (text: string) =>
      (await caller.vessels.list({ search: text })).items.map((v) => v.mmsi);
    expect(await search('bravo')).toEqual([563123000]);
    // The curated name wins: the AIS name of a curated vessel finds nothing.
    expect(await search('tiny feeder')).toEqual([]);
    expect(await search('9134270')).toEqual([563123000]);
    expect(await search('9074729')).toEqual([]);
    expect(await search('9795610')).toEqual([477266900]);
    // LIKE wildcards in a search are taken as they are.
    expect(await search('%')).toEqual([]);
  });

  it('update: sets a curated value over the AIS one, and null gives the vessel back to AIS', async () => {
    const operator = world.as('portOperator');
    const { id } = await byMmsi(563123000);
    const curated = await operator.vessels.update({ id, lengthM: 210, name: 'BRAVO' });
    expect(curated).toMatchObject({
      name: 'BRAVO',
      lengthM: 210,
      curated: { name: 'BRAVO', lengthM: 210 },
      ais: { name: 'BRAVO HEARD', lengthM: 200 },
      discrepancies: [{ field: 'lengthM', curated: 210, ais: 200 }],
    });
    const cleared = await operator.vessels.update({ id, lengthM: null, name: null });
    expect(cleared).toMatchObject({
      name: 'BRAVO HEARD',
      lengthM: 200,
      curated: { name: null, lengthM: null },
      discrepancies: [],
    });
    // Left out, a field stays as it is; AIS columns are not the staff's to write.
    const untouched = await operator.vessels.update({
      id,
      flag: 'sg',
      ...({ aisLengthM: 1 } as object),
    });
    expect(untouched).toMatchObject({ flag: 'SG', lengthM: 200, ais: { lengthM: 200 } });
  });

  it('update: clearing the curated IMO leaves no unique number behind', async () => {
    const operator = world.as('portOperator');
    const { id } = await byMmsi(477266900);
    expect(await operator.vessels.update({ id, imo: null })).toMatchObject({
      imo: 9074729,
      curated: { imo: null },
      ais: { imo: 9074729 },
    });
    const other = await byMmsi(413000111);
    expect(await operator.vessels.update({ id: other.id, imo: 9795610 })).toMatchObject({
      imo: 9795610,
    });
  });
});
