import type { GateMoves } from '@harbor/shared';

/** A round step (1, 2 or 5 times a power of ten) giving about `targetTicks` ticks up to `max`. */
export function niceStep(max: number, targetTicks = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / targetTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(nice * power, 1);
}

/** A value axis from 0 to a round top at or above `max`, with its ticks (integers: counts). */
export function countScale(max: number, targetTicks = 5): { top: number; ticks: number[] } {
  const step = niceStep(max, targetTicks);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return { top, ticks };
}

/** The pixel height of a value on an axis from 0 to `top` that is `plotHeight` pixels tall. */
export function barHeight(value: number, top: number, plotHeight: number): number {
  if (top <= 0 || value <= 0) return 0;
  return (Math.min(value, top) / top) * plotHeight;
}

export type HourMoves = { hour: string; gateIn: number; gateOut: number };

/** Gate moves of every terminal (or one) added up per hour, in time order. */
export function movesPerHour(moves: GateMoves, terminalCode: string | null = null): HourMoves[] {
  const byHour = new Map<string, HourMoves>();
  for (const terminal of moves) {
    if (terminalCode && terminal.terminalCode !== terminalCode) continue;
    for (const bucket of terminal.hours) {
      const key = new Date(bucket.hour).toISOString();
      const sum = byHour.get(key) ?? { hour: key, gateIn: 0, gateOut: 0 };
      sum.gateIn += bucket.gateIn;
      sum.gateOut += bucket.gateOut;
      byHour.set(key, sum);
    }
  }
  return [...byHour.values()].sort((a, b) => a.hour.localeCompare(b.hour));
}

/** Every n-th bar gets a label so at most about `maxLabels` fit under the axis. */
export function labelEvery(bars: number, maxLabels = 12): number {
  return Math.max(1, Math.ceil(bars / maxLabels));
}
