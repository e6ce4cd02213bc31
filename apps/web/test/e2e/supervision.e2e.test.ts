// @vitest-environment node
import { createServer } from 'node:net';
import { SuperiorPlatformStandIn } from '@harbor/simulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { supervision } from '../../src/i18n/supervision.ts';
import { browserForBlock, SCREENSHOTS } from './stack.ts';

// The supervision platform screen in Chromium against the shared Harbor, and the simulator's
// superior platform stand-in as the government platform: DHCL's administrator sets the link
// up, shares a demo truck and watches the link come up; a dispatcher answers an inspection and
// the platform receives the answer.

const ADMIN = 'admin@dhcl.harbor.local';
const DISPATCHER = 'dispatcher@dhcl.harbor.local';

/** A port nothing listens on now, for the sub link. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const harbor = inject('harbor');

describe.skipIf(!harbor)('the supervision platform screen in Chromium', () => {
  const stack = browserForBlock(harbor);
  let superior: SuperiorPlatformStandIn;
  beforeAll(async () => {
    if (!harbor) return;
    superior = new SuperiorPlatformStandIn({
      listenHost: '127.0.0.1',
      listenPort: 0,
      edition: '2011',
      userId: 10_001,
      password: 'harbor88',
      gnssCenterId: 31_000_001,
      logger: () => {},
    });
  });
  afterAll(async () => {
    await superior?.stop();
  });

  it('sets up the link, shares a truck, and answers an inspection', async () => {
    const port = await superior.start();
    const page = await stack.page(ADMIN, { locale: 'en-US' });
    await page.goto('/supervision');
    await page.getByTestId('supervision-host').fill('127.0.0.1');
    await page.getByTestId('supervision-port').fill(String(port));
    await page.getByTestId('supervision-user-id').fill('10001');
    await page.getByTestId('supervision-password').fill('harbor88');
    await page.getByTestId('supervision-gnss-center-id').fill('31000001');
    await page.getByTestId('supervision-platform-id').fill('31011500001');
    await page.getByTestId('supervision-down-link-ip').fill('127.0.0.1');
    await page.getByTestId('supervision-down-link-port').fill(String(await freePort()));
    await page.getByTestId('supervision-save').click();
    await page.getByTestId('supervision-saved').waitFor();
    // A seeded truck with a JT/T 808 terminal goes to the platform (other tests add vehicles
    // without one, which may sort first).
    await page
      .locator('[data-testid=supervision-vehicles] tr', { hasText: '沪D12345' })
      .getByTestId('supervision-vehicle-select')
      .check();
    await page.getByTestId('supervision-share').click();
    await superior.waitFor(
      ({ message }) =>
        message.body.messageId === 0x1200 &&
        'data' in message.body &&
        message.body.data.subType === 0x1201,
    );
    await page.locator('[data-testid=supervision-status-main][data-state=up]').waitFor();
    await page.locator('[data-testid=supervision-status-sub][data-state=up]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}supervision.png`, fullPage: true });

    const request = superior.inspect('3 + 4 = ?');
    expect(request).not.toBeNull();
    const answered = superior.waitFor(
      ({ message }) => message.body.messageId === 0x1300 && 'data' in message.body,
    );
    const duty = await stack.page(DISPATCHER, { locale: 'zh-CN' });
    await duty.goto('/supervision');
    await duty.getByTestId('supervision-answer-input').first().fill('7');
    await duty.getByTestId('supervision-answer-submit').first().click();
    const { message } = await answered;
    expect(message.body).toMatchObject({ data: { subType: 0x1301, infoContent: '7' } });
    await duty.locator('[data-testid=supervision-answer-sent][data-sent=true]').first().waitFor();
    // The dispatcher's screen is in Chinese.
    expect(await duty.getByText(supervision['zh-CN'].status.title).count()).toBe(1);

    // Off again: the other tests share this Harbor.
    await page.getByTestId('supervision-enabled').uncheck();
    await page.getByTestId('supervision-save').click();
    await page.locator('[data-testid=supervision-status][data-note=disabled]').waitFor();
    for (const p of [page, duty]) await p.context().close();
  });
});
