import { seed } from '@harbor/db';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictArrival } from './eta.ts';
import { arrivalInput, loadArrivalGeometry } from './fairway-geometry.ts';

describe.each(testDbTargets())('the arrival geometry of the seeded port on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
    await seed(db, { now: new Date('2026-11-25T00:00:00Z'), fleetSize: 0 });
  });
  afterAll(() => db.drop());

  it('reads the fairway, the pilot boarding grounds and the berths, and routes a ship from the sea through them', async () => {
    const geometry = await loadArrivalGeometry(db);
    expect(geometry.invalidFairways).toEqual([]);
    const [port] = [...geometry.ports.values()];
    expect(port?.fairway?.nodes.some((node) => node.id === 'YSP3')).toBe(true);
    expect(port?.pilotBoardings).toHaveLength(2);
    const berth = await db.prisma.berth.findFirstOrThrow({
      where: { code: 'B02', terminal: { code: 'YSP3' } },
    });
    const ship = {
      // Coming in from the east, 10 km short of the Yangshan pilot boarding ground at 15 kn.
      fixes: [
        {
          atMs: 0,
          lon: 122.353,
          lat: 30.603,
          speedKnots: 15,
          courseDeg: 265,
          status: 'UNDER_WAY_USING_ENGINE',
        },
      ],
      aisEtaMs: null,
      plannedEtaMs: null,
    };
    const input = arrivalInput(geometry, berth.id, ship);
    const prediction = input && predictArrival(input);
    // The boarding ground is ~10 km ahead (21 min at 15 kn); the channel and quays ~27 km more.
    expect(prediction?.pilotEtaMs).toBeGreaterThan(19 * 60_000);
    expect(prediction?.pilotEtaMs).toBeLessThan(24 * 60_000);
    expect(prediction?.remainingM).toBeGreaterThan(30_000);
    expect(prediction?.remainingM).toBeLessThan(45_000);
    expect(prediction?.isHeadingIn).toBe(true);
    expect(arrivalInput(geometry, 'no-such-berth', ship)).toBeNull();
  });

  it('counts a stored fairway that does not validate as none, and says so', async () => {
    await db.prisma.port.updateMany({ data: { fairway: { nodes: [] } } });
    const geometry = await loadArrivalGeometry(db);
    expect(geometry.invalidFairways).toHaveLength(1);
    expect([...geometry.ports.values()][0]?.fairway).toBeNull();
  });
});
