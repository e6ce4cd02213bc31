import { describe, expect, it } from 'vitest';
import { Topic } from './topic.ts';

describe('Topic', () => {
  it('hands each item to every subscriber, in the order they subscribed, until they leave', () => {
    const topic = new Topic<number>();
    const heard: string[] = [];
    const leaveA = topic.subscribe((n) => heard.push(`a${n}`));
    topic.subscribe((n) => heard.push(`b${n}`));
    topic.publish(1);
    leaveA();
    topic.publish(2);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });

  it('publishes to nobody without waiting, and counts its subscribers', () => {
    const topic = new Topic<string>();
    expect(() => topic.publish('unheard')).not.toThrow();
    expect(topic.subscribers).toBe(0);
    const leave = topic.subscribe(() => {});
    const leaveToo = topic.subscribe(() => {});
    expect(topic.subscribers).toBe(2);
    leave();
    leave();
    expect(topic.subscribers).toBe(1);
    leaveToo();
    expect(topic.subscribers).toBe(0);
  });

  it('lets the same listener subscribe twice; each unsubscribe removes one', () => {
    const topic = new Topic<number>();
    const heard: number[] = [];
    const listener = (n: number) => heard.push(n);
    const first = topic.subscribe(listener);
    const second = topic.subscribe(listener);
    topic.publish(1);
    first();
    topic.publish(2);
    second();
    topic.publish(3);
    expect(heard).toEqual([1, 1, 2]);
  });

  it('finishes a publish with the subscribers it started with', () => {
    const topic = new Topic<number>();
    const heard: string[] = [];
    let leaveB = () => {};
    topic.subscribe((n) => {
      heard.push(`a${n}`);
      // Leaving and joining during a publish change the next one, not this one.
      leaveB();
      topic.subscribe((m) => heard.push(`c${m}`));
    });
    leaveB = topic.subscribe((n) => heard.push(`b${n}`));
    topic.publish(1);
    expect(heard).toEqual(['a1', 'b1']);
    topic.publish(2);
    expect(heard).toEqual(['a1', 'b1', 'a2', 'c2']);
  });

  it('passes a listener’s error to the publisher', () => {
    const topic = new Topic<number>();
    topic.subscribe(() => {
      throw new Error('listener failed');
    });
    expect(() => topic.publish(1)).toThrow('listener failed');
  });
});

describe('Topic.listen', () => {
  it('subscribes at once, so what is published before the first read is not missed', async () => {
    const topic = new Topic<number>();
    const controller = new AbortController();
    const stream = topic.listen(controller.signal);
    expect(topic.subscribers).toBe(1);
    topic.publish(1);
    topic.publish(2);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    const waiting = stream.next();
    topic.publish(3);
    expect(await waiting).toEqual({ value: 3, done: false });
    controller.abort();
  });

  it('ends when the signal aborts, even while waiting, and unsubscribes', async () => {
    const topic = new Topic<number>();
    const controller = new AbortController();
    const stream = topic.listen(controller.signal);
    const waiting = stream.next();
    controller.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(topic.subscribers).toBe(0);
  });

  it('unsubscribes when the reader stops early', async () => {
    const topic = new Topic<number>();
    const stream = topic.listen(undefined);
    topic.publish(1);
    for await (const item of stream) {
      expect(item).toBe(1);
      break;
    }
    expect(topic.subscribers).toBe(0);
  });

  it('keeps at most `bound` items for a slow reader, dropping and counting the oldest', async () => {
    const topic = new Topic<number>();
    const controller = new AbortController();
    let dropped = 0;
    const stream = topic.listen(controller.signal, { bound: 3, onDrop: () => dropped++ });
    for (let n = 1; n <= 5; n++) topic.publish(n);
    expect(dropped).toBe(2);
    const read: number[] = [];
    for (let i = 0; i < 3; i++) read.push((await stream.next()).value as number);
    expect(read).toEqual([3, 4, 5]);
    controller.abort();
  });

  it('buffers only what it accepts, so skipped items take no room', async () => {
    const topic = new Topic<number>();
    const controller = new AbortController();
    let dropped = 0;
    const stream = topic.listen(controller.signal, {
      bound: 2,
      onDrop: () => dropped++,
      accept: (n) => n % 2 === 0,
    });
    for (let n = 1; n <= 4; n++) topic.publish(n);
    expect(dropped).toBe(0);
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 4, done: false });
    controller.abort();
  });

  it('yields nothing once the signal has aborted', async () => {
    const topic = new Topic<number>();
    const controller = new AbortController();
    controller.abort();
    const stream = topic.listen(controller.signal);
    topic.publish(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(topic.subscribers).toBe(0);
  });
});
