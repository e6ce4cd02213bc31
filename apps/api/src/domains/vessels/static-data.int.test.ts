import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveParticulars } from './particulars.ts';
import {
  AisStaticRecorder,
  type CuratedParticularsInput,
  createCuratedVessel,
  ensureVessel,
  updateCuratedVessel,
} from './static-data.ts';

const NOW = new Date('2026-11-25T02:00:00Z');

describe.each(testDbTargets())('the vessel static data owner on %s', (target) => {
  let db: TestDb;
  let ais: AisStaticRecorder;
  beforeAll(async () => {
    db = await createTestDb(target);
    ais = new AisStaticRecorder({ db, now: () => NOW });
  });
  afterAll(() => db.drop());

  it('writes what staff curate to the curated columns only, whatever else the object carries', async () => {
    const withAisKey = { name: 'COSCO SHIPPING ARIES', lengthM: 400, aisName: 'SPOOFED' };
    const vessel = await createCuratedVessel(db.prisma, 477266900, withAisKey);
    expect(vessel).toMatchObject({ mmsi: 477266900, name: 'COSCO SHIPPING ARIES', lengthM: 400 });
    expect(vessel.aisName).toBeNull();
    expect(vessel.aisStaticAt).toBeNull();
  });

  it('keeps the curated value over what AIS reports, and shows the AIS one once it is cleared', async () => {
    await ais.record(477266900, '5', { aisName: 'ARIES', aisLengthM: 399 });
    const heard = await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266900 } });
    expect(heard).toMatchObject({
      name: 'COSCO SHIPPING ARIES',
      aisName: 'ARIES',
      aisLengthM: 399,
    });
    expect(effectiveParticulars(heard).name).toBe('COSCO SHIPPING ARIES');

    const cleared = await updateCuratedVessel(db.prisma, heard.id, { name: null, flag: 'HK' });
    expect(cleared).toMatchObject({ name: null, flag: 'HK', lengthM: 400, aisName: 'ARIES' });
    expect(effectiveParticulars(cleared).name).toBe('ARIES');
  });

  it('gives a vessel unheard of a row with its MMSI alone, and leaves a known one as it is', async () => {
    const bare = await ensureVessel(db.prisma, 413000111);
    expect(bare).toMatchObject({ mmsi: 413000111, name: null, aisName: null, shipType: null });
    const known = await ensureVessel(db.prisma, 477266900);
    expect(known).toMatchObject({ flag: 'HK', aisName: 'ARIES', lengthM: 400 });
  });

  it('writes inside the caller’s transaction', async () => {
    const curated: CuratedParticularsInput = { name: 'ZHEN HUA 33' };
    await expect(
      db.prisma.$transaction(async (tx) => {
        await createCuratedVessel(tx, 413999000, curated);
        throw new Error('the import failed on a later line');
      }),
    ).rejects.toThrow('later line');
    expect(await db.prisma.vessel.findUnique({ where: { mmsi: 413999000 } })).toBeNull();
  });
});
