import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { encodeAisMessage, type StaticAndVoyageData } from '@harbor/protocols/ais';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AisStaticRecorder, STATIC_REFRESH_MS } from '../../domains/vessels/static-data.ts';
import { AisIngest, resolveAisEta } from './ais-ingest.ts';

const at = (iso: string) => new Date(iso);

describe('resolveAisEta (ITU-R M.1371-5 message 5 ETA, no year)', () => {
  const received = at('2026-11-25T10:00:00Z');

  it('is the same year when that time is still ahead', () => {
    expect(resolveAisEta({ month: 11, day: 26, hour: 8, minute: 30 }, received)).toEqual(
      at('2026-11-26T08:30:00Z'),
    );
  });

  it('rolls over to next year when the month and day have passed', () => {
    expect(
      resolveAisEta({ month: 1, day: 2, hour: 6, minute: 0 }, at('2026-12-30T23:00:00Z')),
    ).toEqual(at('2027-01-02T06:00:00Z'));
    // More than 30 days past: next year's.
    expect(resolveAisEta({ month: 10, day: 25, hour: 9, minute: 0 }, received)).toEqual(
      at('2027-10-25T09:00:00Z'),
    );
  });

  it('keeps a recently passed ETA (a ship arrived, or late) in its own year', () => {
    expect(resolveAisEta({ month: 11, day: 25, hour: 9, minute: 59 }, received)).toEqual(
      at('2026-11-25T09:59:00Z'),
    );
    // Across the new year: an ETA of 30 December received on 2 January is last year's.
    expect(
      resolveAisEta({ month: 12, day: 30, hour: 12, minute: 0 }, at('2027-01-02T08:00:00Z')),
    ).toEqual(at('2026-12-30T12:00:00Z'));
  });

  it('keeps an ETA equal to the receipt time', () => {
    expect(resolveAisEta({ month: 11, day: 25, hour: 10, minute: 0 }, received)).toEqual(received);
  });

  it('finds the next 29 February', () => {
    expect(resolveAisEta({ month: 2, day: 29, hour: 12, minute: 0 }, received)).toEqual(
      at('2028-02-29T12:00:00Z'),
    );
  });

  it.each([
    ['month 0 (not available)', { month: null, day: 26, hour: 8, minute: 0 }],
    ['day 0 (not available)', { month: 11, day: null, hour: 8, minute: 0 }],
    ['hour 24 (not available)', { month: 11, day: 26, hour: null, minute: 0 }],
    ['minute 60 (not available)', { month: 11, day: 26, hour: 8, minute: null }],
    ['month 13 (out of range)', { month: 13, day: 1, hour: 0, minute: 0 }],
    ['hour 25 (out of range)', { month: 11, day: 26, hour: 25, minute: 0 }],
    ['31 April (no such date)', { month: 4, day: 31, hour: 0, minute: 0 }],
  ])('has none for %s', (_label, eta) => {
    expect(resolveAisEta(eta, received)).toBeNull();
  });
});

function type5(eta: StaticAndVoyageData['eta']): StaticAndVoyageData {
  return {
    type: 5,
    repeat: 0,
    mmsi: 477266900,
    aisVersion: 2,
    imo: 9795610,
    callSign: 'VRQB9',
    shipName: 'COSCO UNIVERSE',
    shipType: 71,
    dimensions: { toBowM: 300, toSternM: 100, toPortM: 30, toStarboardM: 28 },
    epfd: 1,
    eta,
    draughtM: 15.5,
    destination: 'CNSHA',
    dte: false,
  };
}

describe.each(testDbTargets())('AIS type 5 ETA stored on the vessel, on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  it('stores the resolved ETA, rolling the year over, and clears it when not available', async () => {
    let now = at('2026-12-31T20:00:00Z');
    const deps = { db, publish: async () => {}, now: () => now };
    const ingest = new AisIngest(deps, new AisStaticRecorder(deps));
    await ingest.lines(encodeAisMessage(type5({ month: 1, day: 3, hour: 14, minute: 15 })));
    const vessel = await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266900 } });
    expect(vessel.aisEta).toEqual(at('2027-01-03T14:15:00Z'));
    expect(vessel.aisName).toBe('COSCO UNIVERSE');

    now = at('2027-01-01T08:00:00Z');
    await ingest.lines(encodeAisMessage(type5({ month: 1, day: 3, hour: null, minute: null })));
    const cleared = await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266900 } });
    expect(cleared.aisEta).toBeNull();
  });

  it('writes an unchanged repeat only once its last write is STATIC_REFRESH_MS old, refreshing aisStaticAt', async () => {
    let now = at('2026-11-25T10:00:00Z');
    const deps = { db, publish: async () => {}, now: () => now };
    const ingest = new AisIngest(deps, new AisStaticRecorder(deps));
    const report = encodeAisMessage({
      ...type5({ month: 11, day: 26, hour: 8, minute: 0 }),
      mmsi: 477266901,
    });
    await ingest.lines(report);
    now = new Date(now.getTime() + STATIC_REFRESH_MS - 60_000);
    await ingest.lines(report);
    expect(ingest.counters.staticUpdates).toBe(1);
    const first = await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266901 } });
    expect(first.aisStaticAt).toEqual(at('2026-11-25T10:00:00Z'));

    now = new Date(now.getTime() + 60_000);
    await ingest.lines(report);
    expect(ingest.counters.staticUpdates).toBe(2);
    const refreshed = await db.prisma.vessel.findUniqueOrThrow({ where: { mmsi: 477266901 } });
    expect(refreshed.aisStaticAt).toEqual(now);
  });
});
