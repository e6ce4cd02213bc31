import { describe, expect, it } from 'vitest';
import { FairGate, GateFullError } from './fair-gate.ts';

/** A call that runs until released, so the test, not the clock, decides when calls end. */
function heldCall() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, task: () => released };
}

/** A gate that records the order calls start in, and a way to finish the running ones. */
function recordingGate(concurrency: number, maxQueuedPerClient = 1000) {
  const started: string[] = [];
  const running: (() => void)[] = [];
  const gate = new FairGate({
    concurrency,
    maxQueuedPerClient,
    onStarted: (client) => started.push(client),
  });
  const call = (client: string, signal?: AbortSignal) => {
    const held = heldCall();
    const done = gate.run(
      client,
      () => {
        running.push(held.release);
        return held.task();
      },
      signal,
    );
    return done;
  };
  /** Ends the oldest running call and lets the gate start the next ones. */
  const finishOne = async () => {
    running.shift()?.();
    // The gate's bookkeeping runs in the finished call's continuations: let them all run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { gate, started, call, finishOne, running };
}

describe('the fair gate', () => {
  it("runs a second client's one call next, not after the first client's hundred", async () => {
    const { started, call, finishOne } = recordingGate(1);
    const calls = Array.from({ length: 100 }, () => call('A'));
    calls.push(call('B'));
    expect(started).toEqual(['A']);
    await finishOne();
    expect(started).toEqual(['A', 'B']);
    while (started.length < 101) await finishOne();
    await finishOne();
    await Promise.all(calls);
    expect(started.filter((client) => client === 'A')).toHaveLength(100);
  });

  it('takes the clients in turn, each for one call', async () => {
    const { started, call, finishOne } = recordingGate(1);
    const calls = [
      ...Array.from({ length: 3 }, () => call('A')),
      ...Array.from({ length: 3 }, () => call('B')),
      call('C'),
    ];
    while (started.length < 7) await finishOne();
    await finishOne();
    await Promise.all(calls);
    expect(started).toEqual(['A', 'B', 'C', 'A', 'B', 'A', 'B']);
  });

  it('never runs more than its concurrency at once', async () => {
    const { gate, call, finishOne, running } = recordingGate(2);
    const calls = ['A', 'A', 'B', 'C', 'A', 'B'].map((client) => call(client));
    let most = 0;
    while (gate.stats.started < 6 || running.length > 0) {
      most = Math.max(most, gate.stats.running);
      await finishOne();
    }
    await Promise.all(calls);
    expect(most).toBe(2);
    expect(gate.stats).toMatchObject({ running: 0, queued: 0, started: 6 });
  });

  it('refuses a call past the per-client queue, and leaves other clients their room', async () => {
    const { gate, call, finishOne } = recordingGate(1, 2);
    const first = call('A');
    const queued = [call('A'), call('A')];
    await expect(call('A')).rejects.toBeInstanceOf(GateFullError);
    const other = call('B');
    expect(gate.stats).toMatchObject({ queued: 3, refused: 1 });
    for (let i = 0; i < 4; i++) await finishOne();
    await Promise.all([first, ...queued, other]);
  });

  it('drops a waiting call whose client went away, and runs the rest', async () => {
    const { gate, started, call, finishOne } = recordingGate(1);
    const running = call('A');
    const abort = new AbortController();
    const abandoned = call('B', abort.signal);
    const kept = call('C');
    abort.abort(new Error('client disconnected'));
    await expect(abandoned).rejects.toThrow('client disconnected');
    expect(gate.stats).toMatchObject({ queued: 1, abandoned: 1 });
    await finishOne();
    await finishOne();
    await Promise.all([running, kept]);
    expect(started).toEqual(['A', 'C']);
  });
});
