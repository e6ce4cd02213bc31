import { createTestDb, type TestDb } from '@harbor/db/testing';
import type { Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOutage } from '../../../test/outage.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { LatestPositionCache } from './latest-cache.ts';
import { LiveTap } from './live-tap.ts';
import { type LivePosition, LiveTopics } from './live-topics.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');
const TRUCK = '013916001001';

const fix = (assetKey: string, seconds: number): Fix => ({
  assetKind: 'VEHICLE',
  assetKey,
  fixAt: new Date(T0 + seconds * 1000),
  receivedAt: new Date(T0 + seconds * 1000),
  lat: 30.62 + seconds / 1e4,
  lon: 122.05,
  speedKnots: 10,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: 'JT808',
});

describe('the live tap: accepted fixes to the cache and the subscriptions, without the store', () => {
  let db: TestDb;
  let organizationId: string;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    const organization = await db.prisma.organization.create({
      data: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
    });
    organizationId = organization.id;
    await db.prisma.device.create({ data: { organizationId, terminalPhone: TRUCK } });
  });
  afterAll(() => db.drop());

  function tapped(options: { maxWaiting?: number } = {}, database: Pick<TestDb, 'sql'> = db) {
    const live = new LiveTopics();
    const devices = new DeviceDirectory({ prisma: db.prisma, sql: database.sql });
    const cache = new LatestPositionCache({ db: database, devices });
    const received: LivePosition[] = [];
    live.positions.subscribe((positions) => received.push(...positions));
    return {
      tap: new LiveTap(
        { cache, topic: live.positions },
        { intervalMs: 5, batchSize: 100, ...options },
      ),
      cache,
      received,
    };
  }

  it('hands accepted fixes on within a flush, with their owner, newest forward only', async () => {
    const { tap, cache, received } = tapped();
    tap.accept([fix(TRUCK, 0), fix(TRUCK, 30)]);
    tap.accept([fix(TRUCK, 10)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Nothing was written: the positions came from the tap alone.
    expect(await db.prisma.positionFix.count()).toBe(0);
    expect(received.map((p) => [p.position.fixAt, p.organizationId])).toEqual([
      [new Date(T0).toISOString(), organizationId],
      [new Date(T0 + 30_000).toISOString(), organizationId],
    ]);
    expect(cache.get('VEHICLE', TRUCK)?.fixAt).toBe(new Date(T0 + 30_000).toISOString());
    expect(tap.stats).toMatchObject({ forwarded: 3, dropped: 0, failedFlushes: 0 });
  });

  it('goes on while the database is away, finding a truck’s company once it is back', async () => {
    const { db: flaky, outage } = withOutage(db);
    const { tap, cache, received } = tapped({}, flaky);
    tap.accept([fix(TRUCK, 0)]);
    await tap.flush();
    expect(received.map((p) => p.organizationId)).toEqual([null]);
    expect(cache.ownerLookupFailures).toBe(1);
    outage.isDown = false;
    tap.accept([fix(TRUCK, 30)]);
    await tap.flush();
    expect(received.map((p) => p.organizationId)).toEqual([null, organizationId]);
  });

  it('leaves the oldest waiting fixes out of the live view past its bound, and counts them', async () => {
    const { tap, received } = tapped({ maxWaiting: 6 });
    tap.accept(Array.from({ length: 8 }, (_, i) => fix(`01391600100${i}`, i)));
    await tap.flush();
    // Full at six: the older three go, the seventh and eighth join the newer three.
    expect(tap.stats).toMatchObject({ forwarded: 5, dropped: 3 });
    expect(received.map((p) => p.position.assetKey)).toEqual(
      [3, 4, 5, 6, 7].map((i) => `01391600100${i}`),
    );
  });
  it('keeps fixes received more than a day late off the map and out of the cache', async () => {
    const { tap, cache, received } = tapped();
    const late = { ...fix('013916001009', 0), receivedAt: new Date(T0 + 2 * 86_400_000) };
    tap.accept([late]);
    await tap.flush();
    expect(received).toEqual([]);
    expect(cache.get('VEHICLE', '013916001009')).toBeNull();
  });

  it('moves a truck cached at a time in the future back to where a sane fix puts it', async () => {
    const { tap, cache, received } = tapped();
    const future = { ...fix('013916001008', 0), fixAt: new Date('9999-01-01T00:00:00Z') };
    // As the cache could load it from a database written before such fixes were refused.
    await cache.apply([future]);
    tap.accept([fix('013916001008', 30)]);
    await tap.flush();
    expect(cache.get('VEHICLE', '013916001008')?.fixAt).toBe(new Date(T0 + 30_000).toISOString());
    expect(received.map((p) => p.position.fixAt)).toEqual([new Date(T0 + 30_000).toISOString()]);
  });
});
