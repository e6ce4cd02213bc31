import type { CaptureWriter } from './capture.ts';
import type { Scenario } from './scenario.ts';
import type { ReportSink, SinkCounters } from './transports/sink.ts';

export type RunOptions = {
  scenario: Scenario;
  sinks: readonly ReportSink[];
  capture: CaptureWriter | null;
  /** Simulated seconds per wall-clock second, or 'max': as fast as the sinks take it. */
  speed: number | 'max';
  /** Simulated time to run, from where the scenario stands; null: until aborted. */
  durationMs: number | null;
  signal: AbortSignal;
  onProgress(line: string): void;
  /**
   * Called as the simulated clock reaches each whole day after the start, before any later
   * report is sent; the run waits for it (the line agent's daily schedule).
   */
  onSimulatedDay?: (at: Date) => Promise<void>;
  progressEveryMs?: number;
  tickMs?: number;
};

export type RunSummary = { simulatedMs: number; reports: number; wallMs: number };

/**
 * Where a live run starts: now, unless it plays faster than life. Devices
 * do not report the future, and Harbor refuses fixes dated minutes ahead of its clock, so a
 * faster run starts in the past, just far enough for the simulated clock to reach the wall
 * clock as the run ends: `speed` times `duration` of simulated time in `duration / speed` of
 * wall time. (A capture file has no clock to keep to; the same rule keeps it in step.)
 */
export function liveStart(now: Date, speed: number | 'max', durationMs: number | null): Date {
  if (durationMs === null || (speed !== 'max' && speed <= 1)) return now;
  const behindMs = speed === 'max' ? durationMs : (durationMs * (speed - 1)) / speed;
  return new Date(now.getTime() - Math.ceil(behindMs / 1000) * 1000);
}

const DAY_MS = 86_400_000;

/** At speed "max", the scenario moves this much simulated time per turn of the event loop. */
const MAX_SPEED_STEP_MS = 30_000;

/**
 * Plays the scenario in (scaled) real time from where it stands (its start, unless a run
 * before this one played part of it): every tick, the reports due up to the simulated now go
 * to every sink (each takes the kinds it carries) and the capture. Prints a progress line
 * every few seconds. Resolves when the duration is played or the signal aborts.
 */
export async function runSimulation(options: RunOptions): Promise<RunSummary> {
  const { scenario, sinks, capture, speed, durationMs, signal } = options;
  const startMs = scenario.now.getTime();
  const endMs = durationMs === null ? Number.POSITIVE_INFINITY : startMs + durationMs;
  const wallStart = performance.now();
  const progress = new ProgressMeter(scenario, sinks, capture, speed);
  const progressEveryMs = options.progressEveryMs ?? 5000;
  let lastProgress = wallStart;
  let reports = 0;
  // Whole days counted from the scenario's start, wherever this run takes it up.
  const dayZeroMs = scenario.start.getTime();
  const firstDayMs = dayZeroMs + (Math.floor((startMs - dayZeroMs) / DAY_MS) + 1) * DAY_MS;
  let nextDayMs = options.onSimulatedDay ? firstDayMs : Number.POSITIVE_INFINITY;
  while (!signal.aborted) {
    const wallNow = performance.now();
    const simTarget =
      speed === 'max'
        ? scenario.now.getTime() + MAX_SPEED_STEP_MS
        : startMs + Math.floor((wallNow - wallStart) * speed);
    const untilMs = Math.min(simTarget, endMs, nextDayMs);
    for (const report of scenario.advanceTo(new Date(untilMs))) {
      reports++;
      for (const sink of sinks) sink.send(report);
      capture?.write(report);
    }
    if (untilMs === nextDayMs && untilMs < endMs) {
      await options.onSimulatedDay?.(new Date(untilMs));
      nextDayMs += DAY_MS;
    }
    if (wallNow - lastProgress >= progressEveryMs) {
      options.onProgress(progress.line(wallNow));
      lastProgress = wallNow;
    }
    if (untilMs >= endMs) break;
    await pause(speed === 'max' ? 0 : (options.tickMs ?? 200), signal);
  }
  return {
    simulatedMs: scenario.now.getTime() - startMs,
    reports,
    wallMs: performance.now() - wallStart,
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = ms === 0 ? setImmediate(done) : setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      if (ms === 0) clearImmediate(timer as NodeJS.Immediate);
      else clearTimeout(timer as NodeJS.Timeout);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Progress lines: simulated time and, per transport, counts and the send rate since the last line. */
export class ProgressMeter {
  private readonly previous = new Map<string, number>();
  private previousWall = performance.now();

  constructor(
    private readonly scenario: Scenario,
    private readonly sinks: readonly ReportSink[],
    private readonly capture: CaptureWriter | null,
    private readonly speed: number | 'max',
  ) {}

  line(wallNow = performance.now()): string {
    const seconds = Math.max(0.001, (wallNow - this.previousWall) / 1000);
    this.previousWall = wallNow;
    const elapsed = formatDuration(this.scenario.now.getTime() - this.scenario.start.getTime());
    const parts = [`${this.scenario.now.toISOString().slice(0, 19)}Z +${elapsed} (x${this.speed})`];
    for (const sink of this.sinks) {
      const rate = (sink.counters.sent - (this.previous.get(sink.name) ?? 0)) / seconds;
      this.previous.set(sink.name, sink.counters.sent);
      parts.push(
        `${sink.name} ${formatCounters(sink.counters)} ${rate.toFixed(1)}/s${sink.lastError ? ` [${sink.lastError}]` : ''}`,
      );
    }
    if (this.capture) parts.push(`capture ${this.capture.lines} lines`);
    return parts.join(' | ');
  }
}

export function formatCounters(c: SinkCounters): string {
  return `sent ${c.sent} ack ${c.acknowledged} refused ${c.refused} errors ${c.errors}`;
}

export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
}
