import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuplicateMemory, writeFixes } from './fix-store.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');

function fix(assetKey: string, secondsAfter: number, fields: Partial<Fix> = {}): Fix {
  return {
    assetKind: 'VEHICLE',
    assetKey,
    fixAt: new Date(T0 + secondsAfter * 1000),
    receivedAt: new Date(T0 + secondsAfter * 1000 + 800),
    lat: 30.87 + secondsAfter / 1e5,
    lon: 121.905,
    speedKnots: 20,
    courseDeg: 135,
    headingDeg: null,
    altitudeM: 12,
    status: 'ACC_ON',
    source: 'JT808',
    ...fields,
  };
}

describe.each(testDbTargets())('writing fixes on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  const latest = (assetKey: string) =>
    db.prisma.latestPosition.findUniqueOrThrow({
      where: { assetKind_assetKey: { assetKind: 'VEHICLE', assetKey } },
    });

  it('stores history and the newest position of each asset, with every field', async () => {
    const result = await writeFixes(db, [
      fix('013916001001', 0),
      fix('013916001001', 30),
      fix('013916001002', 10),
    ]);
    expect(result).toEqual({ inserted: 3, duplicates: 0, latestMoved: 2 });
    const newest = await latest('013916001001');
    expect(newest).toMatchObject({
      fixAt: new Date(T0 + 30_000),
      receivedAt: new Date(T0 + 30_800),
      lat: 30.8703,
      lon: 121.905,
      speedKnots: 20,
      courseDeg: 135,
      headingDeg: null,
      status: 'ACC_ON',
      source: 'JT808',
    });
    expect(await db.prisma.positionFix.count({ where: { assetKey: '013916001001' } })).toBe(2);
  });

  it('writes a duplicate fix once, whether repeated in a batch or sent again later', async () => {
    const result = await writeFixes(db, [fix('013916001003', 0), fix('013916001003', 0)]);
    expect(result).toMatchObject({ inserted: 1, duplicates: 1 });
    expect(await writeFixes(db, [fix('013916001003', 0)])).toEqual({
      inserted: 0,
      duplicates: 1,
      latestMoved: 0,
    });
    expect(await db.prisma.positionFix.count({ where: { assetKey: '013916001003' } })).toBe(1);
  });

  it('keeps an out-of-order fix in history without moving the latest position backwards', async () => {
    await writeFixes(db, [fix('013916001004', 60)]);
    const late = await writeFixes(db, [fix('013916001004', 20, { lat: 30.5 })]);
    expect(late).toEqual({ inserted: 1, duplicates: 0, latestMoved: 0 });
    expect((await latest('013916001004')).fixAt).toEqual(new Date(T0 + 60_000));
    const history = await db.prisma.positionFix.findMany({
      where: { assetKey: '013916001004' },
      orderBy: { fixAt: 'asc' },
    });
    expect(history.map((row) => row.lat)).toEqual([30.5, 30.8706]);
  });

  it('keeps vessels and vehicles with the same key apart', async () => {
    await writeFixes(db, [
      fix('413000111', 0, { assetKind: 'VESSEL', source: 'AIS' }),
      fix('413000111', 0),
    ]);
    expect(await db.prisma.latestPosition.count({ where: { assetKey: '413000111' } })).toBe(2);
  });

  it('writes a large batch in one go', async () => {
    const batch = Array.from({ length: 5000 }, (_, i) =>
      fix(`0139${String(i % 1000).padStart(8, '0')}`, Math.floor(i / 1000)),
    );
    expect(await writeFixes(db, batch)).toEqual({
      inserted: 5000,
      duplicates: 0,
      latestMoved: 1000,
    });
  });

  it('rolls back the whole batch when the database refuses it', async () => {
    const before = await db.prisma.positionFix.count();
    await expect(
      writeFixes(db, [
        fix('013916001005', 0),
        fix('013916001005', 1, { source: 'CARRIER_PIGEON' as Fix['source'] }),
      ]),
    ).rejects.toThrow();
    expect(await db.prisma.positionFix.count()).toBe(before);
  });

  it('stores any text an asset key or status may hold, exactly, and every number as given', async () => {
    const awkward = ['a"b', 'back\\slash', 'comma,{brace}', 'NULL', ' spaced ', '码头-1'];
    const batch = awkward.map((assetKey, i) =>
      fix(assetKey, i, {
        status: assetKey,
        lat: -33.123456789,
        lon: 1e-7,
        speedKnots: i === 0 ? null : 0.1 + 0.2,
        headingDeg: i,
      }),
    );
    expect(await writeFixes(db, batch)).toMatchObject({ inserted: awkward.length });
    const rows = await db.prisma.positionFix.findMany({
      where: { assetKey: { in: awkward } },
      orderBy: { fixAt: 'asc' },
    });
    expect(rows.map((row) => [row.assetKey, row.status])).toEqual(awkward.map((k) => [k, k]));
    expect(rows.map((row) => row.speedKnots)).toEqual([
      null,
      ...awkward.slice(1).map(() => 0.1 + 0.2),
    ]);
    expect(rows.every((row) => row.lat === -33.123456789 && row.lon === 1e-7)).toBe(true);
  });
  it('stores a fix received more than a day late in history only: the latest position stays', async () => {
    await writeFixes(db, [fix('013916001050', 0)]);
    const twoDaysLate = fix('013916001050', 60, {
      receivedAt: new Date(T0 + 60_000 + 2 * 86_400_000),
    });
    // A truck never seen before is not placed by a fix that old either.
    const unseen = fix('013916001051', 0, { receivedAt: new Date(T0 + 2 * 86_400_000) });
    const result = await writeFixes(db, [twoDaysLate, unseen]);
    expect(result).toEqual({ inserted: 2, duplicates: 0, latestMoved: 0 });
    expect((await latest('013916001050')).fixAt).toEqual(new Date(T0));
    expect(await db.prisma.latestPosition.count({ where: { assetKey: '013916001051' } })).toBe(0);
    expect(await db.prisma.positionFix.count({ where: { assetKey: '013916001050' } })).toBe(2);
  });

  it('replaces a latest position dated in the future, so no asset stays frozen there', async () => {
    // As stored before fixes from the future were refused: year 9999.
    await db.sql.query(
      `INSERT INTO "LatestPosition" ("assetKind", "assetKey", "fixAt", "receivedAt", lat, lon, source, "updatedAt")
       VALUES ('VEHICLE', '013916001060', '9999-01-01T00:00:00Z', $1, 30.8, 121.9, 'JT808', now())`,
      [new Date(T0)],
    );
    const result = await writeFixes(db, [fix('013916001060', 30)]);
    expect(result.latestMoved).toBe(1);
    expect(await latest('013916001060')).toMatchObject({ fixAt: new Date(T0 + 30_000) });
  });
  it('in one batch moves the assets it brings news of, places new ones, and leaves those it brings old fixes of', async () => {
    await writeFixes(db, [fix('013916001070', 60), fix('013916001071', 60)]);
    const result = await writeFixes(db, [
      fix('013916001070', 90, { lat: 31.1 }),
      fix('013916001071', 30, { lat: 31.2 }),
      fix('013916001072', 10, { lat: 31.3 }),
      fix('013916001072', 20, { lat: 31.4 }),
    ]);
    expect(result).toEqual({ inserted: 4, duplicates: 0, latestMoved: 2 });
    expect(await latest('013916001070')).toMatchObject({ fixAt: new Date(T0 + 90_000), lat: 31.1 });
    expect(await latest('013916001071')).toMatchObject({
      fixAt: new Date(T0 + 60_000),
      lat: 30.8706,
    });
    expect(await latest('013916001072')).toMatchObject({ fixAt: new Date(T0 + 20_000), lat: 31.4 });
  });

  it('keeps a writer from storing part of a batch when some of it is stored already, and remembers that repeats come', async () => {
    const memory: DuplicateMemory = { isExpected: false };
    await writeFixes(db, [fix('013916001080', 0)], [], memory);
    expect(memory.isExpected).toBe(false);
    // One fix of the three is stored: the other two are, once, and the latest moves.
    const again = await writeFixes(
      db,
      [fix('013916001080', 0), fix('013916001080', 30), fix('013916001081', 30)],
      [],
      memory,
    );
    expect(again).toEqual({ inserted: 2, duplicates: 1, latestMoved: 2 });
    expect(memory.isExpected).toBe(true);
    // The next batch, repeats and all, is written skipping them straight away; one with
    // none sets the writer back to writing plainly.
    expect(await writeFixes(db, [fix('013916001081', 30)], [], memory)).toMatchObject({
      inserted: 0,
      duplicates: 1,
    });
    expect(memory.isExpected).toBe(true);
    expect(await writeFixes(db, [fix('013916001081', 60)], [], memory)).toMatchObject({
      inserted: 1,
      duplicates: 0,
    });
    expect(memory.isExpected).toBe(false);
    expect(await db.prisma.positionFix.count({ where: { assetKey: '013916001080' } })).toBe(2);
    expect(await db.prisma.positionFix.count({ where: { assetKey: '013916001081' } })).toBe(2);
    expect(await latest('013916001080')).toMatchObject({ fixAt: new Date(T0 + 30_000) });
  });
});
