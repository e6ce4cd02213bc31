import type { Page } from 'playwright-core';

export type MapStats = {
  assets: number;
  lastDrawMs: number;
  draws: number;
  lastUpdateToPaintMs: number;
};

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

export function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return `p50 ${fmt(at(0.5))} ms, p95 ${fmt(at(0.95))} ms, p99 ${fmt(at(0.99))} ms, max ${fmt(at(1))} ms (n=${values.length})`;
}

/**
 * Frame intervals and the map's own draw and update-to-paint times, sampled every frame in
 * the page for `ms`, the map standing or dragged back and forth by the mouse meanwhile.
 */
export async function sampleFrames(page: Page, ms: number, drag: boolean, mapSelector: string) {
  const sampling = page.evaluate(async (durationMs) => {
    const frames: number[] = [];
    const draws: number[] = [];
    const toPaint: number[] = [];
    let lastDraws = -1;
    const started = performance.now();
    let previous = started;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames.push(now - previous);
        previous = now;
        const stats = (window as unknown as { __harborMapStats?: MapStats }).__harborMapStats;
        if (stats && stats.draws !== lastDraws) {
          lastDraws = stats.draws;
          draws.push(stats.lastDrawMs);
          toPaint.push(stats.lastUpdateToPaintMs);
        }
        if (now - started < durationMs) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    return { frames: frames.slice(1), draws, toPaint };
  }, ms);
  if (drag) {
    const box = await page.locator(mapSelector).boundingBox();
    if (!box) throw new Error('no map on the page');
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const deadline = Date.now() + ms - 500;
    while (Date.now() < deadline) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let step = 1; step <= 20; step++) await page.mouse.move(cx + step * 12, cy + step * 6);
      for (let step = 20; step >= 0; step--) await page.mouse.move(cx + step * 12, cy + step * 6);
      await page.mouse.up();
    }
  }
  return sampling;
}
