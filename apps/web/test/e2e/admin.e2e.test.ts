// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import { demoFleet } from '@harbor/shared';
import { describe, expect, inject, it } from 'vitest';
import { browserForBlock, PASSWORD, SCREENSHOTS } from './stack.ts';

// The admin in a real browser (Debian's Chromium) against Harbor on PGlite with the
// simulator running: each role sees only its screens, the language is switched and
// remembered, and the main screens are photographed for the README.

const OPERATOR = 'operator@port.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';
const LGFT_VIEWER = 'viewer@lgft.harbor.local';
const PORT_ADMIN = 'admin@port.harbor.local';

/** The DHCL dispatcher's api client and a new empty pickup at Yangshan IV, due now. */
async function dispatcherWithJob(harborUrl: string, reference: string) {
  const { client } = await nodeClient(harborUrl, {
    email: DISPATCHER,
    password: PASSWORD,
  });
  const now = Date.now();
  const job = await client.dispatch.create.mutate({
    reference,
    pickupZoneCode: 'YSP4-GATE',
    dropoffZoneCode: 'LCG-DEPOT',
    windowStart: new Date(now).toISOString(),
    windowEnd: new Date(now + 3 * 3_600_000).toISOString(),
    kind: 'EMPTY_PICKUP',
  });
  return { client, job };
}

const harbor = inject('harbor');

describe.skipIf(!harbor)('the web admin in Chromium', () => {
  const stack = browserForBlock(harbor);

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
      'portKpis',
      'yard',
      'containers',
      'dispatch',
      'alerts',
      'reports',
      'zones',
      'settings',
    ]);
    const dispatcher = await navOf(DISPATCHER);
    expect(dispatcher.screens).toEqual([
      'map',
      'containers',
      'dispatch',
      'alerts',
      'reports',
      'fleet',
      'supervision',
      'settings',
    ]);
    // A screen the role does not have is refused even by its address.
    await dispatcher.page.goto('/yard');
    await expect.poll(() => dispatcher.page.locator('.state-forbidden').count()).toBe(1);
    expect(await dispatcher.page.getByTestId('who').textContent()).toContain('Dispatcher');
    const viewer = await navOf(LGFT_VIEWER);
    expect(viewer.screens).toEqual([
      'map',
      'containers',
      'dispatch',
      'alerts',
      'reports',
      'fleet',
      'settings',
    ]);
    expect(await viewer.page.getByTestId('who').textContent()).toContain('Lingang');
    for (const { page } of [operator, dispatcher, viewer]) await page.context().close();
  });

  it('refuses a wrong password and logs out', async () => {
    const page = await stack.page();
    await page.goto('/');
    // Typing starts in the email field.
    await page.locator('input[name=email]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.locator('input[name=email]').fill(OPERATOR);
    // The refused login answers 401, which Chromium logs.
    stack.expectErrors(/status of 401/);
    await page.locator('input[name=password]').fill('not the password');
    await page.locator('form button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/wrong email or password/i);
    await page.locator('input[name=password]').fill('harbor-demo');
    await page.locator('form button[type=submit]').click();
    await page.locator('.shell').waitFor();
    await page.locator('.sidenav a[data-screen=berthPlan]').click();
    await page.waitForURL('**/berth-plan');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('form.login-card').waitFor();
    // The next person starts at the beginning, not on the screen this one left.
    expect(new URL(page.url()).pathname).toBe('/');
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

  it('finds a container: the check digit checked as typed, its timeline, its slot in the yard; another company its status only', async () => {
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

    // DHCL handles the container: a job of its own names it.
    const { client: dhcl } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    await dhcl.dispatch.create.mutate({
      reference: 'E2E-CSQU',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: new Date().toISOString(),
      windowEnd: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      containerNumber: 'CSQU3054383',
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

    // LGFT does not handle it: where it is, and why the history is not shown.
    const competitor = await stack.page(LGFT_VIEWER);
    await competitor.goto('/containers?number=CSQU3054383');
    const status = competitor.getByTestId('container-status-only');
    await status.waitFor();
    expect(await status.getAttribute('data-place')).toBe('TERMINAL');
    expect(await competitor.getByTestId('status-only-note').textContent()).toBeTruthy();
    expect(await competitor.getByTestId('container-timeline').count()).toBe(0);
    await competitor.context().close();

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

  it('shows the port operator vessels, the berth plan, the port KPIs, alerts and reports', async () => {
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
    await page.goto('/port-kpis');
    await page.getByTestId('port-kpis-table').locator('tbody tr').first().waitFor();
    const kpiCsv = await page.getByTestId('port-kpis-csv').getAttribute('href');
    expect(kpiCsv).toMatch(/^\/reports\/port-kpis\.csv\?from=.+&to=.+/);
    const kpis = await page.request.get(kpiCsv ?? '');
    expect(kpis.status()).toBe(200);
    await page.screenshot({ path: `${SCREENSHOTS}/port-kpis.png` });
    await page.goto('/alerts');
    await page.getByTestId('alerts-list').waitFor();
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

  it('acknowledges an alert raised by a fix from a port feed', async () => {
    // The port authority's VTS feed reports an unknown vessel entering the Donghai Bridge
    // span exclusion (a restricted area): the seeded rule raises a critical alert.
    const admin = await nodeClient(stack.harbor.url, { email: PORT_ADMIN, password: PASSWORD });
    const { key } = await admin.client.apiKeys.create.mutate({ name: 'e2e VTS feed' });
    const mmsi = '412999001';
    const span = (await admin.client.port.zones.query({ kinds: ['RESTRICTED_AREA'] })).find(
      (zone) => zone.code === 'DHB-SPAN',
    );
    expect(span).toBeDefined();
    const inside = {
      lat: ((span?.bbox.minLat ?? 0) + (span?.bbox.maxLat ?? 0)) / 2,
      lon: ((span?.bbox.minLon ?? 0) + (span?.bbox.maxLon ?? 0)) / 2,
    };
    const ingest = async (at: number, where: { lat: number; lon: number }) => {
      const response = await fetch(`${stack.harbor.url}/ingest/fixes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          fixes: [
            {
              deviceId: mmsi,
              assetKind: 'VESSEL',
              time: new Date(at).toISOString(),
              ...where,
              speedKnots: 8,
              courseDeg: 270,
            },
          ],
        }),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ accepted: 1, rejected: [] });
    };
    const now = Date.now();
    await ingest(now - 60_000, { lat: inside.lat - 0.05, lon: inside.lon + 0.05 });
    await ingest(now - 30_000, inside);

    const { client } = await nodeClient(stack.harbor.url, { email: OPERATOR, password: PASSWORD });
    const raised = async () =>
      (await client.alerts.list.query({ kind: 'RESTRICTED_AREA', assetKey: mmsi, limit: 10 }))
        .items;
    await expect.poll(async () => (await raised()).length, { timeout: 15_000 }).toBe(1);
    const [alert] = await raised();
    expect(alert?.acknowledgedAt).toBeNull();

    const page = await stack.page(OPERATOR);
    await page.goto('/alerts?kind=RESTRICTED_AREA');
    const item = page.locator(`[data-testid=alerts-list] [data-alert-id="${alert?.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-acknowledged')).toBe('false');
    const text = `MMSI ${mmsi} entered Donghai Bridge main navigation span exclusion`;
    expect(await item.textContent()).toContain(text);
    await item.getByRole('button', { name: `Acknowledge: ${text}` }).click();
    await expect.poll(() => item.getAttribute('data-acknowledged')).toBe('true');
    expect(await item.getByRole('button').count()).toBe(0);
    expect(await item.textContent()).toMatch(/acknowledged \S/);
    // The api has it acknowledged, by the operator.
    const [stored] = await raised();
    expect(stored?.acknowledgedAt).not.toBeNull();
    expect(stored?.acknowledgedById).toBe((await client.auth.me.query()).id);
    // A reload shows it from the api, still acknowledged.
    await page.reload();
    await item.waitFor();
    expect(await item.getAttribute('data-acknowledged')).toBe('true');
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

    // Its track: the last four hours (the simulator plays three hours ten times faster than
    // life, dated to end now, so its reports are stamped up to three hours back).
    const trackControls = panel.getByRole('region', { name: 'Track and replay' });
    await trackControls.getByLabel('Period').selectOption('custom');
    const [from, to] = await page.evaluate(() => {
      const local = (ms: number) => {
        const d = new Date(ms);
        const two = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
      };
      return [local(Date.now() - 4 * 3_600_000), local(Date.now() + 60_000)];
    });
    await trackControls.getByLabel('From', { exact: true }).fill(from ?? '');
    await trackControls.getByLabel('To', { exact: true }).fill(to ?? '');
    await trackControls.getByRole('button', { name: 'Show track' }).click();
    const replay = trackControls.getByTestId('track-replay');
    await replay.waitFor({ timeout: 15_000 });
    const points = Number(
      /^(\d+) positions$/.exec((await replay.getByText(/positions$/).textContent()) ?? '')?.[1],
    );
    expect(points).toBeGreaterThanOrEqual(2);
    // The track is drawn on the map as a line (TrackLayer's orange polyline).
    const line = page.locator('.leaflet-overlay-pane path[stroke="#ff3d00"]');
    await expect.poll(() => line.getAttribute('d')).toMatch(/^M[\d.-]+ [\d.-]+L/);
    // Playing it moves the replay position along the track.
    const position = replay.getByRole('slider', { name: 'Replay position' });
    const start = Number(await position.inputValue());
    expect(start).toBe(Number(await position.getAttribute('min')));
    await replay.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number(await position.inputValue())).toBeGreaterThan(start);

    // Lingang Freight's trucks are not DHCL's to see: the search finds none of them, says
    // so, and the panel stays on the truck it showed.
    const lgft = demoFleet(40).find((truck) => truck.organization === 'LGFT');
    await search.fill(lgft?.plate ?? '');
    await search.press('Enter');
    const results = page.locator('.map-search-results');
    await expect
      .poll(() => results.textContent())
      .toBe(`No vessel or truck matches “${lgft?.plate}”.`);
    expect(await results.getByRole('button').count()).toBe(0);
    expect(await panel.getAttribute('data-asset-key')).toBe(moving?.phone);
    await page.context().close();
  });

  it('assigns a job from the suggested trucks and sees its status change live', async () => {
    const { client, job } = await dispatcherWithJob(stack.harbor.url, 'E2E-0001');

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

  it('texts the truck of a job from the board and sees the terminal confirm it', async () => {
    const { client, job } = await dispatcherWithJob(stack.harbor.url, 'E2E-0002');
    const [truck] = await client.dispatch.suggest.query({ jobId: job.id, limit: 1 });
    if (!truck) throw new Error('no truck suggested for E2E-0002');
    await client.dispatch.assign.mutate({ id: job.id, vehicleId: truck.vehicleId });

    const page = await stack.page(DISPATCHER);
    await page.goto('/dispatch?q=E2E-0002');
    await page.locator(`[data-testid=jobs-table] [data-job-id="${job.id}"]`).waitFor();
    const open = page.getByRole('button', { name: 'Message E2E-0002' });
    await expect.poll(() => open.isEnabled()).toBe(true);
    await open.click();
    const dialog = page.getByRole('dialog', { name: `Message to ${truck.plate} (E2E-0002)` });
    await dialog.waitFor();
    const text = `E2E-0002: empty pickup at YSP4 gate ${Date.now()}`;
    await dialog.getByLabel('Message text').fill(text);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const sent = dialog.getByTestId('messages').locator('li').filter({ hasText: text });
    // In the history once stored and listed again; a refused send fails here with its reason.
    const refused = dialog.getByRole('alert');
    await expect
      .poll(async () =>
        (await refused.count()) > 0 ? `refused: ${await refused.textContent()}` : sent.count(),
      )
      .toBe(1);
    // The simulated terminal answers the 0x8300 with a 0x0001: the board shows it delivered.
    const status = sent.getByTestId('message-status');
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('DELIVERED');
    expect(await status.textContent()).toBe('Delivered');
    expect(await dialog.getByLabel('Message text').inputValue()).toBe('');
    const { items } = await client.dispatch.messages.query({
      vehicleId: truck.vehicleId,
      limit: 20,
    });
    const stored = items.find((message) => message.text === text);
    expect(stored?.status).toBe('DELIVERED');
    expect(stored?.dispatchJobId).toBe(job.id);
    expect(stored?.terminalPhone).toBe(truck.terminalPhone);
    expect(stored?.acknowledgedAt).not.toBeNull();
    await page.context().close();
  });

  it("asks the truck's terminal for its position and a photo from the board, and shows both", async () => {
    const { client, job } = await dispatcherWithJob(stack.harbor.url, 'E2E-0003');
    const [truck] = await client.dispatch.suggest.query({ jobId: job.id, limit: 1 });
    if (!truck) throw new Error('no truck suggested for E2E-0003');
    await client.dispatch.assign.mutate({ id: job.id, vehicleId: truck.vehicleId });

    const page = await stack.page(DISPATCHER);
    await page.goto('/dispatch?q=E2E-0003');
    await page.locator(`[data-testid=jobs-table] [data-job-id="${job.id}"]`).waitFor();
    const open = page.getByRole('button', { name: 'Message E2E-0003' });
    await expect.poll(() => open.isEnabled()).toBe(true);
    await open.click();
    const dialog = page.getByRole('dialog', { name: `Message to ${truck.plate} (E2E-0003)` });
    await dialog.waitFor();
    const panel = dialog.getByTestId('terminal-commands');

    // The simulated terminal answers 0x8201 with its position (0x0201).
    await panel.getByRole('button', { name: 'Locate now' }).click();
    const located = panel.locator('[data-testid=commands] li').filter({ hasText: 'Locate now' });
    await expect
      .poll(() => located.first().getByTestId('command-status').getAttribute('data-status'), {
        timeout: 20_000,
      })
      .toBe('ANSWERED');
    expect(await located.first().getByTestId('command-answer').textContent()).toMatch(
      /^\d+\.\d{5}, \d+\.\d{5} at \d+(\.\d+)? km\/h \(/,
    );

    // A photo: answered 0x0805, then uploaded in packages; the dialog shows it, loaded.
    await panel.getByRole('button', { name: 'Take a photo' }).click();
    const photo = dialog.getByTestId('terminal-photos').locator('img').first();
    await photo.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
        timeout: 20_000,
      })
      .toBe(320);
    // It proves this job.
    const detail = await client.dispatch.get.query({ id: job.id });
    expect(detail.photos.map((p) => p.contentType)).toEqual(['image/jpeg']);
    await page.context().close();
  });

  // Last, after every screen above was shown: the admin needs nothing its policy forbids.
  it('breaks no rule of the Content-Security-Policy on any screen', () => {
    expect(stack.cspViolations).toEqual([]);
  });
});
