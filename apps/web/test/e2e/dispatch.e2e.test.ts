// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  assertAccessible,
  browserForBlock,
  logIn,
  PASSWORD,
  type PageOptions,
  SCREENSHOTS,
  VIEWPORTS,
} from './stack.ts';

// The dispatch board as a dispatcher of a trucking company uses it, in Chromium on a laptop
// (1280 x 720, Chinese) and an office monitor (1440 x 900, English): the row's actions and
// reference in reach, both lists on screen, a job created with the zone picker, its drawer
// with the map, the truck and its ETA, the kanban view, and no status code shown raw.

const DISPATCHER = 'dispatcher@dhcl.harbor.local';
/** A status code as the api spells it (AT_PICKUP): never for a person's eyes. */
const RAW_CODE = /\b[A-Z]+_[A-Z_]+\b/;

const harbor = inject('harbor');
/** Where a slow run is: each step on stderr (shown with a failure). */
const step = (what: string) => console.error(`dispatch e2e: ${what}`);
/** References unique to this run (admin.e2e.test.ts uses E2E-0001 to E2E-0003). */
const RUN = Date.now().toString(36).toUpperCase();

/** The box of an element, which must be rendered. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not rendered`);
  return box;
}

/** Whether the page or the content area scrolls (each list should scroll inside its own panel). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => {
    const content = document.querySelector('.content');
    const root = document.documentElement;
    return {
      x:
        root.scrollWidth > root.clientWidth ||
        (content?.scrollWidth ?? 0) > (content?.clientWidth ?? 0),
      y:
        root.scrollHeight > root.clientHeight ||
        (content?.scrollHeight ?? 0) > (content?.clientHeight ?? 0),
    };
  });

const rawCodes = (page: Page) =>
  page.evaluate(
    // innerText, not textContent: only the text a person sees (no hidden elements, no CSS).
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    (source) => document.body.innerText.match(new RegExp(source, 'g')),
    RAW_CODE.source,
  );

/** Both lists inside the window, each with room for rows. */
async function expectBothListsInView(page: Page, viewport: { width: number; height: number }) {
  for (const id of ['jobs-table', 'vehicles-table']) {
    const box = await boxOf(page.getByTestId(id));
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.height).toBeGreaterThan(80);
  }
  expect(await pageOverflow(page)).toEqual({ x: false, y: false });
}

describe.skipIf(!harbor)('the dispatch board in Chromium', () => {
  const stack = browserForBlock(harbor);

  /**
   * The dispatcher's page, with waits long enough for a machine shared by many test runs
   * (Playwright's 30 s default for a navigation is not, there).
   */
  const dispatcherPage = async (options: PageOptions) => {
    const page = await stack.page(undefined, options);
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(90_000);
    await logIn(page, DISPATCHER);
    return page;
  };

  it('on a 1280 x 720 laptop in Chinese: a job from the zone picker, assigned, on the map, in the kanban', async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const reference = `DSP-${RUN}-1`;
    const page = await dispatcherPage({ locale: 'zh-CN', viewport: VIEWPORTS.small });
    await page.goto('/dispatch');
    await page.getByTestId('vehicles-table').waitFor();

    step('new job dialog');
    // A new job, its zones found by searching: a gate at Yangshan IV, a depot at Luchaogang.
    await page.getByRole('button', { name: '新建任务' }).click();
    const dialog = page.getByTestId('new-job');
    await dialog.getByLabel('任务编号').fill(reference);
    await dialog.getByLabel('搜索提箱点').fill('YSP4 闸口');
    const pickup = dialog.getByLabel('提箱点', { exact: true });
    // Only the gate matches; ships' zones (berths, anchorages, fairways) are never offered.
    await expect
      .poll(() => pickup.locator('option').allTextContents(), { timeout: 30_000 })
      .toEqual([expect.stringMatching(/^YSP4-GATE · /)]);
    await pickup.selectOption('YSP4-GATE');
    await dialog.getByLabel('搜索送箱点').fill('LCG');
    const dropoff = dialog.getByLabel('送箱点', { exact: true });
    expect(await dropoff.locator('optgroup').first().getAttribute('label')).toBe(
      '港区 · 堆场（场站）',
    );
    await dialog.getByLabel('搜索送箱点').fill('');
    const kinds = await dropoff
      .locator('optgroup')
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('label')));
    expect(kinds.every((label) => /闸口|堆场|仓库/.test(label ?? ''))).toBe(true);
    await dropoff.selectOption('LCG-DEPOT');
    await assertAccessible(page);
    await dialog.getByRole('button', { name: '创建任务' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('任务编号或集装箱号').fill(reference);
    const row = page.locator(`[data-testid=jobs-table] tr[data-reference="${reference}"]`);
    await row.waitFor();
    const jobId = await row.getAttribute('data-job-id');
    if (!jobId) throw new Error('the new row names no job');
    await expectBothListsInView(page, VIEWPORTS.small);

    step('row in the table');
    // At 1280 the row's actions and its reference are on screen without scrolling the page,
    // even with the table's middle columns scrolled all the way sideways.
    const table = page.getByTestId('jobs-table');
    await table.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
    });
    const assign = row.getByRole('button', { name: `派车 ${reference}` });
    const assignBox = await boxOf(assign);
    expect(assignBox.x + assignBox.width).toBeLessThanOrEqual(VIEWPORTS.small.width);
    const referenceBox = await boxOf(row.getByRole('button', { name: `查看 ${reference}` }));
    const tableBox = await boxOf(table);
    expect(referenceBox.x).toBeGreaterThanOrEqual(tableBox.x);
    expect(referenceBox.x + referenceBox.width).toBeLessThan(assignBox.x);
    expect(await pageOverflow(page)).toEqual({ x: false, y: false });
    await assertAccessible(page);

    step('drawer');
    // The drawer: the job's pickup and drop-off on the map.
    await row.getByRole('button', { name: `查看 ${reference}` }).click();
    const drawer = page.getByTestId('job-detail');
    await drawer.locator('.dispatch-map-pickup').waitFor();
    await drawer.locator('.dispatch-map-dropoff').waitFor();
    expect(await drawer.getByTestId('job-map').getAttribute('aria-label')).toBe(
      '地图：提箱点 YSP4-GATE，送箱点 LCG-DEPOT',
    );
    await assertAccessible(page);
    await drawer.getByRole('button', { name: '关闭' }).click();

    step('assign');
    // Assign the last suggested truck, the farthest: the drawer shows where it is and when it
    // reaches the pickup. The nearest may already stand at the gate, and the tracker would then
    // move the job on to the pickup before the kanban step below does.
    await assign.click();
    const suggested = page.getByTestId('suggestions').locator('button[data-vehicle-id]');
    await suggested.first().waitFor({ timeout: 30_000 });
    const truck = suggested.last();
    const plate = await truck.getAttribute('data-plate');
    await truck.click();
    await expect
      .poll(() => row.getByTestId('job-status').getAttribute('data-status'), { timeout: 15_000 })
      .not.toBe('PLANNED');
    await row.getByRole('button', { name: `查看 ${reference}` }).click();
    await drawer.locator('.dispatch-map-truck').waitFor({ timeout: 15_000 });
    const eta = drawer.getByTestId('job-eta');
    expect(await eta.getAttribute('data-target')).toBe('PICKUP');
    expect(await eta.textContent()).toMatch(/\d+ 分钟（[\d.]+ 公里）后到达提箱点/);
    expect(await drawer.getByTestId('job-map').getAttribute('aria-label')).toBe(
      `地图：提箱点 YSP4-GATE，送箱点 LCG-DEPOT，车辆 ${plate}`,
    );
    expect(await rawCodes(page)).toBeNull();
    await assertAccessible(page);
    await drawer.getByRole('button', { name: '关闭' }).click();

    step('kanban');
    // On its way (as the tracker would say once the truck moves): the kanban moves it on to
    // the pickup through the same status dialog as the table.
    await client.dispatch.transition
      .mutate({ id: jobId, to: 'EN_ROUTE_PICKUP' })
      .catch(async () => {
        const job = await client.dispatch.get.query({ id: jobId });
        expect(job.status).toBe('EN_ROUTE_PICKUP');
      });
    await page.getByRole('button', { name: '看板' }).click();
    expect(new URL(page.url()).searchParams.get('view')).toBe('kanban');
    const card = (status: string) =>
      page.locator(
        `[data-testid=jobs-kanban] section[data-status=${status}] [data-job-id="${jobId}"]`,
      );
    await card('EN_ROUTE_PICKUP').waitFor({ timeout: 15_000 });
    expect(await card('EN_ROUTE_PICKUP').textContent()).toContain(plate ?? '?');
    await assertAccessible(page);
    expect(await rawCodes(page)).toBeNull();
    await card('EN_ROUTE_PICKUP')
      .getByRole('button', { name: `将 ${reference} 改为“到达提箱点”` })
      .click();
    const move = page.getByRole('dialog', { name: `修改 ${reference} 的状态` });
    expect(await move.getByLabel('新状态').inputValue()).toBe('AT_PICKUP');
    await move.getByRole('button', { name: '修改状态' }).click();
    await card('AT_PICKUP').waitFor({ timeout: 15_000 });

    step('screenshot');
    // The board as the README shows it: the table, Chinese, on the laptop.
    await page.getByRole('button', { name: '表格' }).click();
    await page.getByLabel('任务编号或集装箱号').fill('');
    await page.getByTestId('jobs-table').waitFor();
    expect(await rawCodes(page)).toBeNull();
    await page.screenshot({ path: `${SCREENSHOTS}/dispatch.png` });
    await page.context().close();
  }, 600_000);

  it('on a 1440 x 900 monitor in English: both lists, the actions and the kanban in view', async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const reference = `DSP-${RUN}-2`;
    const now = Date.now();
    const job = await client.dispatch.create.mutate({
      reference,
      pickupZoneCode: 'YSP3-GATE',
      dropoffZoneCode: 'YSBZ-WH1',
      // A window already over: the job is late.
      windowStart: new Date(now - 3 * 3_600_000).toISOString(),
      windowEnd: new Date(now - 3_600_000).toISOString(),
    });
    const page = await dispatcherPage({ viewport: VIEWPORTS.large });
    await page.goto(`/dispatch?q=${reference}`);
    const row = page.locator(`[data-testid=jobs-table] tr[data-job-id="${job.id}"]`);
    await row.waitFor();
    await page.getByTestId('vehicles-table').waitFor();
    await expectBothListsInView(page, VIEWPORTS.large);
    const late = row.getByTestId('job-late');
    expect(await late.textContent()).toBe('Late');
    const assignBox = await boxOf(row.getByRole('button', { name: `Assign ${reference}` }));
    expect(assignBox.x + assignBox.width).toBeLessThanOrEqual(VIEWPORTS.large.width);
    expect(await rawCodes(page)).toBeNull();
    await assertAccessible(page);

    await row.getByRole('button', { name: `Open ${reference}` }).click();
    const warning = page.getByTestId('job-late-warning');
    expect(await warning.textContent()).toMatch(/^Missed its time window: it ended /);
    await page.getByTestId('job-detail').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Kanban' }).click();
    const card = page.locator(
      `[data-testid=jobs-kanban] section[data-status=PLANNED] [data-job-id="${job.id}"]`,
    );
    await card.waitFor();
    expect(await card.getByTestId('job-late').textContent()).toBe('Late');
    expect(await rawCodes(page)).toBeNull();
    await assertAccessible(page);
    // Planned, the next step names a truck: the card opens the assign dialog, as the table does.
    await card.getByRole('button', { name: `Move ${reference} to Assigned` }).click();
    await page.getByRole('dialog', { name: `Assign a truck to ${reference}` }).waitFor();
    await page.keyboard.press('Escape');
    await page.context().close();
  }, 600_000);
});
