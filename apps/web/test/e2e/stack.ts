import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HarborProcess, startHarborProcess } from '@harbor/api/testing';
import { demoFleet } from '@harbor/shared';
import { AisTcpSink, createScenario, Jt808Sink, liveStart, runSimulation } from '@harbor/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';

const WEB = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(WEB, 'dist');
export const PASSWORD = 'harbor-demo';

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
const TILE_URL = 'http://127.0.0.1:9/{z}/{x}/{y}.png';

/** The production build of the admin, as the api serves it. */
export function buildWeb(): void {
  const result = spawnSync(
    process.execPath,
    [join(WEB, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    {
      cwd: WEB,
      stdio: 'inherit',
      env: { ...process.env, VITE_TILE_URL: TILE_URL },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed with ${result.status}`);
}

export type Stack = {
  harbor: HarborProcess;
  browser: Browser;
  /** What the browser refused under the Content-Security-Policy, on every page so far. */
  cspViolations: string[];
  /** A fresh browser context (its own cookies and storage), logged in when a user is given. */
  page(email?: string, options?: { locale?: string }): Promise<Page>;
  stop(): Promise<void>;
};

/**
 * What a user of the README gets: Harbor on its embedded database (PGlite in a temp dir),
 * seeded, serving the built admin, with the simulator driving ships over AIS and the demo
 * fleet's trucks over JT/T 808 (ten times faster than life, so trucks visibly move), and
 * Debian's Chromium to look at it.
 */
export async function startStack(options: { fleet?: number; speed?: number } = {}): Promise<Stack> {
  const fleet = demoFleet(options.fleet ?? 40);
  const dataDir = mkdtempSync(join(tmpdir(), 'harbor-web-e2e-'));
  const harbor = await startHarborProcess({
    HARBOR_DATA_DIR: dataDir,
    SEED: 'true',
    SEED_FLEET: String(fleet.length),
    WEB_DIR: DIST,
    VITE_TILE_URL: TILE_URL,
  });
  try {
    return await startAround(harbor, fleet, dataDir, options);
  } catch (error) {
    // Nothing started here outlives a failed start (a browser that would not launch, say).
    await harbor.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startAround(
  harbor: HarborProcess,
  fleet: ReturnType<typeof demoFleet>,
  dataDir: string,
  options: { speed?: number },
): Promise<Stack> {
  // Ten times faster than life, so trucks visibly move, for three simulated hours (18 minutes):
  // dated so that the simulated clock meets the wall clock as the run ends, since Harbor refuses
  // fixes from the future.
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
  const simulation = runSimulation({
    scenario,
    sinks,
    capture: null,
    speed,
    durationMs,
    signal: abort.signal,
    onProgress: () => {},
  }).catch(() => {});
  const browser = await chromium
    .launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
    .catch(async (error: unknown) => {
      abort.abort();
      await simulation;
      await Promise.all(sinks.map((sink) => sink.close()));
      throw error;
    });
  const cspViolations: string[] = [];
  return {
    harbor,
    browser,
    cspViolations,
    async page(email, pageOptions = {}) {
      const context = await browser.newContext({
        baseURL: harbor.url,
        locale: pageOptions.locale ?? 'en-US',
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      // Chromium reports each refusal on the console ("Refused to load ... because it
      // violates the following Content Security Policy directive ...").
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      if (email) await logIn(page, email);
      return page;
    },
    async stop() {
      abort.abort();
      await simulation;
      await Promise.all(sinks.map((sink) => sink.close()));
      await browser.close();
      await harbor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form, as a person does. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.locator('.shell').waitFor();
}
