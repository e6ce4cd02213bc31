import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Context } from './context.ts';
import { FairGate } from './fair-gate.ts';
import { throughFairGate } from './fair-scheduling.ts';

describe('the fair gate as procedure middleware', () => {
  it('drops a call whose client left while it waited as closed by the client, not as failed', async () => {
    const gate = new FairGate({ concurrency: 1, maxQueuedPerClient: 10 });
    const ctx = { gate, user: null, client: { ipAddress: '192.0.2.7' } } as unknown as Context;
    let release = () => {};
    const running = throughFairGate({
      ctx,
      type: 'query',
      signal: undefined,
      next: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const abort = new AbortController();
    let ran = false;
    const waiting = throughFairGate({
      ctx,
      type: 'query',
      signal: abort.signal,
      next: async () => {
        ran = true;
      },
    });
    abort.abort();
    const error = await waiting.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('CLIENT_CLOSED_REQUEST');
    release();
    await running;
    expect(ran).toBe(false);
  });

  it('still fails a call with what its procedure threw', async () => {
    const gate = new FairGate({ concurrency: 1, maxQueuedPerClient: 10 });
    const ctx = { gate, user: null, client: { ipAddress: '192.0.2.7' } } as unknown as Context;
    const abort = new AbortController();
    const failure = new Error('the database went away');
    const call = throughFairGate({
      ctx,
      type: 'query',
      signal: abort.signal,
      next: () => Promise.reject(failure),
    });
    await expect(call).rejects.toBe(failure);
  });
});
