import { describe, expect, it } from 'vitest';
import { runSimulation } from './run.ts';
import { createScenario } from './scenario.ts';

describe('runSimulation', () => {
  it('stops at each simulated day for the daily work, before any later report goes out', async () => {
    const scenario = createScenario({
      seed: 'days',
      start: new Date('2026-11-25T08:00:00Z'),
      vessels: 2,
      vehicles: 1,
    });
    const days: { at: string; now: string }[] = [];
    const summary = await runSimulation({
      scenario,
      sinks: [],
      capture: null,
      speed: 'max',
      durationMs: 2.5 * 86_400_000,
      signal: new AbortController().signal,
      onProgress: () => {},
      onSimulatedDay: async (at) => {
        days.push({ at: at.toISOString(), now: scenario.now.toISOString() });
      },
    });
    expect(days).toEqual([
      { at: '2026-11-26T08:00:00.000Z', now: '2026-11-26T08:00:00.000Z' },
      { at: '2026-11-27T08:00:00.000Z', now: '2026-11-27T08:00:00.000Z' },
    ]);
    expect(summary.simulatedMs).toBe(2.5 * 86_400_000);
  });
});
