import type { Fix } from '@harbor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessFixBus } from './fix-bus.ts';

const fix = (i: number): Fix => ({
  assetKind: 'VEHICLE',
  assetKey: `dev${i % 50}`,
  fixAt: new Date(Date.UTC(2026, 10, 25, 2, 0, 0, i)),
  receivedAt: new Date(Date.UTC(2026, 10, 25, 2, 0, 1, i)),
  lat: 30.87,
  lon: 121.9,
  speedKnots: null,
  courseDeg: null,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: 'SIM',
});

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('the in-process fix bus', () => {
  let bus: InProcessFixBus;
  afterEach(() => bus.close());

  it('delivers every fix once, in order, in batches no larger than asked', async () => {
    bus = new InProcessFixBus();
    const seen: number[] = [];
    const sizes: number[] = [];
    bus.consume(
      async (batch) => {
        sizes.push(batch.length);
        seen.push(
          ...batch.map((f) => f.fixAt.getUTCMilliseconds() + f.fixAt.getUTCSeconds() * 1000),
        );
      },
      { maxBatch: 300, maxWaitMs: 1 },
    );
    await bus.publish(Array.from({ length: 1000 }, (_, i) => fix(i)));
    await until(() => bus.stats().acknowledged === 1000);
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(300);
  });

  it('redelivers a batch whose handler failed, losing nothing', async () => {
    bus = new InProcessFixBus();
    let failuresLeft = 3;
    const stored: Fix[] = [];
    bus.consume(
      async (batch) => {
        if (failuresLeft-- > 0) throw new Error('database unreachable');
        stored.push(...batch);
      },
      { maxWaitMs: 1, retryBaseMs: 1 },
    );
    await bus.publish(Array.from({ length: 100 }, (_, i) => fix(i)));
    await until(() => bus.stats().acknowledged === 100);
    expect(stored).toHaveLength(100);
    expect(bus.stats()).toMatchObject({ retries: 3, queued: 0 });
  });

  it('holds publishers back while full, and lets them in as the consumer catches up', async () => {
    bus = new InProcessFixBus(10);
    let isDatabaseUp = false;
    bus.consume(
      async () => {
        if (!isDatabaseUp) throw new Error('database unreachable');
      },
      { maxWaitMs: 1, retryBaseMs: 1, retryMaxMs: 2 },
    );
    let isAccepted = false;
    const publishing = bus.publish(Array.from({ length: 25 }, (_, i) => fix(i))).then(() => {
      isAccepted = true;
    });
    await until(() => bus.stats().waitingPublishers === 1);
    expect(bus.stats().queued).toBe(10);
    expect(isAccepted).toBe(false);
    isDatabaseUp = true;
    await publishing;
    await until(() => bus.stats().acknowledged === 25);
    expect(bus.stats().queued).toBe(0);
  });

  it('refuses to publish once closed', async () => {
    bus = new InProcessFixBus();
    await bus.close();
    await expect(bus.publish([fix(1)])).rejects.toThrow('closed');
  });
});
