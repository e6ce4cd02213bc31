import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type UserKey,
  type World,
} from '../../test/fixtures.ts';

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
