// @vitest-environment node
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, SCREENSHOTS, VIEWPORTS } from './stack.ts';

// Administration of people in a real browser, as the port authority's admin (in Chinese, on
// a laptop) and a logistics company's admin (in English, on an office monitor): a new user
// invited and joining from the link in a logged-out browser, their role changed, their
// password reset through the link, their own settings, their account disabled; an API key
// shown once, working, then revoked; the port admin's organizations. Every user and key
// here is the test's own: the seeded demo users stay as the README describes them.

const harbor = inject('harbor');

/** A whole flow of several browsers and many steps, on a machine shared with other runs. */
const FLOW_TIMEOUT_MS = 360_000;

const RUNS = [
  {
    admin: 'admin@port.harbor.local',
    locale: 'zh-CN',
    viewport: VIEWPORTS.small,
    dispatcher: '调度员',
    viewer: '只读用户',
    isPortAdmin: true,
  },
  {
    admin: 'admin@dhcl.harbor.local',
    locale: 'en',
    viewport: VIEWPORTS.large,
    dispatcher: 'Dispatcher',
    viewer: 'Viewer',
    isPortAdmin: false,
  },
] as const;

/** A path and fragment of a link the admin copied, to open on the test's Harbor. */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.hash}`;
};

/** Sets a password on a logged-out page opened from a one-time link. */
async function choosePassword(page: Page, password: string) {
  await page.locator('input[name=password]').fill(password);
  await page.locator('input[name=repeat]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('password-set').waitFor();
}

async function logInAs(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}

describe.skipIf(!harbor)('administration of people in Chromium', () => {
  const stack = browserForBlock(harbor);

  describe.each(RUNS)('as $admin in $locale', (run) => {
    const options = { locale: run.locale, viewport: run.viewport };
    const email = `e2e.${run.locale.toLowerCase()}.${Date.now()}@people.example`;
    const firstPassword = 'harbor e2e first passphrase';
    const resetPassword = 'harbor e2e reset passphrase';
    const settingsPassword = 'harbor e2e settings passphrase';

    it(
      'invites a user who joins, changes their role, resets their password, disables them',
      async () => {
        const admin = await stack.page(run.admin, options);
        await admin.goto('/users');
        const users = admin.getByTestId('users-table');
        await users.locator('tbody tr').first().waitFor();
        await assertAccessible(admin);

        // The invitation: its link is shown once, and it waits among the pending ones.
        await admin.getByTestId('invite-open').click();
        const invite = admin.getByTestId('invite-dialog');
        await invite.locator('input[name=email]').fill(email);
        await invite.locator('input[name=name]').fill('E2E Wang');
        await invite.locator('select[name=role]').selectOption('DISPATCHER');
        await assertAccessible(admin);
        await invite.locator('button[type=submit]').click();
        const link = await invite.getByTestId('invitation-link-value').inputValue();
        expect(link).toMatch(/\/accept-invitation#token=/);
        await invite.locator('.form-actions button.primary').click();
        await admin.getByTestId('invitations-table').locator(`tr[data-email="${email}"]`).waitFor();

        // The invitee, in a browser nobody is logged in to.
        const invitee = await stack.page(undefined, options);
        await invitee.goto(pathOf(link));
        await invitee.locator('input[name=password]').waitFor();
        await assertAccessible(invitee);
        await choosePassword(invitee, firstPassword);
        await invitee.context().close();

        // The new user is listed with their role in the admin's language; the role changes.
        await admin.reload();
        const row = users.locator('tbody tr').filter({ hasText: email });
        await row.waitFor();
        const role = row.getByTestId('user-role');
        expect(await role.locator('option:checked').textContent()).toBe(run.dispatcher);
        // The select follows the list as the api answers it: VIEWER once the change is stored.
        await role.selectOption('VIEWER');
        await expect.poll(() => role.locator('option:checked').textContent()).toBe(run.viewer);
        if (run.locale === 'zh-CN') await admin.screenshot({ path: `${SCREENSHOTS}/users.png` });

        // The admin's own row offers neither a role change nor a disable.
        const own = users.locator('tbody tr').filter({ hasText: run.admin });
        expect(await own.getByTestId('user-role').count()).toBe(0);
        expect(await own.locator('[data-action=toggle-active]').count()).toBe(0);

        // A password reset link, shown once; the old password works until it is used.
        await row.locator('[data-action=reset-password]').click();
        const resetDialog = admin.getByTestId('reset-dialog');
        const resetLink = await resetDialog.getByTestId('reset-link-value').inputValue();
        expect(resetLink).toMatch(/\/reset-password#token=/);
        await assertAccessible(admin);
        await resetDialog.locator('.form-actions button.primary').click();

        const user = await stack.page(undefined, options);
        await user.goto(pathOf(resetLink));
        await user.locator('input[name=password]').waitFor();
        await assertAccessible(user);
        await choosePassword(user, resetPassword);
        await user.locator('a.button.primary').click();
        await user.locator('input[name=email]').fill(email);
        await user.locator('input[name=password]').fill(resetPassword);
        await user.locator('form button[type=submit]').click();
        await user.locator('.shell').waitFor();

        // Their own settings: a name, and a new password given with the current one.
        await user.goto('/settings');
        await user.locator('input[name=name]').waitFor();
        await assertAccessible(user);
        await user.locator('input[name=name]').fill('E2E Wang Lei');
        await user.locator('input[name=name]').press('Enter');
        await user.getByTestId('profile-saved').waitFor();
        await expect.poll(() => user.getByTestId('who').textContent()).toContain('E2E Wang Lei');
        // A wrong current password is refused (400, which Chromium logs) and said at its field.
        stack.expectErrors(/status of 400/);
        await user.locator('input[name=currentPassword]').fill('not my password');
        await user.locator('input[name=newPassword]').fill(settingsPassword);
        await user.locator('input[name=repeat]').fill(settingsPassword);
        await user.locator('input[name=newPassword]').press('Enter');
        await expect
          .poll(() => user.locator('input[name=currentPassword]').getAttribute('aria-invalid'))
          .toBe('true');
        await user.locator('input[name=currentPassword]').fill(resetPassword);
        await user.locator('input[name=newPassword]').press('Enter');
        await user.getByTestId('password-changed').waitFor();
        await user.context().close();

        // Disabled: asked first, then the account no longer logs in.
        await row.locator('[data-action=toggle-active]').click();
        await admin.getByTestId('confirm').locator('button.primary').click();
        await expect
          .poll(() => row.getByTestId('user-active').getAttribute('data-active'))
          .toBe('false');
        const refused = await stack.page(undefined, options);
        stack.expectErrors(/status of 401/);
        await logInAs(refused, email, settingsPassword);
        await refused.getByRole('alert').waitFor();
        expect(await refused.locator('.shell').count()).toBe(0);
        await refused.context().close();
        await admin.context().close();
      },
      FLOW_TIMEOUT_MS,
    );

    it(
      'creates an API key shown once, which works until revoked',
      async () => {
        const admin = await stack.page(run.admin, options);
        await admin.goto('/api-keys');
        await admin.getByTestId('new-key-open').waitFor();
        await assertAccessible(admin);
        await admin.getByTestId('new-key-open').click();
        const dialog = admin.getByTestId('new-key-dialog');
        const name = `e2e key ${run.locale} ${Date.now()}`;
        await dialog.locator('input[name=name]').fill(name);
        await dialog.locator('button[type=submit]').click();
        const key = await dialog.getByTestId('new-key-value').inputValue();
        expect(key).toMatch(/^hbk_/);
        await assertAccessible(admin);
        await dialog.locator('.form-actions button.primary').click();
        const row = admin
          .getByTestId('api-keys-table')
          .locator('tbody tr')
          .filter({ hasText: name });
        await row.waitFor();
        expect(await row.textContent()).toContain(key.slice(0, 8));
        expect(await row.textContent()).not.toContain(key);

        // A vessel fix far out at sea, from a made-up MMSI: the key is recognised (a port
        // feed's fix is taken; a logistics company's vessel fix is refused as not its to send).
        const mmsi = run.isPortAdmin ? '412990101' : '412990102';
        const send = () =>
          fetch(`${stack.harbor.url}/ingest/fixes`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({
              fixes: [
                {
                  deviceId: mmsi,
                  assetKind: 'VESSEL',
                  time: new Date(Date.now() - 5_000).toISOString(),
                  lat: 29.2,
                  lon: 124.4,
                  speedKnots: 10,
                  courseDeg: 90,
                },
              ],
            }),
          });
        const accepted = await send();
        if (run.isPortAdmin) expect(accepted.status).toBe(202);
        else expect(accepted.status).not.toBe(401);
        await admin.reload();
        await expect
          .poll(() => row.getByTestId('key-last-used').getAttribute('data-used'))
          .toBe('true');

        await row.locator('[data-action=revoke]').click();
        await admin.getByTestId('confirm').locator('button.primary').click();
        await expect
          .poll(() => row.getByTestId('key-status').getAttribute('data-revoked'))
          .toBe('true');
        expect((await send()).status).toBe(401);
        await admin.context().close();
      },
      FLOW_TIMEOUT_MS,
    );

    it.runIf(run.isPortAdmin)(
      'creates and renames an organization',
      async () => {
        const admin = await stack.page(run.admin, options);
        await admin.goto('/organizations');
        const table = admin.getByTestId('organizations-table');
        await table.locator('tbody tr').first().waitFor();
        await assertAccessible(admin);
        const code = `E2E${String(Date.now()).slice(-6)}`;
        await admin.getByTestId('organization-create').click();
        const dialog = admin.getByTestId('organization-dialog');
        // A malformed code is refused at its field, in the page's language.
        await dialog.locator('input[name=code]').fill('x');
        await dialog.locator('input[name=name]').fill('E2E Haulage');
        await dialog.locator('button[type=submit]').click();
        await expect
          .poll(() => dialog.locator('input[name=code]').getAttribute('aria-invalid'))
          .toBe('true');
        expect(await dialog.locator('.form-error').textContent()).toBe('2 到 12 个字母或数字。');
        await dialog.locator('input[name=code]').fill(code);
        await dialog.locator('input[name=nameZh]').fill('测试运输');
        await dialog.locator('button[type=submit]').click();
        const row = table.locator('tbody tr').filter({ hasText: code });
        await row.waitFor();
        expect(await row.textContent()).toContain('测试运输');
        expect(await row.textContent()).toContain('物流公司');

        await row.locator('[data-action=edit]').click();
        await assertAccessible(admin);
        await dialog.locator('input[name=nameZh]').fill('测试运输公司');
        await dialog.locator('button[type=submit]').click();
        await expect.poll(() => row.textContent()).toContain('测试运输公司');
        await admin.context().close();
      },
      FLOW_TIMEOUT_MS,
    );

    it.runIf(run.isPortAdmin)(
      "sets how long a company's truck tracks are kept, refused below the raw days, then the default again",
      async () => {
        const admin = await stack.page(run.admin, options);
        await admin.goto('/organizations');
        const table = admin.getByTestId('organizations-table');
        const retentionOf = (code: string) =>
          table.locator('tbody tr').filter({ hasText: code }).getByTestId('track-retention');
        // DHCL keeps the default; the port authority's row also says its ships'.
        await expect.poll(() => retentionOf('DHCL').textContent()).toBe('默认（180 天）');
        expect(await retentionOf('SHPA').textContent()).toContain('船舶：');
        const dialog = admin.getByTestId('organization-dialog');
        const truckDays = dialog.locator('input[name=truckKeepDays]');
        const editDhcl = () =>
          table
            .locator('tbody tr')
            .filter({ hasText: 'DHCL' })
            .locator('[data-action=edit]')
            .click();

        await editDhcl();
        await truckDays.waitFor();
        // A company has no ships of its own to keep: their days are the port authority's.
        expect(await dialog.locator('input[name=vesselKeepDays]').count()).toBe(0);
        expect(await truckDays.inputValue()).toBe('');
        await assertAccessible(admin);
        await truckDays.fill('90');
        await dialog.locator('button[type=submit]').click();
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(() => retentionOf('DHCL').textContent()).toBe('90 天');

        // Fewer days than raw fixes are kept: the api's refusal, in Chinese, and nothing saved.
        await editDhcl();
        expect(await truckDays.inputValue()).toBe('90');
        stack.expectErrors(/status of 400/);
        await truckDays.fill('3');
        await dialog.locator('button[type=submit]').click();
        await expect
          .poll(() => dialog.getByRole('alert').textContent())
          .toBe('轨迹至少保留 7 天（原始定位保留的天数），3 天太短。');
        expect(await retentionOf('DHCL').textContent()).toBe('90 天');

        // Emptied: back to the default.
        await truckDays.fill('');
        await dialog.locator('button[type=submit]').click();
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(() => retentionOf('DHCL').textContent()).toBe('默认（180 天）');
        await admin.context().close();
      },
      FLOW_TIMEOUT_MS,
    );
  });
});
