// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, PASSWORD, SCREENSHOTS, VIEWPORTS } from './stack.ts';

// The port staff's screens in Chromium, as operator@port.harbor.local: the berth plan by
// keyboard and by drag, a simulated ship's vessel page, the yard at its busiest terminal and
// the reports' stopped against idle; in Chinese on a laptop and in English on a monitor.

const OPERATOR = 'operator@port.harbor.local';
const HOUR_MS = 3_600_000;
const OPEN_IN_PORT = ['APPROACHING', 'AT_ANCHOR', 'BERTHING', 'BERTHED', 'SHIFTING'] as const;

const harbor = inject('harbor');

const SETTINGS = [
  { locale: 'zh-CN', viewport: VIEWPORTS.small, isPhotographed: false },
  { locale: 'en-US', viewport: VIEWPORTS.large, isPhotographed: true },
] as const;

describe.skipIf(!harbor).each(SETTINGS)('port screens ($locale)', (setting) => {
  const stack = browserForBlock(harbor);
  let page: Page;
  let operator: Awaited<ReturnType<typeof nodeClient>>['client'];
  beforeAll(async () => {
    if (!harbor) return;
    operator = (await nodeClient(harbor.url, { email: OPERATOR, password: PASSWORD })).client;
    page = await stack.page(OPERATOR, { locale: setting.locale, viewport: setting.viewport });
  });

  /** Two new ships of the test's own, planned side by side at YSP4's B01 and B02. */
  async function twoPlannedVisits() {
    const terminals = await operator.port.terminals.query();
    const ysp4 = terminals.find((terminal) => terminal.code === 'YSP4');
    if (!ysp4) throw new Error('the seed has YSP4');
    const plan = await operator.visits.berthPlan.query({
      terminalId: ysp4.id,
      from: new Date().toISOString(),
      to: new Date(Date.now() + HOUR_MS).toISOString(),
    });
    const [b01, b02] = plan.berths;
    if (!b01 || !b02) throw new Error('YSP4 has two berths');
    const start = Date.now() + 3 * HOUR_MS;
    const visitOf = async (berthId: string, name: string) => {
      const mmsi = 412_000_000 + Math.floor(Math.random() * 999_999);
      await operator.vessels.create.mutate({ mmsi, name, shipType: 70, lengthM: 180, draughtM: 9 });
      return operator.visits.create.mutate({
        vessel: { mmsi },
        terminalId: ysp4.id,
        berthId,
        voyageNumber: name.slice(-6),
        eta: new Date(start).toISOString(),
        etd: new Date(start + 6 * HOUR_MS).toISOString(),
      });
    };
    const suffix = `${setting.locale.slice(0, 2).toUpperCase()}${Date.now() % 100_000}`;
    return {
      moving: await visitOf(b01.berthId, `E2E MOVER ${suffix}`),
      staying: await visitOf(b02.berthId, `E2E STAYER ${suffix}`),
    };
  }

  it('opens a berth plan bar by keyboard, and moves a visit by drag with a conflict preview', async () => {
    const { moving, staying } = await twoPlannedVisits();
    await page.goto('/berth-plan?terminal=YSP4&days=3');
    const bar = page.locator(`[data-visit-id="${moving.id}"]`);
    await bar.waitFor();
    await assertAccessible(page);

    // Keyboard: the bar is a button; Enter opens its panel and the panel takes the focus.
    await bar.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('visit-panel');
    await panel.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('berth-plan-panel-title');
    expect(await panel.getByTestId('vessel-link').getAttribute('href')).toBe(
      `/vessels/${moving.vessel.id}`,
    );
    await assertAccessible(page);

    // Drag onto B02, where the other ship lies at the same time: the preview names the overlap.
    const from = await bar.boundingBox();
    const lane = await page.locator('[data-berth="B02"] .berth-plan-track').boundingBox();
    if (!from || !lane) throw new Error('the bar and the lane are on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 3, lane.y + lane.height / 2, { steps: 4 });
    await page.mouse.move(from.x + from.width / 2 + 6, lane.y + lane.height / 2, { steps: 4 });
    const ghost = page.getByTestId('move-preview');
    await ghost.waitFor();
    expect(Number(await ghost.getAttribute('data-conflicts'))).toBeGreaterThan(0);
    await page.mouse.up();
    const preview = panel.getByTestId('move-conflicts');
    await expect.poll(() => preview.textContent()).toContain(staying.vessel.name ?? '');
    await panel.locator('button[type=submit]').click();
    await panel.getByTestId('move-saved').waitFor();
    const saved = await operator.visits.get.query({ id: moving.id });
    expect(saved.plannedBerthCode).toBe('B02');
    await expect
      .poll(
        () =>
          page
            .locator(`[data-berth="B02"] [data-visit-id="${moving.id}"]`)
            .getAttribute('data-conflict'),
        { timeout: 30_000 },
      )
      .toBe('true');
    if (setting.isPhotographed) await page.screenshot({ path: `${SCREENSHOTS}/berth-plan.png` });
  });

  it('shows a simulated ship’s page: identity, track and port calls', async () => {
    // A ship the tracker follows (the simulator sails it): a call past PLANNED.
    let vesselId = '';
    await expect
      .poll(
        async () => {
          const page = await operator.visits.list.query({ statuses: [...OPEN_IN_PORT], limit: 20 });
          vesselId = page.items[0]?.vessel.id ?? '';
          return vesselId;
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .not.toBe('');
    await page.goto('/vessels');
    await page.getByTestId('visits-table').locator('[data-mmsi]').first().waitFor();
    await assertAccessible(page);
    if (setting.isPhotographed) await page.screenshot({ path: `${SCREENSHOTS}/vessels.png` });
    await page.locator(`[data-testid=visits-table] a[href="/vessels/${vesselId}"]`).first().click();
    const identity = page.getByTestId('vessel-identity');
    await identity.waitFor();
    expect(await identity.textContent()).toMatch(/\d{9}/);
    await page.getByTestId('vessel-particulars').waitFor();
    await page.getByTestId('vessel-position').waitFor({ timeout: 30_000 });
    await page.locator('.vessel-map .leaflet-container').waitFor();
    await page.getByTestId('vessel-calls').locator('tbody tr').first().waitFor();
    await assertAccessible(page, { exclude: ['.leaflet-container'] });
    if (setting.isPhotographed) await page.screenshot({ path: `${SCREENSHOTS}/vessel.png` });
  });

  it('opens the yard on its busiest terminal, with the block grid reachable', async () => {
    const utilisation = await operator.dashboards.yardUtilisation.query();
    const busiest = [...utilisation].sort((a, b) => b.containers - a.containers)[0];
    await page.goto('/yard');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('terminal'), { timeout: 30_000 })
      .toBe(busiest?.terminalCode);
    const region = page.getByTestId('yard-grid-scroll');
    await region.waitFor();
    // The last bay of the grid is reached by scrolling the focusable region.
    await region.focus();
    const lastCell = region.locator('[data-slot]').last();
    await lastCell.scrollIntoViewIfNeeded();
    await expect.poll(() => lastCell.isVisible()).toBe(true);
    const box = await lastCell.boundingBox();
    expect((box?.x ?? Number.POSITIVE_INFINITY) + (box?.width ?? 0)).toBeLessThanOrEqual(
      setting.viewport.width,
    );
    await assertAccessible(page);
    if (setting.isPhotographed) await page.screenshot({ path: `${SCREENSHOTS}/yard.png` });
  });

  it('tells stopped from idle in the reports', async () => {
    await page.goto('/reports?period=24h');
    await page.getByTestId('vehicles-report').locator('[data-vehicle-id]').first().waitFor();
    const stopped = await page.locator('th[data-measure=stopped]').textContent();
    const idle = await page.locator('th[data-measure=idle]').textContent();
    expect(stopped).not.toBe(idle);
    expect(await page.getByTestId('reports-measures').isVisible()).toBe(true);
    await assertAccessible(page);
    if (setting.isPhotographed) await page.screenshot({ path: `${SCREENSHOTS}/reports.png` });
  });
});
