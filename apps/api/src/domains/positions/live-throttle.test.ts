import type { Position } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { throttledPositions } from './live-throttle.ts';
import { type LivePosition, LiveTopics } from './live-topics.ts';

const T0 = Date.parse('2026-11-25T02:00:00Z');
const HOUR = 3_600_000;

const at = (assetKey: string, seconds: number): LivePosition => ({
  organizationId: null,
  position: {
    assetKind: 'VEHICLE',
    assetKey,
    fixAt: new Date(T0 + seconds * 1000).toISOString(),
    lat: 30.62,
    lon: 122.05,
    speedKnots: 10,
    courseDeg: 90,
    headingDeg: null,
    status: null,
    source: 'JT808',
  } satisfies Position,
});

describe('a subscriber’s throttle', () => {
  it('hands on a held update that is due when more comes, not only on its timer', async () => {
    // An hour's window and a clock of the test's own: the window's timer does not run during
    // the test, as a busy event loop (10,000 terminals sending) runs timers seconds late.
    const live = new LiveTopics();
    let clock = 0;
    const abort = new AbortController();
    const updates = throttledPositions(live.positions, {
      accept: () => true,
      intervalMs: HOUR,
      signal: abort.signal,
      now: () => clock,
    });
    live.positions.publish([at('013916001001', 0)]);
    const first = await updates.next();
    expect(first.value?.map((p: Position) => p.fixAt)).toEqual([new Date(T0).toISOString()]);
    // Within the window: held.
    clock = 10;
    live.positions.publish([at('013916001001', 30)]);
    // The window has passed; another truck's update comes, and the held one goes with it.
    clock = HOUR + 1;
    live.positions.publish([at('013916001002', 60)]);
    const second = await updates.next();
    const handed = (second.value ?? []).map((p: Position) => `${p.assetKey}@${p.fixAt}`);
    expect(handed.sort()).toEqual([
      `013916001001@${new Date(T0 + 30_000).toISOString()}`,
      `013916001002@${new Date(T0 + 60_000).toISOString()}`,
    ]);
    abort.abort();
    await updates.return(undefined);
  });
});
