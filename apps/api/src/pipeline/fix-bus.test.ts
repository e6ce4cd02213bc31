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
  for (let i = 0; i < 12_000 && !condition(); i++)
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
    bus = new InProcessFixBus({ capacity: 10 });
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

  it('resolves a publish only once the batch holding its fixes has committed', async () => {
    bus = new InProcessFixBus();
    let commit: (() => void) | null = null;
    const committed: number[] = [];
    bus.consume(
      (batch) =>
        new Promise<void>((resolve) => {
          commit = () => {
            commit = null;
            committed.push(batch.length);
            resolve();
          };
        }),
      { maxWaitMs: 1 },
    );
    const commitWhenWriting = async () => {
      await until(() => commit !== null);
      commit?.();
    };
    const events: string[] = [];
    const first = bus.publish([fix(1), fix(2)]).then(() => events.push('first stored'));
    const calledBack: (Error | undefined)[] = [];
    expect(bus.publishNow([fix(3)], (error) => calledBack.push(error))).toBe(true);
    // The consumer holds its first batch uncommitted: nobody has been answered.
    await until(() => commit !== null);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
    expect(calledBack).toEqual([]);
    await commitWhenWriting();
    await first;
    expect(events).toEqual(['first stored']);
    // The third fix went into the same batch or the next one; either way it is answered only
    // after a commit that included it.
    if (committed[0] === 2) {
      expect(calledBack).toEqual([]);
      await commitWhenWriting();
    }
    await until(() => calledBack.length === 1);
    expect(calledBack).toEqual([undefined]);
    expect(committed.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('tells publishers whose fixes were never stored, when it closes, instead of answering them', async () => {
    bus = new InProcessFixBus();
    bus.consume(
      async () => {
        throw new Error('database unreachable');
      },
      { maxWaitMs: 1, retryBaseMs: 1, retryMaxMs: 2 },
    );
    const publishing = bus.publish([fix(1)]);
    const calledBack: (Error | undefined)[] = [];
    bus.publishNow([fix(2)], (error) => calledBack.push(error));
    await bus.close(0);
    await expect(publishing).rejects.toThrow('closed before these fixes were stored');
    expect(calledBack).toHaveLength(1);
    expect(calledBack[0]).toBeInstanceOf(Error);
  });

  it('refuses to publish once closed', async () => {
    bus = new InProcessFixBus();
    await bus.close();
    await expect(bus.publish([fix(1)])).rejects.toThrow('closed');
  });
});
