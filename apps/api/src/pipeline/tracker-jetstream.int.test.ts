import { randomBytes } from 'node:crypto';
import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_T0, fleetFixes } from '../../test/fleet-fixes.ts';
import { withOutage } from '../../test/outage.ts';
import { JetStreamFixBus } from './jetstream-fix-bus.ts';
import { startTracker } from './tracker.ts';

// The tracker consuming the JetStream bus on the real NATS server (NATS_URL; CI:
// nats://127.0.0.1:4222) into the real database: a fix is acknowledged only after the write
// that holds it commits, so a database outage or a tracker restart loses nothing.
const NATS_URL = process.env.NATS_URL;
const T0 = FLEET_T0;
const fixesOf = (prefix: string, assets: number, perAsset: number, fromStep = 0) =>
  fleetFixes({ prefix, digits: 6, assets, perAsset, fromStep });

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await condition()).toBe(true);
};

describe.runIf(NATS_URL).each(testDbTargets())('the tracker on JetStream and %s', (target) => {
  const id = randomBytes(4).toString('hex');
  const options = {
    url: NATS_URL ?? '',
    stream: `HARBOR_TRACKER_TEST_${id}`,
    subjectPrefix: `test.${id}.tracker`,
    partitions: 4,
    ackWaitMs: 1000,
  };
  let db: TestDb;
  // Every bus a test opens is closed after it, passed or failed: a tracker left running would
  // take the next test's fixes on its own partitions.
  const opened: JetStreamFixBus[] = [];
  const open = async () => {
    const bus = await JetStreamFixBus.connect(options);
    opened.push(bus);
    return bus;
  };
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterEach(async () => {
    for (const bus of opened.splice(0)) await bus.close();
  });
  afterAll(async () => {
    const bus = await open();
    await bus.destroy().catch(() => undefined);
    await bus.close();
    await db.drop();
  });

  const stored = (prefix: string) =>
    db.prisma.positionFix.count({ where: { assetKey: { startsWith: prefix } } });

  it('acknowledges nothing while the database is down, then stores every fix once', async () => {
    const bus = await open();
    const { db: flaky, outage } = withOutage(db);
    const stats = startTracker(
      { db: flaky, bus },
      { maxBatch: 500, maxWaitMs: 5, retryBaseMs: 20, retryMaxMs: 100 },
    );
    const fixes = fixesOf('JSD', 200, 10);
    await bus.publish(fixes);
    await until(() => outage.refused > 2);
    expect(bus.stats().acknowledged).toBe(0);
    expect(await stored('JSD')).toBe(0);

    outage.isDown = false;
    await until(async () => (await stored('JSD')) === fixes.length);
    await until(() => bus.stats().acknowledged === fixes.length);
    await bus.close();
    expect(stats.inserted).toBe(fixes.length);
    expect(
      await db.prisma.latestPosition.count({ where: { assetKey: { startsWith: 'JSD' } } }),
    ).toBe(200);
  });

  it('loses nothing and stores nothing twice across a tracker restart', async () => {
    const first = await open();
    const { db: flaky, outage } = withOutage(db);
    outage.isDown = false;
    startTracker(
      { db: flaky, bus: first },
      { maxBatch: 200, maxWaitMs: 5, retryBaseMs: 20, retryMaxMs: 100 },
    );
    const before = fixesOf('JSR', 100, 20);
    await first.publish(before.slice(0, 1000));
    await until(async () => (await stored('JSR')) === 1000);
    // The database goes away under the first tracker, which then takes batches it cannot
    // write; stopped so, it acknowledged none of them, and JetStream delivers them again to
    // the next tracker.
    outage.isDown = true;
    await first.publish(before.slice(1000));
    await until(() => outage.refused > 0);
    await first.close();
    expect(await stored('JSR')).toBe(1000);

    // Fixes published while no tracker runs wait in the stream.
    const publisher = await open();
    const during = fixesOf('JSR', 100, 10, 20);
    await publisher.publish(during);

    const second = await open();
    const stats = startTracker({ db, bus: second }, { maxBatch: 200, maxWaitMs: 5 });
    const total = before.length + during.length;
    await until(async () => (await stored('JSR')) === total);
    // A little longer: a late redelivery must not add rows.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await stored('JSR')).toBe(total);
    expect(stats.inserted + stats.duplicates).toBeGreaterThanOrEqual(during.length);
    const newest = await db.prisma.latestPosition.findFirstOrThrow({
      where: { assetKey: 'JSR000042' },
    });
    expect(newest.fixAt).toEqual(new Date(T0 + 29 * 30_000));
    await second.close();
    await publisher.close();
  });
});
