import { describe, expect, it } from 'vitest';
import { Batcher, WriteBehind } from './batcher.ts';

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the batcher', () => {
  it('fetches the keys asked together in one call, each key once, a missing one as missing', async () => {
    const fetches: string[][] = [];
    const batcher = new Batcher<string, number | null>({
      fetch: async (keys) => {
        fetches.push(keys);
        return new Map(keys.filter((key) => key !== 'none').map((key) => [key, key.length]));
      },
      missing: null,
    });
    const answers = await Promise.all(['a', 'bb', 'a', 'none'].map((key) => batcher.load(key)));
    expect(answers).toEqual([1, 2, 1, null]);
    expect(fetches).toEqual([['a', 'bb', 'none']]);
  });

  it('keeps batches to their size and fetches to their number, the rest waiting their turn', async () => {
    const started: { keys: number[]; done: ReturnType<typeof deferred<void>> }[] = [];
    const batcher = new Batcher<number, number>({
      fetch: async (keys) => {
        const done = deferred<void>();
        started.push({ keys, done });
        await done.promise;
        return new Map(keys.map((key) => [key, key * 10]));
      },
      missing: -1,
      maxBatch: 3,
      maxConcurrent: 2,
    });
    const answers = Promise.all(Array.from({ length: 8 }, (_, i) => batcher.load(i)));
    await expect.poll(() => started.length).toBe(2);
    expect(started.map((fetch) => fetch.keys)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    // Two running: the third batch waits until one of them is done.
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[0]?.done.resolve();
    await expect.poll(() => started.length).toBe(3);
    expect(started[2]?.keys).toEqual([6, 7]);
    started[1]?.done.resolve();
    started[2]?.done.resolve();
    expect(await answers).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('rejects the callers of a failed fetch, and only them', async () => {
    let calls = 0;
    const batcher = new Batcher<string, string>({
      fetch: async (keys) => {
        if (calls++ === 0) throw new Error('database down');
        return new Map(keys.map((key) => [key, key]));
      },
      missing: '',
    });
    const failed = Promise.all([batcher.load('a'), batcher.load('b')]);
    await expect(failed).rejects.toThrow('database down');
    expect(await batcher.load('a')).toBe('a');
  });

  it('never answers from an earlier fetch: a key asked again is fetched again', async () => {
    let value = 1;
    const batcher = new Batcher<string, number>({
      fetch: async (keys) => new Map(keys.map((key) => [key, value])),
      missing: 0,
    });
    expect(await batcher.load('code')).toBe(1);
    value = 2;
    expect(await batcher.load('code')).toBe(2);
  });
});

describe('the write-behind', () => {
  it('writes what was set in one turn as one batch, the latest value per key', async () => {
    const writes: Map<string, number>[] = [];
    const behind = new WriteBehind<string, number>(async (entries) => {
      writes.push(new Map(entries));
    });
    behind.set('a', 1);
    behind.set('b', 2);
    behind.set('a', 3);
    await behind.flushed();
    expect(writes).toEqual([
      new Map([
        ['a', 3],
        ['b', 2],
      ]),
    ]);
  });

  it('runs one write at a time, the next with everything set meanwhile', async () => {
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const writes: string[][] = [];
    const behind = new WriteBehind<string, number>(async (entries) => {
      writes.push([...entries.keys()]);
      const gate = deferred<void>();
      gates.push(gate);
      await gate.promise;
    });
    behind.set('a', 1);
    await expect.poll(() => writes.length).toBe(1);
    behind.set('b', 1);
    behind.set('c', 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    gates[0]?.resolve();
    await expect.poll(() => writes.length).toBe(2);
    gates[1]?.resolve();
    await behind.flushed();
    expect(writes).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps a failed write’s values and writes them later, a newer value winning', async () => {
    const writes: Map<string, number>[] = [];
    let fail = true;
    const behind = new WriteBehind<string, number>(async (entries) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      writes.push(new Map(entries));
    }, 10);
    behind.set('a', 1);
    behind.set('b', 1);
    await behind.flushed();
    behind.set('a', 2);
    await behind.flushed();
    await expect
      .poll(() => writes)
      .toEqual([
        new Map([
          ['a', 2],
          ['b', 1],
        ]),
      ]);
  });
});
