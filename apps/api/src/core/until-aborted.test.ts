import { describe, expect, it } from 'vitest';
import { untilAborted } from './until-aborted.ts';

/** A source that yields the given items, then waits forever (as a quiet live stream does). */
async function* quietAfter<T>(items: T[], finished: { value: boolean }) {
  try {
    yield* items;
    await new Promise(() => {});
  } finally {
    finished.value = true;
  }
}

describe('untilAborted', () => {
  it('passes items through and ends at once on abort, even while the source waits', async () => {
    const controller = new AbortController();
    const errors: unknown[] = [];
    const stream = untilAborted(quietAfter([1, 2], { value: false }), controller.signal, (e) =>
      errors.push(e),
    );
    expect(await stream.next()).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    const waiting = stream.next();
    controller.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(errors).toEqual([]);
  });

  it('ends when the source does, and yields nothing once already aborted', async () => {
    const finished = { value: false };
    async function* two() {
      yield 'a';
      yield 'b';
    }
    const items: string[] = [];
    for await (const item of untilAborted(two(), new AbortController().signal, () => {}))
      items.push(item);
    expect(items).toEqual(['a', 'b']);

    const stream = untilAborted(quietAfter(['x'], finished), AbortSignal.abort(), () => {});
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('hands an error the source throws after the end to onSourceError', async () => {
    const controller = new AbortController();
    let fail: (error: Error) => void = () => {};
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<IteratorResult<number>>((_, reject) => {
            fail = reject;
          }),
      }),
    };
    const errors: unknown[] = [];
    const stream = untilAborted(source, controller.signal, (error) => errors.push(error));
    const waiting = stream.next();
    controller.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
    fail(new Error('late'));
    await expect.poll(() => errors.map(String)).toEqual(['Error: late']);
  });
});
