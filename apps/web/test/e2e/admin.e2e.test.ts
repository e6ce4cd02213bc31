// @vitest-environment node
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, CHROMIUM, type Stack, startStack } from './stack.ts';

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
    await page.screenshot({ path: `${SCREENSHOTS}/zh-CN-map.png` });
    await page.getByLabel('语言').selectOption('en');
    await expect
      .poll(() => page.locator('.sidenav a[data-screen=map]').textContent())
      .toBe('Live map');
    await page.context().close();
  });
});
