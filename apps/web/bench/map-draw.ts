import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM } from '../test/e2e/stack.ts';
import { type MapStats, sampleFrames, summary } from './frame-sampler.ts';

// `pnpm --filter @harbor/web bench:draw`: the map's asset layer alone (AssetCanvasLayer on a
// Leaflet map, no tiles, no React, no server) in Debian's Chromium with software rendering,
// BENCH_TRUCKS synthetic trucks (default 10,000) all in view, a tenth of them moving every
// second in batches every 100 ms: the canvas draw time and the interval between frames, for
// 10 s standing and 10 s dragged. Where bench/map.ts measures the whole screen against a
// running Harbor, this isolates the drawing; BENCH_MAP_DIR points the page at another copy
// of src/screens/map (an earlier version's, to compare on the same machine at the same time).

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 10_000);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const WEB = fileURLToPath(new URL('..', import.meta.url));
const MAP_DIR = process.env.BENCH_MAP_DIR;

const server = await createServer({
  root: WEB,
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1' },
  resolve: MAP_DIR
    ? { alias: [{ find: /^\.\.\/src\/screens\/map\//, replacement: `${MAP_DIR}/` }] }
    : {},
});
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript('window.__name = (fn) => fn');
  await page.goto(`http://127.0.0.1:${port}/bench/map-draw.html?trucks=${TRUCKS}`);
  await page.waitForFunction(
    (trucks) =>
      ((window as unknown as { __harborMapStats?: MapStats }).__harborMapStats?.assets ?? 0) >=
      trucks,
    TRUCKS,
    { timeout: 120_000 },
  );
  console.log(
    `map draw bench: ${TRUCKS.toLocaleString('en-US')} trucks in view${MAP_DIR ? ` (${MAP_DIR})` : ''}`,
  );
  // Warm up (sprites, JIT) before sampling.
  await sampleFrames(page, 2_000, false, '#map');
  for (const drag of [false, true]) {
    const { frames, draws } = await sampleFrames(page, 10_000, drag, '#map');
    const label = drag ? 'dragging' : 'standing';
    console.log(
      `map draw ${label}: frame interval ${summary(frames)}; frames over 20 ms: ${frames.filter((f) => f > 20).length}`,
    );
    console.log(`map draw ${label}: canvas draw ${summary(draws)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
