// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import { demoTruck } from '@harbor/shared';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, PASSWORD, SCREENSHOTS, VIEWPORTS } from './stack.ts';

// Alerts people can act on, in Chromium against the shared Harbor: a DHCL truck speeding in
// two yard blocks (fixes posted to /ingest/fixes with DHCL's own key) reaches the dispatcher
// in Chinese, by its plate and in km/h; the navigation counts them unread until the alerts
// are opened; two are acknowledged together with a comment, which the list then shows.

const DHCL_ADMIN = 'admin@dhcl.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';
/** The last DHCL truck of the demo fleet of 40 (odd numbers drive for DHCL), 沪DF00039. */
const TRUCK = demoTruck(39);

const harbor = inject('harbor');

describe.skipIf(!harbor)('alerts in Chromium', () => {
  const stack = browserForBlock(harbor);

  /** Fixes of the truck through DHCL's own API key, as a telematics platform would send them. */
  async function postTruckFixes(
    fixes: { at: number; lat: number; lon: number; speedKmh: number }[],
  ) {
    const admin = await nodeClient(stack.harbor.url, { email: DHCL_ADMIN, password: PASSWORD });
    const { key } = await admin.client.apiKeys.create.mutate({ name: `e2e alerts ${Date.now()}` });
    const response = await fetch(`${stack.harbor.url}/ingest/fixes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        fixes: fixes.map((fix) => ({
          deviceId: TRUCK.terminalPhone,
          assetKind: 'VEHICLE',
          time: new Date(fix.at).toISOString(),
          lat: fix.lat,
          lon: fix.lon,
          speedKmh: fix.speedKmh,
          courseDeg: 90,
        })),
      }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: fixes.length, rejected: [] });
  }

  it('counts a truck’s speeding unread, names its plate in km/h, and acknowledges two with a comment', async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const me = await client.auth.me.query();
    const blocks = (await client.port.zones.query({ kinds: ['YARD_BLOCK'] }))
      .filter((zone) => zone.code.startsWith('YSP4-Y') && zone.speedLimitKmh !== null)
      .slice(0, 2);
    expect(blocks).toHaveLength(2);
    const centre = (zone: (typeof blocks)[number]) => ({
      lat: (zone.bbox.minLat + zone.bbox.maxLat) / 2,
      lon: (zone.bbox.minLon + zone.bbox.maxLon) / 2,
    });

    // Opening the alerts marks them seen: the badge goes.
    const page = await stack.page(DISPATCHER, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    const seen = page.waitForResponse((response) => response.url().includes('alerts.markSeen'));
    await page.goto('/alerts');
    expect((await seen).status()).toBe(200);
    await page.getByRole('link', { name: /^告警/ }).waitFor();
    const badge = page.getByTestId('unread-alerts');
    const unread = async () =>
      (await badge.count()) > 0 ? Number(await badge.getAttribute('data-count')) : 0;
    await page.getByRole('link', { name: '调度看板' }).click();
    await page.waitForURL('**/dispatch');

    // Outside every yard, then 60 km/h through two yard blocks (limit 25 km/h), then parked
    // away from the map's view (a truck frozen there could pass for one on the move). The
    // fixes are a few milliseconds apart, all after the alerts were seen.
    const now = Date.now();
    const [first, second] = blocks.map(centre);
    if (!first || !second) throw new Error('two yard blocks expected');
    const away = { lat: 30.3, lon: 122.3 };
    await postTruckFixes([
      { at: now - 3, ...away, speedKmh: 0 },
      { at: now - 2, ...first, speedKmh: 60 },
      { at: now - 1, ...second, speedKmh: 60 },
      { at: now, ...away, speedKmh: 0 },
    ]);
    const raised = async () =>
      (
        await client.alerts.list.query({
          kind: 'SPEEDING',
          assetKey: TRUCK.terminalPhone,
          acknowledged: false,
          limit: 10,
        })
      ).items.filter((alert) => Date.parse(alert.raisedAt) >= now - 2);
    await expect.poll(async () => (await raised()).length, { timeout: 15_000 }).toBe(2);
    const alerts = await raised();
    // The badge counts them, live: it comes at least to what the server counted unread for
    // the user once these two were raised, and never past what the server counts now. (Not
    // "what it showed before plus two": the simulation raises alerts all the while, and the
    // badge may still have shown its count from before the alerts were opened, recounted only
    // after the seen mark. Nor the server's count at one instant: the badge recounts at most
    // once a second, and on a busy machine the simulation's next alert can always come between.)
    const withThese = (await client.alerts.unreadCount.query()).count;
    expect(withThese).toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () => {
          const shown = await unread();
          return shown >= withThese && shown <= (await client.alerts.unreadCount.query()).count;
        },
        { timeout: 15_000 },
      )
      .toBe(true);

    // Opening the alerts clears it.
    await page.getByRole('link', { name: /^告警/ }).click();
    await page.getByTestId('alerts-list').waitFor();
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(0);

    const items = alerts.map((alert) =>
      page.locator(`[data-testid=alerts-list] [data-alert-id="${alert.id}"]`),
    );
    for (const [index, item] of items.entries()) {
      const alert = alerts[index];
      await item.waitFor({ timeout: 15_000 });
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(TRUCK.plate);
      expect(text).toMatch(/车速 \d+(\.\d)? 公里\/小时（限速 25 公里\/小时）/);
      expect(text).not.toContain(TRUCK.terminalPhone);
      expect(await item.getByRole('link', { name: /^在地图上查看/ }).getAttribute('href')).toBe(
        `/map?asset=VEHICLE:${TRUCK.terminalPhone}&at=${alert?.raisedAt}`,
      );
    }
    await assertAccessible(page);

    // Both selected, acknowledged together with a comment.
    const comment = `已电话提醒司机减速 ${now}`;
    for (const item of items) await item.getByRole('checkbox', { name: /^选择：/ }).check();
    expect(await page.getByTestId('alerts-selected').textContent()).toBe('已选 2 条');
    await page.getByLabel('处理说明').fill(comment);
    await page.getByRole('button', { name: '确认所选告警' }).click();
    for (const item of items) {
      await expect
        .poll(() => item.getAttribute('data-acknowledged'), { timeout: 15_000 })
        .toBe('true');
      const done = (await item.locator('.alerts-acknowledged').textContent()) ?? '';
      expect(done).toContain(`${me.name} 已于`);
      expect(done).toContain(comment);
    }
    await page
      .getByRole('status')
      .filter({ hasText: '已确认 2 条告警。' })
      .waitFor({ timeout: 15_000 });
    // The api has them acknowledged by the dispatcher, with the comment.
    const stored = await client.alerts.list.query({
      kind: 'SPEEDING',
      assetKey: TRUCK.terminalPhone,
      acknowledged: true,
      limit: 10,
    });
    for (const alert of alerts)
      expect(stored.items.find((item) => item.id === alert.id)).toMatchObject({
        acknowledgedById: me.id,
        acknowledgeComment: comment,
      });
    await assertAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/alerts.png` });
    await page.context().close();
  });
});
