import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { Alert, Fix, Position } from '@harbor/shared';
import type { TRPCClient } from '@trpc/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/fixtures.ts';
import { nodeClient } from '../../../test/live-client.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import type { AppRouter } from '../../runtime/app-router.ts';
import { describeAlert } from '../alerts/describe.ts';
import { DeviceDirectory } from '../vehicles/device-directory.ts';
import { LatestPositionCache } from './latest-cache.ts';
import { LiveTopics } from './live-topics.ts';

// Subscriptions over real SSE, fed the way the tracker feeds them: a committed batch goes
// through the latest-position cache, and what moved forward is published on the positions topic.
const PASSWORD = 'correct horse battery';
const T0 = Date.parse('2026-11-25T02:00:00Z');
const YANGSHAN = { minLat: 30.55, minLon: 121.95, maxLat: 30.7, maxLon: 122.15 };
const DHCL_TRUCK = '013916001001';
const LGFT_TRUCK = '013816002001';
const VESSEL = '477266900';

const fix = (
  assetKind: Fix['assetKind'],
  assetKey: string,
  seconds: number,
  lat: number,
  lon: number,
): Fix => ({
  assetKind,
  assetKey,
  fixAt: new Date(T0 + seconds * 1000),
  receivedAt: new Date(T0 + seconds * 1000),
  lat,
  lon,
  speedKnots: 10,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
});

/** Collects what a subscription delivers; `next(n)` waits until n more messages came. */
function collector<T>() {
  const items: T[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  return {
    items,
    push(item: T) {
      items.push(item);
      if (waiting && items.length >= waiting.count) waiting.resolve();
    },
    async until(count: number, timeoutMs = 5_000): Promise<T[]> {
      if (items.length < count)
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`waited for ${count} messages, got ${items.length}`)),
            timeoutMs,
          );
          waiting = {
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          };
        });
      return items.slice(0, count);
    },
  };
}

const keys = (positions: Position[]) => positions.map((p) => `${p.assetKind}:${p.assetKey}`).sort();

describe.each(testDbTargets())('live subscriptions over SSE on %s', (target) => {
  let world: World;
  let live: LiveTopics;
  let cache: LatestPositionCache;
  let base: string;
  let close: () => Promise<void>;
  const clients = new Map<string, TRPCClient<AppRouter>>();

  /** What the tracker does with a batch: store, update the cache, publish what moved. */
  async function track(...fixes: Fix[]) {
    await writeFixes(world.db, fixes);
    live.positions.publish(await cache.apply(fixes));
  }

  const client = async (email: string) => {
    const existing = clients.get(email);
    if (existing) return existing;
    const { client } = await nodeClient(base, { email, password: PASSWORD });
    clients.set(email, client);
    return client;
  };

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    await world.db.prisma.device.createMany({
      data: [
        { organizationId: world.organizations.dhcl.id, terminalPhone: DHCL_TRUCK },
        { organizationId: world.organizations.lgft.id, terminalPhone: LGFT_TRUCK },
      ],
    });
    live = new LiveTopics();
    cache = new LatestPositionCache({ db: world.db, devices: new DeviceDirectory(world.db) });
    await cache.load();
    await track(
      fix('VESSEL', VESSEL, 0, 30.62, 122.05),
      fix('VEHICLE', DHCL_TRUCK, 0, 30.63, 122.06),
      fix('VEHICLE', LGFT_TRUCK, 0, 30.64, 122.07),
    );
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      latestPositions: cache,
      live,
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    await world.db.drop();
  });

  it("streams the map viewport: a snapshot, then movements, never another company's trucks", async () => {
    const dispatcher = await client('dhcldispatcher@test.harbor.local');
    const received = collector<Position[]>();
    const subscription = dispatcher.positions.live.subscribe(
      { bbox: YANGSHAN, intervalMs: 100 },
      { onData: (positions) => received.push(positions) },
    );
    try {
      const [snapshot] = await received.until(1);
      expect(keys(snapshot ?? [])).toEqual([`VEHICLE:${DHCL_TRUCK}`, `VESSEL:${VESSEL}`]);

      await track(
        fix('VEHICLE', LGFT_TRUCK, 30, 30.641, 122.071),
        fix('VEHICLE', DHCL_TRUCK, 30, 30.631, 122.061),
        // Outside the viewport (Waigaoqiao): not sent.
        fix('VESSEL', '413000001', 30, 31.36, 121.6),
      );
      const [, moved] = await received.until(2);
      expect(moved).toEqual([
        expect.objectContaining({ assetKey: DHCL_TRUCK, lat: 30.631, lon: 122.061 }),
      ]);
      // A fix older than the latest moves nothing and is not sent.
      await track(
        fix('VESSEL', VESSEL, -60, 30.5, 122.0),
        fix('VESSEL', VESSEL, 40, 30.621, 122.051),
      );
      const [, , vessel] = await received.until(3);
      expect(vessel).toEqual([expect.objectContaining({ assetKey: VESSEL, lat: 30.621 })]);
      expect(received.items.flat().some((p) => p.assetKey === LGFT_TRUCK)).toBe(false);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('throttles per asset: the first update at once, the newest of the rest when the window ends', async () => {
    const operator = await client('portoperator@test.harbor.local');
    const received = collector<Position[]>();
    const subscription = operator.positions.asset.subscribe(
      { assetKind: 'VEHICLE', assetKey: LGFT_TRUCK, intervalMs: 1_000 },
      { onData: (positions) => received.push(positions) },
    );
    try {
      const [current] = await received.until(1);
      expect(current?.map((p) => p.assetKey)).toEqual([LGFT_TRUCK]);
      await track(fix('VEHICLE', LGFT_TRUCK, 100, 30.65, 122.08));
      await received.until(2);
      const firstAt = performance.now();
      await track(fix('VEHICLE', LGFT_TRUCK, 101, 30.651, 122.081));
      await track(fix('VEHICLE', LGFT_TRUCK, 102, 30.652, 122.082));
      const [, first, held] = await received.until(3);
      const heldAfter = performance.now() - firstAt;
      expect(first?.map((p) => p.lat)).toEqual([30.65]);
      // The 101 s fix was replaced by the 102 s one while the window was open.
      expect(held?.map((p) => p.lat)).toEqual([30.652]);
      expect(heldAfter).toBeGreaterThan(500);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("hands on the newest of an asset's updates that came together, at once, not the oldest first", async () => {
    const operator = await client('portoperator@test.harbor.local');
    const received = collector<Position[]>();
    // A window so long that a held update would not come within the wait.
    const subscription = operator.positions.asset.subscribe(
      { assetKind: 'VEHICLE', assetKey: LGFT_TRUCK, intervalMs: 60_000 },
      { onData: (positions) => received.push(positions) },
    );
    try {
      await received.until(1);
      // Two reports of the truck read together (a busy moment): one batch, both moved forward.
      await track(
        fix('VEHICLE', LGFT_TRUCK, 300, 30.66, 122.09),
        fix('VEHICLE', LGFT_TRUCK, 301, 30.661, 122.091),
      );
      const [, update] = await received.until(2);
      expect(update?.map((p) => [p.lat, (Date.parse(p.fixAt) - T0) / 1000])).toEqual([
        [30.661, 301],
      ]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('replays a stored track in time order, faster than it happened', async () => {
    const operator = await client('portoperator@test.harbor.local');
    const received = collector<Position>();
    const started = performance.now();
    const subscription = operator.positions.replay.subscribe(
      {
        assetKind: 'VEHICLE',
        assetKey: LGFT_TRUCK,
        from: new Date(T0).toISOString(),
        to: new Date(T0 + 200_000).toISOString(),
        speed: 100,
      },
      { onData: (position) => received.push(position) },
    );
    try {
      const played = await received.until(5);
      expect(played.map((p) => (Date.parse(p.fixAt) - T0) / 1000)).toEqual([0, 30, 100, 101, 102]);
      // 102 s of track at 100x: about a second, not 102 seconds.
      expect(performance.now() - started).toBeGreaterThan(900);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("refuses another company's truck as NOT_FOUND", async () => {
    const dispatcher = await client('dhcldispatcher@test.harbor.local');
    const error = await new Promise<unknown>((resolve) => {
      const subscription = dispatcher.positions.asset.subscribe(
        { assetKind: 'VEHICLE', assetKey: LGFT_TRUCK },
        {
          onData: () => resolve(new Error('received data')),
          onError: (err) => {
            subscription.unsubscribe();
            resolve(err);
          },
        },
      );
    });
    expect((error as { data?: { code?: string } }).data?.code).toBe('NOT_FOUND');
  });

  it('streams alerts to their organization only, and replays what a reconnecting client missed', async () => {
    const raise = async (organizationId: string, message: string, minutes: number) => {
      const row = await world.db.prisma.alert.create({
        data: {
          organizationId,
          kind: 'SPEEDING',
          severity: 'WARNING',
          assetKind: 'VEHICLE',
          assetKey: DHCL_TRUCK,
          message,
          raisedAt: new Date(T0 + minutes * 60_000),
        },
      });
      const alert = await describeAlert(world.db.prisma, row);
      live.alerts.publish(alert);
      return alert;
    };
    const dhcl = world.organizations.dhcl.id;
    const dispatcher = await client('dhcldispatcher@test.harbor.local');
    const received = collector<{ id: string; data: Alert }>();
    const first = dispatcher.alerts.live.subscribe(undefined, {
      onData: (event) => received.push(event),
    });
    // The stream is open once the server has registered the listener.
    await expect.poll(() => live.subscribers.alerts).toBe(1);
    const seen = await raise(dhcl, 'seen live', 1);
    await raise(world.organizations.lgft.id, 'another company', 2);
    const [event] = await received.until(1);
    expect(event).toEqual({ id: seen.id, data: seen });
    first.unsubscribe();

    // Raised while the client was away; it comes back with the last id it saw.
    const missed = await raise(dhcl, 'missed', 3);
    const replayed = collector<{ id: string; data: Alert }>();
    const second = dispatcher.alerts.live.subscribe(
      { lastEventId: seen.id },
      { onData: (e) => replayed.push(e) },
    );
    try {
      const [again] = await replayed.until(1);
      expect(again?.data.message).toBe(missed.message);
      expect(received.items.map((e) => e.data.message)).toEqual(['seen live']);
    } finally {
      second.unsubscribe();
    }
  });
});
