import { testDbTargets } from '@harbor/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domains/auth/api-keys.ts';
import { InProcessFixBus } from '../../src/pipeline/fix-bus.ts';
import { startTracker } from '../../src/pipeline/tracker.ts';
import { buildWorld, type World } from '../fixtures.ts';
import { withOutage } from '../outage.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';

// `POST /ingest/fixes` against a careless or hostile client: an answer of 202 is a promise
// that the fixes are stored, a company posts only for its own trucks, and a feed that cannot
// be stored in time is told so instead of being told a lie.

const NOW = new Date('2026-11-25T02:20:00Z');
const DHCL_TRUCK = '013916001001';
const LGFT_TRUCK = '013816002001';

describe.each(testDbTargets())('HTTP ingest against a hostile client on %s', (target) => {
  let world: World;
  let dhclKey: string;

  beforeAll(async () => {
    world = await buildWorld(target);
    await world.db.prisma.device.createMany({
      data: [
        { organizationId: world.organizations.dhcl.id, terminalPhone: DHCL_TRUCK },
        { organizationId: world.organizations.lgft.id, terminalPhone: LGFT_TRUCK },
      ],
    });
    dhclKey = (await createApiKey(world, world.users.dhclAdmin, { name: 'DHCL TMS' })).key;
  });
  afterAll(() => world.db.drop());

  /** Harbor's HTTP face over a real in-process bus whose tracker writes to a database that can be switched off. */
  async function harbor(options: { storeWithinMs?: number } = {}) {
    const bus = new InProcessFixBus();
    const { db: flaky, outage } = withOutage(world.db);
    outage.isDown = false;
    const tracker = startTracker(
      { db: flaky, bus },
      { maxWaitMs: 1, retryBaseMs: 5, retryMaxMs: 20 },
    );
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      now: () => NOW,
      publishFixes: (fixes) => bus.publish(fixes),
      ...(options.storeWithinMs === undefined
        ? {}
        : { ingestStoreWithinMs: options.storeWithinMs }),
    });
    const { base, close } = await serve(app);
    const post = (fixes: unknown[]) =>
      fetch(`${base}/ingest/fixes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${dhclKey}` },
        body: JSON.stringify({ fixes }),
      });
    return {
      post,
      outage,
      tracker,
      async stop() {
        outage.isDown = false;
        await close();
        await bus.close();
      },
    };
  }

  const fix = (deviceId: string, minute: number) => ({
    deviceId,
    time: new Date(NOW.getTime() - (30 - minute) * 60_000).toISOString(),
    lat: 30.87,
    lon: 121.9,
  });
  const stored = (deviceId: string) =>
    world.db.prisma.positionFix.count({ where: { assetKind: 'VEHICLE', assetKey: deviceId } });

  it('answers 202 only once the fixes are stored: the rows are there when the answer arrives', async () => {
    const h = await harbor();
    try {
      const before = await stored(DHCL_TRUCK);
      const response = await h.post([fix(DHCL_TRUCK, 1), fix(DHCL_TRUCK, 2)]);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 2, rejected: [] });
      // No wait after the answer: it came after the commit.
      expect(await stored(DHCL_TRUCK)).toBe(before + 2);
    } finally {
      await h.stop();
    }
  });

  it('tells the client to send again (503, Retry-After) when the database cannot store the fixes in time', async () => {
    const h = await harbor({ storeWithinMs: 200 });
    try {
      h.outage.isDown = true;
      const response = await h.post([fix(DHCL_TRUCK, 3)]);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toEqual({
        error: 'the fixes could not be stored in time; send them again',
        code: 'ingest.not-stored',
      });
      expect(h.outage.refused).toBeGreaterThan(0);
    } finally {
      await h.stop();
    }
    // The database is back (here behind a Harbor that waits as long as it does by default, so
    // a slow machine's commit is not mistaken for an outage): the client sends again and is
    // answered; the fix is stored once.
    const back = await harbor();
    try {
      const again = await back.post([fix(DHCL_TRUCK, 3)]);
      expect(again.status).toBe(202);
      expect(
        await world.db.prisma.positionFix.count({
          where: { assetKey: DHCL_TRUCK, fixAt: new Date(fix(DHCL_TRUCK, 3).time) },
        }),
      ).toBe(1);
    } finally {
      await back.stop();
    }
  });

  it('refuses fixes for another company’s truck, and for vessels from a company that is no port feed, keeping the rest', async () => {
    const h = await harbor();
    try {
      const before = await stored(LGFT_TRUCK);
      const response = await h.post([
        fix(LGFT_TRUCK, 4),
        { ...fix('413000001', 4), assetKind: 'VESSEL' },
        fix(DHCL_TRUCK, 4),
      ]);
      expect(response.status).toBe(202);
      const body = (await response.json()) as {
        accepted: number;
        rejected: { index: number; field: string }[];
      };
      expect(body.accepted).toBe(1);
      expect(body.rejected.map(({ index, field }) => ({ index, field }))).toEqual([
        { index: 0, field: 'deviceId' },
        { index: 1, field: 'deviceId' },
      ]);
      expect(await stored(LGFT_TRUCK)).toBe(before);
    } finally {
      await h.stop();
    }
  });
});
