import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type HarborProcess, startHarborProcess } from '@harbor/api/testing';
import { demoFleet } from '@harbor/shared';
import { AisTcpSink, createScenario, Jt808Sink, liveStart, runSimulation } from '@harbor/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

const WEB = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(WEB, 'dist');
export const PASSWORD = 'harbor-demo';
/** Where the browser tests leave the screenshots the README and docs show. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

/** Debian's Chromium, as the machine has it; nothing downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * A tile server that refuses every connection, so the browser tests see the same map with or
 * without internet: the offline fallback, the port's zones on coastlines. The api is told it
 * too, as `pnpm start` tells both, so its Content-Security-Policy allows those tiles.
 */
const TILE_ORIGIN = 'http://127.0.0.1:9/';
const TILE_URL = `${TILE_ORIGIN}{z}/{x}/{y}.png`;
/** A second base map, in GCJ-02 as AMap's, from the same unreachable server (map-basemaps.e2e). */
const AMAP_TILES = `${TILE_ORIGIN}amap/{z}/{x}/{y}.png`;

/** The production build of the admin, as the api serves it. */
export function buildWeb(): void {
  const result = spawnSync(
    process.execPath,
    [join(WEB, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    {
      cwd: WEB,
      stdio: 'inherit',
      env: { ...process.env, VITE_TILE_URL: TILE_URL, VITE_AMAP_TILES: AMAP_TILES },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed with ${result.status}`);
}

/** The Harbor every browser test file shares: its address and ports (global-setup.ts). */
export type SharedHarbor = { url: string; aisPort: number; jt808Port: number };

/**
 * What a user of the README gets: Harbor on its embedded database (PGlite in a temp dir),
 * seeded, serving the built admin, with the simulator driving ships over AIS and the demo
 * fleet's trucks over JT/T 808 (ten times faster than life, so trucks visibly move). Started
 * once for all browser test files by global-setup.ts; each file opens its own browser.
 */
export async function startHarbor(
  options: { fleet?: number; speed?: number } = {},
): Promise<{ harbor: HarborProcess; stop(): Promise<void> }> {
  const fleet = demoFleet(options.fleet ?? 40);
  const dataDir = mkdtempSync(join(tmpdir(), 'harbor-web-e2e-'));
  const harbor = await startHarborProcess({
    HARBOR_DATA_DIR: dataDir,
    SEED: 'true',
    SEED_FLEET: String(fleet.length),
    WEB_DIR: DIST,
    VITE_TILE_URL: TILE_URL,
    VITE_AMAP_TILES: AMAP_TILES,
  });
  // Ten times faster than life, so trucks visibly move, for three simulated hours (18 minutes):
  // dated so that the simulated clock meets the wall clock as the run ends, since Harbor refuses
  // fixes from the future. Then at the speed of life for as long as the tests last, so a long
  // run on a busy machine still has trucks on the move.
  const speed = options.speed ?? 10;
  const durationMs = 3 * 3_600_000;
  const scenario = createScenario({
    seed: 'harbor-web-e2e',
    start: liveStart(new Date(), speed, durationMs),
    vessels: 30,
    vehicles: fleet.map((truck) => ({ terminalPhone: truck.terminalPhone, plate: truck.plate })),
  });
  const sinks = [
    new AisTcpSink({ host: '127.0.0.1', port: harbor.aisPort }),
    new Jt808Sink({ host: '127.0.0.1', port: harbor.jt808Port, vehicles: scenario.vehicles }),
  ];
  for (const sink of sinks) sink.start();
  const abort = new AbortController();
  const play = (playSpeed: number, playMs: number | null) =>
    runSimulation({
      scenario,
      sinks,
      capture: null,
      speed: playSpeed,
      durationMs: playMs,
      signal: abort.signal,
      onProgress: () => {},
    });
  const simulation = play(speed, durationMs)
    .then(() => play(1, null))
    .catch(() => {});
  return {
    harbor,
    async stop() {
      abort.abort();
      await simulation;
      await Promise.all(sinks.map((sink) => sink.close()));
      await harbor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The two screens the admin is checked at: a laptop and an office monitor. */
export const VIEWPORTS = {
  small: { width: 1280, height: 720 },
  large: { width: 1440, height: 900 },
} as const;

export type PageOptions = {
  /** The browser's language: `en-US` (default) or `zh-CN`. */
  locale?: string;
  viewport?: { width: number; height: number };
};

export type Stack = {
  harbor: SharedHarbor;
  browser: Browser;
  /** What the browser refused under the Content-Security-Policy, on every page so far. */
  cspViolations: string[];
  /** A fresh browser context (its own cookies and storage), logged in when a user is given. */
  page(email?: string, options?: PageOptions): Promise<Page>;
  /**
   * Console errors and uncaught page errors the test expects (a refused login answers 401,
   * which Chromium logs): matching ones are not failures. Cleared after each check.
   */
  expectErrors(pattern: RegExp): void;
  /** Fails with every uncaught page error and console error since the last check. */
  assertNoPageErrors(): void;
  stop(): Promise<void>;
};

/**
 * Console errors that are the test set-up, not the admin: the tile server the tests point
 * at refuses every connection on purpose (TILE_URL), so the map's tile requests fail.
 */
const SETUP_ERRORS = [/Failed to load resource: net::ERR_/];

/**
 * Debian's Chromium against the shared Harbor (global-setup.ts `inject('harbor')`). Every page
 * it opens records uncaught errors and console errors; `assertNoPageErrors` (run it after each
 * test) fails on any that the test did not expect.
 */
export async function openBrowser(harbor: SharedHarbor): Promise<Stack> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const cspViolations: string[] = [];
  let problems: string[] = [];
  let expected: RegExp[] = [];
  return {
    harbor,
    browser,
    cspViolations,
    async page(email, pageOptions = {}) {
      const context = await browser.newContext({
        baseURL: harbor.url,
        locale: pageOptions.locale ?? 'en-US',
        viewport: pageOptions.viewport ?? VIEWPORTS.large,
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        problems.push(`uncaught on ${page.url()}: ${error.stack ?? error.message}`);
      });
      page.on('console', (message) => {
        const text = message.text();
        // Chromium reports each refusal on the console ("Refused to load ... because it
        // violates the following Content Security Policy directive ...").
        if (/Content Security Policy/i.test(text)) cspViolations.push(text);
        if (message.type() !== 'error') return;
        if (SETUP_ERRORS.some((pattern) => pattern.test(text))) {
          const url = message.location().url;
          if (!url || url.startsWith(TILE_ORIGIN)) return;
        }
        problems.push(`console error on ${page.url()}: ${text} (${message.location().url})`);
      });
      if (email) await logIn(page, email);
      return page;
    },
    expectErrors(pattern) {
      expected.push(pattern);
    },
    assertNoPageErrors() {
      const unexpected = problems.filter((problem) => !expected.some((p) => p.test(problem)));
      problems = [];
      expected = [];
      if (unexpected.length > 0)
        throw new Error(`the page reported errors:\n${unexpected.join('\n')}`);
    },
    async stop() {
      await browser.close();
    },
  };
}

/**
 * The browser of the describe block that calls it: opened before the block's tests, closed
 * after them, and every test failed by a page error it did not expect (`expectErrors`).
 * Returns the block's stack, usable once its tests run; nothing opens when no Harbor was
 * started (`inject('harbor')` is null and the block is skipped).
 */
export function browserForBlock(harbor: SharedHarbor | null | undefined): Stack {
  let opened: Stack | undefined;
  const stack = (): Stack => {
    if (!opened) throw new Error('the browser opens before the block’s tests, not earlier');
    return opened;
  };
  beforeAll(async () => {
    if (!harbor) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    opened = await openBrowser(harbor);
  });
  // Registered first, so it runs after the block's own afterEach hooks (vitest runs after
  // hooks in reverse order): a test's pages are checked once the test has closed them.
  afterEach(() => opened?.assertNoPageErrors());
  afterAll(async () => {
    await opened?.stop();
  });
  return {
    get harbor() {
      return stack().harbor;
    },
    get browser() {
      return stack().browser;
    },
    get cspViolations() {
      return stack().cspViolations;
    },
    page: (email, options) => stack().page(email, options),
    expectErrors: (pattern) => stack().expectErrors(pattern),
    assertNoPageErrors: () => stack().assertNoPageErrors(),
    stop: () => stack().stop(),
  };
}

/**
 * The accessibility check every screen passes (axe-core, WCAG 2 A and AA rules): fails with
 * the serious and critical violations on the page as it is now.
 *
 * axe runs in the page itself (`setLegacyMode`) and hands back only the violations: by
 * default @axe-core/playwright opens a blank page (a renderer of its own) for each check to
 * merge the frames' results and hands back every rule that passed, element by element, which
 * made a check of one of the port admin's screens take 1.4-4.0 s against 0.5-1.4 s so
 * (chinese.e2e run alone). The admin has no frames, the one thing only the default mode
 * reaches; accessibility-check.e2e proves the check still fails on what it must find.
 */
export async function assertAccessible(page: Page, options: { exclude?: string[] } = {}) {
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const serious = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length > 0)
    throw new Error(
      `accessibility violations on ${page.url()}:\n${serious
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes
              .slice(0, 5)
              .map((node) => node.target.join(' '))
              .join('\n  ')}`,
        )
        .join('\n')}`,
    );
}

/** Logs in through the login form, as a person does. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.locator('.shell').waitFor();
}
