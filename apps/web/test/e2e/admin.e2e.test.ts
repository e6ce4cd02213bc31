// @vitest-environment node
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeClient } from '@harbor/api/testing';
import { demoFleet } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, CHROMIUM, PASSWORD, type Stack, startStack } from './stack.ts';

// The admin in a real browser (Debian's Chromium) against Harbor on PGlite with the
// simulator running: each role sees only its screens, the language is switched and
// remembered, and the main screens are photographed for the README.

const SCREENSHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));
const OPERATOR = 'operator@port.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';
const LGFT_VIEWER = 'viewer@lgft.harbor.local';

// Without Chromium (a machine other than Debian's) the browser tests are skipped, saying so;
// CI installs it, and there a missing browser fails the run instead.
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`no Chromium at ${CHROMIUM} in CI`);
if (!hasBrowser)
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

describe.skipIf(!hasBrowser)('the web admin in Chromium', () => {
  let stack: Stack;
  beforeAll(async () => {
    buildWeb();
    stack = await startStack();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const navOf = async (email: string) => {
    const page = await stack.page(email);
    const screens = await page
      .locator('.sidenav a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-screen')));
    return { page, screens };
  };

  it('shows port staff the whole port, a logistics company its own work', async () => {
    const operator = await navOf(OPERATOR);
    expect(operator.screens).toEqual([
      'map',
      'vessels',
      'berthPlan',
      'yard',
      'containers',
      'dispatch',
      'alerts',
      'reports',
    ]);
    const dispatcher = await navOf(DISPATCHER);
    expect(dispatcher.screens).toEqual(['map', 'containers', 'dispatch', 'alerts', 'reports']);
    // A screen the role does not have is refused even by its address.
    await dispatcher.page.goto('/yard');
    await expect.poll(() => dispatcher.page.locator('.state-forbidden').count()).toBe(1);
    expect(await dispatcher.page.getByTestId('who').textContent()).toContain('Dispatcher');
    const viewer = await navOf(LGFT_VIEWER);
    expect(viewer.screens).toEqual(['map', 'containers', 'dispatch', 'alerts', 'reports']);
    expect(await viewer.page.getByTestId('who').textContent()).toContain('Lingang');
    for (const { page } of [operator, dispatcher, viewer]) await page.context().close();
  });

  it('refuses a wrong password and logs out', async () => {
    const page = await stack.page();
    await page.goto('/');
    await page.locator('input[name=email]').fill(OPERATOR);
    await page.locator('input[name=password]').fill('not the password');
    await page.locator('form button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/wrong email or password/i);
    await page.locator('input[name=password]').fill('harbor-demo');
    await page.locator('form button[type=submit]').click();
    await page.locator('.shell').waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('form.login-card').waitFor();
    // The session is gone on the server too: a reload stays on the login form.
    await page.reload();
    await page.locator('form.login-card').waitFor();
    await page.context().close();
  });

  it('switches to Chinese and remembers it', async () => {
    const page = await stack.page(OPERATOR);
    expect(await page.locator('.sidenav a[data-screen=map]').textContent()).toBe('Live map');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect
      .poll(() => page.locator('.sidenav a[data-screen=map]').textContent())
      .toBe('实时地图');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await page.locator('.shell').waitFor();
    expect(await page.locator('.sidenav a[data-screen=map]').textContent()).toBe('实时地图');
    // The map itself in Chinese: its legend, and the offline base map's notice.
    await page.getByTestId('map-tiles-offline').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('map-tiles-offline').textContent()).toBe(
      '底图无法访问：显示海岸线和港区区域。',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/zh-CN-map.png` });
    await page.getByLabel('语言').selectOption('en');
    await expect
      .poll(() => page.locator('.sidenav a[data-screen=map]').textContent())
      .toBe('Live map');
    await page.context().close();
  });

  it('finds a container: the check digit checked as typed, its timeline, its slot in the yard', async () => {
    // The port operator gates CSQU3054383 into Yangshan IV, block Y01, bay 1, row 1, tier 1.
    const { client } = await nodeClient(stack.harbor.url, { email: OPERATOR, password: PASSWORD });
    const ysp4 = (await client.port.terminals.query()).find((terminal) => terminal.code === 'YSP4');
    const y01 = (await client.yard.blocks.query({ terminalId: ysp4?.id ?? '' })).find(
      (block) => block.code === 'Y01',
    );
    await client.containers.recordEvent.mutate({
      containerNumber: 'CSQU3054383',
      eventType: 'GTIN',
      emptyIndicator: 'LADEN',
      eventAt: new Date(Date.now() - 3_600_000).toISOString(),
      terminalId: ysp4?.id ?? '',
      slot: { yardBlockId: y01?.id ?? '', bay: 1, row: 1, tier: 1 },
    });

    const page = await stack.page(DISPATCHER);
    await page.goto('/containers');
    const input = page.getByTestId('container-number');
    await input.fill('csqu3054384');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('check-digit-message').textContent()).toContain('3');
    await input.fill('CSQU3054383');
    await input.press('Enter');
    await page.getByTestId('container-state').waitFor();
    expect(await page.getByTestId('container-state').getAttribute('data-place')).toBe('TERMINAL');
    const events = page.getByTestId('container-timeline').locator('li[data-event-type]');
    await expect.poll(() => events.count()).toBe(1);
    expect(await events.first().getAttribute('data-event-type')).toBe('GTIN');
    await page.screenshot({ path: `${SCREENSHOTS}/container.png` });
    await page.context().close();

    const operator = await stack.page(OPERATOR);
    await operator.goto('/yard?terminal=YSP4');
    await operator.getByLabel('Find container in the yard').fill('CSQU3054383');
    await operator.getByLabel('Find container in the yard').press('Enter');
    const slot = operator.locator('[data-testid=yard-grid] [data-slot="Y01-1-1"]');
    await expect.poll(() => slot.getAttribute('data-highlighted')).toBe('true');
    expect(await slot.getAttribute('data-height')).toBe('1');
    await operator.screenshot({ path: `${SCREENSHOTS}/yard.png` });
    await operator.context().close();
  });

  it('shows the port operator vessels, the berth plan, alerts and reports', async () => {
    const page = await stack.page(OPERATOR);
    await page.goto('/vessels');
    await page.getByTestId('visits-table').locator('[data-mmsi]').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/vessels.png` });
    await page.goto('/berth-plan?terminal=YSP4&days=3');
    await page.getByTestId('berth-plan').locator('[data-berth]').first().waitFor();
    // The seed plans COSCO SHIPPING UNIVERSE (400 m) at YSP4's 337 m berth B01: a conflict.
    await expect
      .poll(() => page.getByTestId('berth-plan').locator('[data-conflict=true]').count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/berth-plan.png` });
    await page.goto('/alerts');
    await page.getByTestId('alerts-list').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/alerts.png` });
    await page.goto('/reports?period=24h');
    await page.getByTestId('vehicles-report').locator('[data-vehicle-id]').first().waitFor();
    const csv = await page.getByTestId('report-csv').getAttribute('href');
    expect(csv).toMatch(/^\/reports\/vehicles\.csv\?from=.+&to=.+/);
    const download = await page.request.get(csv ?? '');
    expect(download.status()).toBe(200);
    expect((await download.text()).split('\r\n')[0]).toContain('plate,terminal phone');
    await page.screenshot({ path: `${SCREENSHOTS}/reports.png` });
    await page.context().close();
  });

  it("watches a truck move on the map, and shows a company none of the other's trucks", async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const own = new Map(
      demoFleet(40)
        .filter((truck) => truck.organization === 'DHCL')
        .map((truck) => [truck.terminalPhone, truck.plate]),
    );
    // A DHCL truck on the move, as its last report says.
    let moving: { phone: string; plate: string } | undefined;
    await expect
      .poll(
        async () => {
          const items = await client.positions.inViewport.query({
            bbox: { minLat: 30.4, minLon: 121.4, maxLat: 31.5, maxLon: 122.3 },
          });
          const fix = items.find((item) => own.has(item.assetKey) && (item.speedKnots ?? 0) > 10);
          if (fix) moving = { phone: fix.assetKey, plate: own.get(fix.assetKey) ?? '' };
          return moving !== undefined;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);

    const page = await stack.page(DISPATCHER);
    await page.goto('/map');
    await page.getByTestId('port-map').waitFor();
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (window as unknown as { __harborMapStats?: { assets: number } }).__harborMapStats
                ?.assets ?? 0,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    // The tile server is unreachable (stack.ts): the map says so and keeps the zones, on
    // the land the api serves.
    await page.getByTestId('map-tiles-offline').waitFor({ timeout: 30_000 });
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    expect(await page.locator('path.leaflet-interactive').count()).toBeGreaterThan(10);
    await expect.poll(() => page.locator('path.map-land').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/map.png` });

    const search = page.getByTestId('asset-search');
    await search.fill(moving?.plate ?? '');
    await search.press('Enter');
    const panel = page.getByTestId('asset-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-asset-key')).toBe(moving?.phone);
    const where = async () =>
      `${await panel.getByTestId('asset-lat').textContent()},${await panel.getByTestId('asset-lon').textContent()}`;
    const first = await where();
    await expect.poll(where, { timeout: 60_000, interval: 500 }).not.toBe(first);
    await page.screenshot({ path: `${SCREENSHOTS}/map-truck.png` });

    // Lingang Freight's trucks are not DHCL's to see: the search finds none of them.
    const lgft = demoFleet(40).find((truck) => truck.organization === 'LGFT');
    await search.fill(lgft?.plate ?? '');
    await search.press('Enter');
    await expect.poll(() => panel.getAttribute('data-asset-key')).not.toBe(lgft?.terminalPhone);
    await page.context().close();
  });

  it('assigns a job from the suggested trucks and sees its status change live', async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const now = Date.now();
    const job = await client.dispatch.create.mutate({
      reference: 'E2E-0001',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: new Date(now).toISOString(),
      windowEnd: new Date(now + 3 * 3_600_000).toISOString(),
      kind: 'EMPTY_PICKUP',
    });

    const page = await stack.page(DISPATCHER);
    await page.goto('/dispatch?q=E2E-0001');
    const row = page.locator(`[data-testid=jobs-table] [data-job-id="${job.id}"]`);
    await row.waitFor();
    const status = row.getByTestId('job-status');
    expect(await status.getAttribute('data-status')).toBe('PLANNED');
    await page.getByRole('button', { name: 'Assign E2E-0001' }).click();
    const truck = page.getByTestId('suggestions').locator('button[data-vehicle-id]').first();
    await truck.waitFor({ timeout: 30_000 });
    await truck.click();
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 15_000 })
      .toBe('ASSIGNED');
    await page.screenshot({ path: `${SCREENSHOTS}/dispatch.png` });

    // A colleague moves the job on from another session: the board shows it without a reload.
    await client.dispatch.transition.mutate({
      id: job.id,
      to: 'CANCELLED',
      note: 'booking withdrawn',
    });
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 15_000 })
      .toBe('CANCELLED');

    // A viewer of the same company sees the board without the means to change it.
    const viewer = await stack.page('viewer@dhcl.harbor.local');
    await viewer.goto('/dispatch?q=E2E-0001');
    await viewer.locator(`[data-job-id="${job.id}"]`).waitFor();
    expect(await viewer.getByRole('button', { name: 'Assign E2E-0001' }).count()).toBe(0);
    for (const p of [page, viewer]) await p.context().close();
  });
});
