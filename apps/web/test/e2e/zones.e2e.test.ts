// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, PASSWORD, SCREENSHOTS, VIEWPORTS } from './stack.ts';

// The zones screen in Chromium: the port authority's admin draws a restricted area by clicking
// its corners on the map, saves it, finds it in the list and on the map, and sets its truck
// speed limit and the zone's own speeding rule; a viewer only looks; a dispatcher has no such
// screen. Only zones this file draws are changed.

const PORT_ADMIN = 'admin@port.harbor.local';
const PORT_VIEWER = 'viewer@port.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';

const harbor = inject('harbor');

describe.skipIf(!harbor)('the zones screen in Chromium', () => {
  const stack = browserForBlock(harbor);
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;

  const adminApi = async () =>
    (await nodeClient(harbor?.url ?? '', { email: PORT_ADMIN, password: PASSWORD })).client;

  it('lets the port admin draw a restricted area, save it, and change its truck limits', async () => {
    const page = await stack.page(PORT_ADMIN, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    await page.goto('/zones');
    await page.getByTestId('zone-item').first().waitFor();
    await assertAccessible(page);
    const paths = page.locator('[data-testid=zones-map] .leaflet-overlay-pane path');
    const before = await paths.count();

    await page.getByTestId('zone-draw').click();
    const box = await page.getByTestId('zones-map').boundingBox();
    if (!box) throw new Error('the map is not on the page');
    const corner = (x: number, y: number) =>
      [box.x + box.width * x, box.y + box.height * y] as const;
    // Inland, west of the estuary, away from the simulated ships' lanes and trucks' roads,
    // so the zone raises nothing in the browser tests that share this Harbor.
    const corners = [corner(0.05, 0.3), corner(0.15, 0.3), corner(0.15, 0.45), corner(0.05, 0.45)];
    for (const [x, y] of corners) await page.mouse.click(x, y);
    // Clicking the first corner again closes the outline.
    await page.mouse.click(...(corners[0] as readonly [number, number]));

    await page.getByTestId('zone-code').fill(code);
    await page.getByTestId('zone-name').fill('Dredging works');
    await page.getByTestId('zone-name-zh').fill('疏浚作业区');
    expect(await page.getByTestId('zone-kind').inputValue()).toBe('RESTRICTED_AREA');
    await page.getByTestId('zone-save').click();
    // Saved: the details of the new zone, with its rules.
    await page.getByTestId('rules-save').waitFor();
    const api = await adminApi();
    const saved = (await api.port.zones.query({ kinds: ['RESTRICTED_AREA'] })).find(
      (zone) => zone.code === code,
    );
    expect(saved).toMatchObject({ name: 'Dredging works', nameZh: '疏浚作业区' });
    expect(saved?.polygon.coordinates[0]).toHaveLength(5);
    await assertAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/zones.png` });

    // The truck limit posted in the zone, and the zone's own speeding rule.
    await page.getByTestId('zone-limit-kmh').fill('30');
    await page.getByTestId('zone-save').click();
    await expect
      .poll(
        async () => (await api.port.zones.query({})).find((z) => z.code === code)?.speedLimitKmh,
      )
      .toBe(30);
    await page.getByTestId('rule-truckSpeed').fill('25');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-saved').waitFor();
    const rules = await api.alertRules.list.query();
    expect(
      rules.filter(
        (rule) =>
          rule.kind === 'SPEEDING' &&
          (rule.params as { zoneIds?: string[] }).zoneIds?.includes(saved?.id ?? ''),
      ),
    ).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ limitKmh: 25, assetKinds: ['VEHICLE'] }),
      }),
    ]);

    // Listed and on the map.
    await page.getByTestId('zone-close').click();
    await page.getByTestId('zone-search').fill(code);
    await expect.poll(() => page.getByTestId('zone-item').count()).toBe(1);
    expect(await paths.count()).toBe(before + 1);
    expect(stack.cspViolations).toEqual([]);
  });

  it('shows a port viewer the zones read-only', async () => {
    const page = await stack.page(PORT_VIEWER, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    await page.goto('/zones');
    await page.getByTestId('zones-read-only').waitFor();
    expect(await page.getByTestId('zone-draw').count()).toBe(0);
    await page.getByTestId('zone-item').first().click();
    expect(await page.getByTestId('zone-code').isDisabled()).toBe(true);
    expect(await page.getByTestId('zone-save').count()).toBe(0);
    expect(await page.getByTestId('rules-save').count()).toBe(0);
    await assertAccessible(page);
  });

  it('gives a dispatcher no zones screen', async () => {
    const page = await stack.page(DISPATCHER, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    expect(await page.locator('.sidenav a[data-screen=zones]').count()).toBe(0);
    await page.goto('/zones');
    await page.locator('.state-forbidden').waitFor();
    expect(await page.getByTestId('zones-map').count()).toBe(0);
    await assertAccessible(page);
  });
});
