// @vitest-environment node
import { demoFleet } from '@harbor/shared';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fleet } from '../../src/i18n/fleet.ts';
import { assertAccessible, browserForBlock, SCREENSHOTS, type Stack, VIEWPORTS } from './stack.ts';

// The fleet screen in Chromium against the shared Harbor, the simulator driving the demo
// trucks' JT/T 808 terminals. Every vehicle, driver, shift and terminal changed here is made
// here (unique names); the seeded demo trucks and their bindings are left as they are.

const ADMIN = 'admin@dhcl.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';
const LGFT_VIEWER = 'viewer@lgft.harbor.local';

type Texts = (typeof fleet)['en'];

/** A number no other run of this file is likely to use, `digits` long. */
const unique = (digits: number) =>
  String(Date.now() * 1_000 + Math.floor(Math.random() * 1_000)).slice(-digits);

/** The open dialog titled `title`. */
const dialog = (page: Page, title: string) => page.getByRole('dialog', { name: title });

/** Adds a vehicle through its dialog, first refused for a bad plate; returns its plate. */
async function addVehicle(page: Page, texts: Texts, province: string) {
  const plate = `${province}${unique(5)}`;
  await page.getByRole('button', { name: texts.action.addVehicle }).click();
  const form = dialog(page, texts.vehicleDialog.create);
  await form.getByLabel(texts.field.plate, { exact: true }).fill('沪D1');
  await form.getByRole('button', { name: texts.action.save }).click();
  expect(await form.getByTestId('field-error').allTextContents()).toEqual([texts.invalid.plate]);
  await form.getByLabel(texts.field.plate, { exact: true }).fill(plate);
  await form.getByLabel(texts.field.vin, { exact: true }).fill(`LE2E${unique(13)}`);
  await form.getByLabel(texts.field.model, { exact: true }).fill('Sinotruk HOWO T7H tractor');
  await form.getByLabel(texts.field.modelZh, { exact: true }).fill('中国重汽豪沃 T7H 牵引车');
  await form.getByRole('button', { name: texts.action.save }).click();
  await form.waitFor({ state: 'detached' });
  await page.locator(`[data-testid=fleet-vehicles] tr[data-plate="${plate}"]`).waitFor();
  return plate;
}

/** Adds a driver assigned to `plate`; returns the driver's name. */
async function addDriver(page: Page, texts: Texts, plate: string) {
  const name = `E2E ${unique(6)}`;
  await page.getByRole('link', { name: texts.tab.drivers }).click();
  await page.waitForURL(/\/fleet\/drivers$/);
  await page.getByRole('button', { name: texts.action.addDriver }).click();
  const form = dialog(page, texts.driverDialog.create);
  await form.getByLabel(texts.field.name, { exact: true }).fill(name);
  await form.getByLabel(texts.field.phone, { exact: true }).fill(`139${unique(8)}`);
  await form.getByLabel(texts.field.licenseNumber, { exact: true }).fill(`310${unique(15)}`);
  await form
    .getByLabel(texts.field.currentVehicleId, { exact: true })
    .selectOption({ label: plate });
  await form.getByRole('button', { name: texts.action.save }).click();
  await form.waitFor({ state: 'detached' });
  const row = page.locator(`[data-testid=fleet-drivers] tr[data-name="${name}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain(plate);
  return name;
}

/**
 * Plans a shift of the driver on the truck on `day`, 08:00 to 16:00, then one from 12:00
 * that the api refuses: the dialog says so in the page's language, naming the first.
 */
async function planShifts(page: Page, stack: Stack, texts: Texts, driver: string, day: string) {
  await page.getByRole('link', { name: texts.tab.shifts }).click();
  await page.waitForURL(/\/fleet\/shifts/);
  await page.goto(`/fleet/shifts?day=${day}`);
  const plan = async (from: string, to: string) => {
    await page.getByRole('button', { name: texts.action.planShift }).click();
    const form = dialog(page, texts.shiftDialog.create);
    await form.getByLabel(texts.field.driverId, { exact: true }).selectOption({ label: driver });
    await form.getByLabel(texts.field.startsAt, { exact: true }).fill(`${day}T${from}`);
    await form.getByLabel(texts.field.endsAt, { exact: true }).fill(`${day}T${to}`);
    await form.getByRole('button', { name: texts.action.save }).click();
    return form;
  };
  const first = await plan('08:00', '16:00');
  await first.waitFor({ state: 'detached' });
  await page.locator(`[data-testid=fleet-shifts] tr[data-driver="${driver}"]`).waitFor();
  // The refusal answers 409, which Chromium logs.
  stack.expectErrors(/status of 409/);
  const second = await plan('12:00', '20:00');
  const refusal = second.getByTestId('form-error');
  await refusal.waitFor();
  const text = (await refusal.textContent()) ?? '';
  expect(text).toContain(driver);
  expect(text).not.toMatch(/shift\.driver-busy|\d{4}-\d{2}-\d{2}T/);
  await assertAccessible(page);
  await second.getByRole('button', { name: texts.action.cancel }).click();
  expect(await page.locator(`[data-testid=fleet-shifts] tr[data-driver="${driver}"]`).count()).toBe(
    1,
  );
  return text;
}

/** Each test walks several tabs and forms; on a shared, loaded machine that takes minutes. */
const TEST_TIMEOUT_MS = 300_000;

const harbor = inject('harbor');

describe.skipIf(!harbor)('the fleet screen in Chromium', () => {
  const stack = browserForBlock(harbor);

  it(
    "an admin in Chinese runs the fleet: vehicles, drivers, shifts and the terminals' bindings",
    async () => {
      const texts = fleet['zh-CN'];
      const page = await stack.page(ADMIN, { locale: 'zh-CN', viewport: VIEWPORTS.small });
      await page.goto('/fleet');
      await page.waitForURL(/\/fleet\/vehicles$/);
      await page.locator('[data-testid=fleet-vehicles] tr[data-plate]').first().waitFor();
      await assertAccessible(page);

      const plate = await addVehicle(page, texts, '沪D');
      const row = page.locator(`[data-testid=fleet-vehicles] tr[data-plate="${plate}"]`);
      // The model in Chinese, the status in words.
      expect(await row.textContent()).toContain('中国重汽豪沃 T7H 牵引车');
      expect(await row.getByTestId('vehicle-status').textContent()).toMatch(/^(空闲|下班)$/);
      await page.screenshot({ path: `${SCREENSHOTS}/fleet.png` });

      const driver = await addDriver(page, texts, plate);
      await assertAccessible(page);
      const refusal = await planShifts(page, stack, texts, driver, '2027-01-15');
      expect(refusal).toMatch(new RegExp(`^司机 ${driver} 在 .+ 至 .+ 已有班次。$`));

      // The demo terminals are online (the simulator drives them) and were seen lately.
      await page.getByRole('link', { name: texts.tab.terminals }).click();
      await page.waitForURL(/\/fleet\/terminals$/);
      const demo = demoFleet(40).find((truck) => truck.organization === 'DHCL');
      const demoRow = page.locator(
        `[data-testid=fleet-terminals] tr[data-terminal-phone="${demo?.terminalPhone}"]`,
      );
      await expect
        .poll(() => demoRow.getByTestId('terminal-online').getAttribute('data-online'), {
          timeout: 60_000,
        })
        .toBe('true');
      expect(await demoRow.getByTestId('terminal-online').textContent()).toBe('在线');
      expect(await demoRow.getByTestId('terminal-last-seen').textContent()).toMatch(/\d{2}:\d{2}/);
      expect(await demoRow.textContent()).toContain('JT/T 808-2013');
      expect(await page.getByText(texts.legend.online).count()).toBe(1);
      await assertAccessible(page);

      // A terminal for the new truck, then its binding reset, saying what that does.
      const phone = `0138${unique(8)}`;
      await page.getByRole('button', { name: texts.action.addTerminal }).click();
      const form = dialog(page, texts.terminalDialog.create);
      await form.getByLabel(texts.field.terminalPhone, { exact: true }).fill(phone);
      await form.getByLabel(texts.field.vehicleId, { exact: true }).selectOption({ label: plate });
      await form.getByRole('button', { name: texts.action.save }).click();
      await form.waitFor({ state: 'detached' });
      const terminal = page.locator(
        `[data-testid=fleet-terminals] tr[data-terminal-phone="${phone}"]`,
      );
      await terminal.waitFor();
      expect(await terminal.textContent()).toContain(plate);
      expect(await terminal.getByTestId('terminal-online').textContent()).toBe('离线');
      await terminal
        .getByRole('button', { name: texts.action.resetBindingOf.replace('{{phone}}', phone) })
        .click();
      const confirm = dialog(page, `重置 ${phone} 的绑定？`);
      expect(await confirm.textContent()).toContain(
        `下一个以手机号 ${phone} 注册的终端将与其绑定并获得新的鉴权码`,
      );
      await assertAccessible(page);
      await confirm.getByRole('button', { name: texts.action.confirmReset }).click();
      await confirm.waitFor({ state: 'detached' });
      expect(await page.getByRole('status').filter({ hasText: phone }).textContent()).toBe(
        `已重置 ${phone} 的绑定。`,
      );
      // The demo truck's terminal kept its binding and its connection.
      expect(await demoRow.getByTestId('terminal-online').getAttribute('data-online')).toBe('true');
      await page.context().close();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a dispatcher in English manages vehicles, drivers and shifts, not the terminals',
    async () => {
      const texts = fleet.en;
      const page = await stack.page(DISPATCHER, { locale: 'en-US', viewport: VIEWPORTS.large });
      await page.goto('/fleet/vehicles');
      await page.locator('[data-testid=fleet-vehicles] tr[data-plate]').first().waitFor();
      expect(await page.getByRole('navigation', { name: texts.tabsLabel }).textContent()).toBe(
        'VehiclesDriversShifts',
      );
      const plate = await addVehicle(page, texts, '沪D');
      const row = page.locator(`[data-testid=fleet-vehicles] tr[data-plate="${plate}"]`);
      expect(await row.textContent()).toContain('Sinotruk HOWO T7H tractor');
      // Into maintenance and back to what Harbor sees.
      await row.getByLabel(`Status of ${plate}`).selectOption('MAINTENANCE');
      await expect
        .poll(() => row.getByTestId('vehicle-status').textContent(), { timeout: 30_000 })
        .toBe('Maintenance');
      await assertAccessible(page);

      const driver = await addDriver(page, texts, plate);
      const refusal = await planShifts(page, stack, texts, driver, '2027-01-16');
      expect(refusal).toMatch(
        new RegExp(`^Driver ${driver} already has a shift from .+ to .+\\.$`),
      );

      // The terminals are the admins': the address leads back to the vehicles.
      await page.goto('/fleet/terminals');
      await page.waitForURL(/\/fleet\/vehicles$/);
      await page.context().close();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows Lingang's viewer Lingang's fleet, read only, and none of Donghai's",
    async () => {
      const texts = fleet.en;
      const page = await stack.page(LGFT_VIEWER, { viewport: VIEWPORTS.small });
      await page.goto('/fleet/vehicles');
      await page.locator('[data-testid=fleet-vehicles] tr[data-plate]').first().waitFor();
      expect(await page.getByText(texts.readOnly).count()).toBe(1);
      const plates = await page
        .locator('[data-testid=fleet-vehicles] tr[data-plate]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-plate') ?? ''));
      const lgft = demoFleet(40)
        .filter((truck) => truck.organization === 'LGFT')
        .map((truck) => truck.plate);
      expect(plates).toEqual(expect.arrayContaining(lgft));
      expect(plates.filter((plate) => plate.startsWith('沪D'))).toEqual([]);
      expect(await page.getByRole('button', { name: texts.action.addVehicle }).count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: texts.column.actions }).count()).toBe(0);
      await assertAccessible(page);

      await page.getByRole('link', { name: texts.tab.drivers }).click();
      await page.waitForURL(/\/fleet\/drivers$/);
      await page.getByTestId('fleet-drivers').or(page.getByText(texts.noDrivers)).waitFor();
      expect(await page.locator('[data-testid=fleet-drivers] tr[data-name^="E2E "]').count()).toBe(
        0,
      );
      expect(await page.getByRole('button', { name: texts.action.addDriver }).count()).toBe(0);
      await assertAccessible(page);

      await page.getByRole('link', { name: texts.tab.shifts }).click();
      await page.goto('/fleet/shifts?day=2027-01-15');
      await page.getByTestId('fleet-shifts').or(page.getByText(texts.noShifts)).waitFor();
      expect(await page.locator('[data-testid=fleet-shifts] tr[data-driver^="E2E "]').count()).toBe(
        0,
      );
      expect(await page.getByRole('button', { name: texts.action.planShift }).count()).toBe(0);
      await assertAccessible(page);
      await page.context().close();
    },
    TEST_TIMEOUT_MS,
  );
});
