import { describe, expect, it } from 'vitest';
import { runSimulation } from './run.ts';
import { createScenario } from './scenario.ts';
import { newSinkCounters, type ReportSink } from './transports/sink.ts';

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

  it('takes a scenario up where the run before left it, with days still counted from its start', async () => {
    const scenario = createScenario({
      seed: 'continued',
      start: new Date('2026-11-25T08:00:00Z'),
      vessels: 2,
      vehicles: 2,
    });
    const sent: Date[] = [];
    const sink: ReportSink = {
      name: 'memory',
      counters: newSinkCounters(),
      lastError: null,
      start() {},
      send(report) {
        sent.push(report.sentAt);
      },
      async close() {},
    };
    const days: string[] = [];
    const run = (durationMs: number) =>
      runSimulation({
        scenario,
        sinks: [sink],
        capture: null,
        speed: 'max',
        durationMs,
        signal: new AbortController().signal,
        onProgress: () => {},
        onSimulatedDay: async (at) => {
          days.push(at.toISOString());
        },
      });
    await run(20 * 3_600_000);
    const firstRun = sent.length;
    const second = await run(6 * 3_600_000);
    expect(second.simulatedMs).toBe(6 * 3_600_000);
    expect(scenario.now.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(sent.length).toBeGreaterThan(firstRun);
    expect(
      sent.slice(firstRun).every((at) => at.getTime() > Date.parse('2026-11-26T04:00:00Z')),
    ).toBe(true);
    expect(days).toEqual(['2026-11-26T08:00:00.000Z']);
  });
});
