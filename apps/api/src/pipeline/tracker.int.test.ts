import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_T0, fleetFixes } from '../../test/fleet-fixes.ts';
import { withOutage } from '../../test/outage.ts';
import { BusyMeter } from '../core/busy-meter.ts';
import { InProcessFixBus } from './fix-bus.ts';
import { startTracker } from './tracker.ts';

const T0 = FLEET_T0;
const fixesOf = (assets: number, perAsset: number) => fleetFixes({ assets, perAsset });

/** A meter that also counts the writes it was told of, begun and ended. */
class CountingMeter extends BusyMeter {
  begun = 0;
  ended = 0;
  override begin(): void {
    this.begun++;
    super.begin();
  }
  override end(): void {
    this.ended++;
    super.end();
  }
}

const until = async (condition: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
};

describe.each(testDbTargets())('the tracker on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  it('holds fixes while the database is unreachable and writes every one once it returns', async () => {
    const bus = new InProcessFixBus({ capacity: 5_000 });
    const { db: flaky, outage } = withOutage(db);
    const writing = new CountingMeter();
    const stats = startTracker(
      { db: flaky, bus, writing },
      { maxBatch: 1000, maxWaitMs: 5, retryBaseMs: 10, retryMaxMs: 50 },
    );
    const fixes = fixesOf(500, 24);
    const publishing = bus.publish(fixes);

    // The bus fills to its bound and the gateways are made to wait.
    await until(() => bus.stats().waitingPublishers > 0);
    expect(bus.stats().queued).toBe(5_000);
    expect(stats.inserted).toBe(0);

    outage.isDown = false;
    await publishing;
    await until(() => bus.stats().acknowledged === fixes.length);
    await bus.close();

    expect(outage.refused).toBeGreaterThan(0);
    expect(stats).toMatchObject({ inserted: 12_000, duplicates: 0 });
    // Every write, failed ones too, was measured from its start to its end.
    expect(writing.begun).toBe(stats.batches + stats.failedWrites);
    expect(writing.ended).toBe(writing.begun);
    expect(await db.prisma.positionFix.count({ where: { assetKey: { startsWith: '0138' } } })).toBe(
      12_000,
    );
    expect(
      await db.prisma.latestPosition.count({ where: { assetKey: { startsWith: '0138' } } }),
    ).toBe(500);
    const newest = await db.prisma.latestPosition.findFirstOrThrow({
      where: { assetKey: '013800000007' },
    });
    expect(newest.fixAt).toEqual(new Date(T0 + 23 * 30_000));
  });

  it('writes a redelivered batch once: at-least-once delivery, exactly-once storage', async () => {
    const bus = new InProcessFixBus();
    const stats = startTracker({ db, bus }, { maxWaitMs: 1 });
    const fixes = fixesOf(10, 3).map((f) => ({ ...f, assetKey: `dup${f.assetKey}` }));
    await bus.publish(fixes);
    await bus.publish(fixes);
    await until(() => bus.stats().acknowledged === 60);
    await bus.close();
    expect(stats).toMatchObject({ inserted: 30, duplicates: 30 });
  });

  it('writes the next batch while the after-write step digests the last, in order, holding back past its bound', async () => {
    const bus = new InProcessFixBus();
    const observedFirstKeys: string[] = [];
    const release: (() => void)[] = [];
    const stats = startTracker(
      {
        db,
        bus,
        // A slow observer: each batch waits until the test lets it go.
        afterWrite: async (batch) => {
          await new Promise<void>((resolve) => release.push(resolve));
          observedFirstKeys.push(batch[0]?.assetKey ?? '');
        },
      },
      { maxBatch: 10, maxWaitMs: 1, maxObserving: 2 },
    );
    const fixes = fixesOf(10, 6).map((f) => ({ ...f, assetKey: `obs${f.assetKey}` }));
    // Answered once all six batches are stored, which the held-back observers delay.
    const published = bus.publish(fixes);

    // Three batches committed (the third waits for room) while the first is still observed.
    await until(() => stats.batches === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stats.batches).toBe(3);
    expect(stats.observing).toBe(3);
    expect(observedFirstKeys).toEqual([]);

    // Let every observer go: the writer takes the rest, the observers follow in order.
    while (stats.batches < 6 || stats.observing > 0) {
      release.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await published;
    await bus.close();
    expect(stats).toMatchObject({ inserted: 60, batches: 6, observing: 0, failedAfterWrite: 0 });
    expect(observedFirstKeys).toHaveLength(6);
    // Each batch of 10 holds one report of every truck, oldest first: the same first key.
    expect(new Set(observedFirstKeys)).toEqual(new Set(['obs013800000000']));
  });
  it('stores fixes received more than a day late without showing them to geofences or observers', async () => {
    const bus = new InProcessFixBus();
    const observed: string[] = [];
    const stats = startTracker(
      {
        db,
        bus,
        afterWrite: async (batch) => {
          observed.push(...batch.map((fix) => fix.assetKey));
        },
      },
      { maxWaitMs: 1 },
    );
    const [current, late] = fleetFixes({ assets: 2, perAsset: 1, prefix: 'late' });
    if (!current || !late) throw new Error('no fixes');
    await bus.publish([
      current,
      { ...late, receivedAt: new Date(late.fixAt.getTime() + 3 * 86_400_000) },
    ]);
    await bus.close();
    expect(stats).toMatchObject({ inserted: 2, historyOnly: 1 });
    expect(observed).toEqual([current.assetKey]);
  });
});
