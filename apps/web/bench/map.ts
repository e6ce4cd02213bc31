import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarborProcess } from '@harbor/api/testing';
import { demoFleet } from '@harbor/shared';
import { runJt808Load } from '@harbor/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWeb, CHROMIUM, DIST, logIn } from '../test/e2e/stack.ts';
import { type MapStats, sampleFrames, summary } from './frame-sampler.ts';

// `pnpm --filter @harbor/web bench` (part of `pnpm bench`): the map screen in Debian's
// Chromium against Harbor on PGlite (its own process, serving the production build) with
// 10,000 trucks reporting over JT/T 808 every 10 s (the simulator's load mode, 1,000
// reports/s). Measures (1) the first load of the map screen: from navigation to the first
// frame with assets painted, in a fresh browser context (cold cache), three times; and
// (2) with all 10,000 assets live: the interval between animation frames, the canvas draw
// time and the time from a live message's arrival to the frame that painted it, for 10 s
// while the map stands and 10 s while it is dragged around.

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 10_000);
const REPORT_EVERY_MS = 10_000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

async function assetsDrawn(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __harborMapStats?: MapStats }).__harborMapStats?.assets ?? 0,
  );
}

buildWeb();
const dataDir = mkdtempSync(join(tmpdir(), 'harbor-map-bench-'));
const harbor = await startHarborProcess({
  HARBOR_DATA_DIR: dataDir,
  SEED: 'true',
  SEED_FLEET: String(TRUCKS),
  WEB_DIR: DIST,
});
const abort = new AbortController();
const load = runJt808Load({
  host: '127.0.0.1',
  port: harbor.jt808Port,
  terminalPhones: demoFleet(TRUCKS).map((truck) => truck.terminalPhone),
  ratePerSecond: (TRUCKS * 1000) / REPORT_EVERY_MS,
  durationMs: 600_000,
  // Each report dated as it is sent: the trucks' clocks keep to the wall clock.
  start: new Date(),
  reportIntervalMs: REPORT_EVERY_MS,
  signal: abort.signal,
});
let browser: Browser | undefined;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  // Every truck reported at least once.
  for (;;) {
    // A poll may fail while Harbor is busy seeding (a reused connection reset): ask again.
    const counters = await harbor.counters().catch(() => ({}) as Record<string, number>);
    if ((counters['tracker.inserted'] ?? 0) >= TRUCKS) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const firstLoads: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({
      baseURL: harbor.url,
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await logIn(page, 'operator@port.harbor.local');
    await page.goto('/reports');
    const started = Date.now();
    await page.goto('/map');
    await page.waitForFunction(
      () =>
        ((window as unknown as { __harborMapStats?: MapStats }).__harborMapStats?.assets ?? 0) > 0,
      null,
      { timeout: 60_000 },
    );
    firstLoads.push(Date.now() - started);
    await context.close();
  }
  console.log(`map first load (navigation to assets painted, cold cache): ${summary(firstLoads)}`);

  const context = await browser.newContext({
    baseURL: harbor.url,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  // tsx compiles this file keeping function names through an `__name` helper that the page
  // does not have; the functions handed to `page.evaluate` need it there.
  await page.addInitScript('window.__name = (fn) => fn');
  await logIn(page, 'operator@port.harbor.local');
  await page.goto('/map');
  // Out from the opening view (the port's terminals) until the whole fleet is in view.
  for (let step = 0; step < 4 && (await assetsDrawn(page)) < TRUCKS; step++) {
    await page.locator('.leaflet-control-zoom-out').click();
    const deadline = Date.now() + 30_000;
    while ((await assetsDrawn(page)) < TRUCKS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const drawn = await assetsDrawn(page);
  console.log(
    `map assets drawn: ${drawn.toLocaleString('en-US')} (${TRUCKS.toLocaleString('en-US')} trucks reporting every ${REPORT_EVERY_MS / 1000} s)`,
  );
  for (const drag of [false, true]) {
    const { frames, draws, toPaint } = await sampleFrames(
      page,
      10_000,
      drag,
      '[data-testid=port-map]',
    );
    const label = drag ? 'dragging' : 'standing';
    console.log(
      `map ${label}: frame interval ${summary(frames)}; frames over 50 ms: ${frames.filter((f) => f > 50).length}`,
    );
    console.log(`map ${label}: canvas draw ${summary(draws)}`);
    console.log(`map ${label}: live update to paint ${summary(toPaint.filter((v) => v > 0))}`);
  }
  await context.close();
} finally {
  abort.abort();
  await load.catch(() => undefined);
  await browser?.close();
  await harbor.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
