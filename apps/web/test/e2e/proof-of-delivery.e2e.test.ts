// @vitest-environment node
import { nodeClient } from '@harbor/api/testing';
import jpeg from 'jpeg-js';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, logIn, PASSWORD, VIEWPORTS } from './stack.ts';

// Proof of delivery from the driver's phone, in Chromium: the dispatcher makes the job a link
// in its drawer, a phone-sized page opens it logged out, in Chinese, with the phone's
// position, and uploads a camera photo; the photo shows in the dispatcher's drawer as the
// driver's phone's.

const DISPATCHER = 'dispatcher@dhcl.harbor.local';
const harbor = inject('harbor');
const step = (what: string) => console.error(`proof-of-delivery e2e: ${what}`);
const RUN = Date.now().toString(36).toUpperCase();
/** A phone held upright (iPhone 14's CSS pixels). */
const PHONE = { width: 390, height: 844 };
/** The Luchaogang depot, where the container is dropped. */
const AT_DEPOT = { latitude: 30.8661, longitude: 121.8942 };

/** A camera photo: a real JPEG, smaller. */
function cameraPhoto(): Buffer {
  const width = 320;
  const height = 240;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i % width) % 256;
    data[i * 4 + 1] = Math.floor(i / width) % 256;
    data[i * 4 + 2] = 160;
    data[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data);
}

describe.skipIf(!harbor)('proof of delivery from the driver’s phone in Chromium', () => {
  const stack = browserForBlock(harbor);

  it('the dispatcher sends a link, the phone uploads a photo, the drawer shows it', async () => {
    const { client } = await nodeClient(stack.harbor.url, {
      email: DISPATCHER,
      password: PASSWORD,
    });
    const reference = `POD-${RUN}`;
    const now = Date.now();
    const job = await client.dispatch.create.mutate({
      reference,
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: new Date(now).toISOString(),
      windowEnd: new Date(now + 2 * 3_600_000).toISOString(),
    });

    step('link from the drawer');
    const board = await stack.page(undefined, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    board.setDefaultTimeout(90_000);
    board.setDefaultNavigationTimeout(90_000);
    await logIn(board, DISPATCHER);
    await board.goto(`/dispatch?q=${reference}&job=${job.id}`);
    const drawer = board.getByTestId('job-detail');
    await drawer.getByRole('button', { name: '司机手机上传链接' }).click();
    const linkField = drawer.getByTestId('phone-link-url-value');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${stack.harbor.url}/pod/[\\w-]{43}$`));
    await assertAccessible(board);

    step('the phone');
    const phoneContext = await stack.browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: AT_DEPOT,
      permissions: ['geolocation'],
    });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(90_000);
    const phoneErrors: string[] = [];
    phone.on('pageerror', (error) => phoneErrors.push(error.message));
    phone.on('console', (message) => {
      if (message.type() === 'error') phoneErrors.push(message.text());
    });
    await phone.goto(link);
    const summary = phone.getByTestId('pod-job');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(reference);
    expect(await summary.textContent()).toContain('芦潮港集装箱堆场');
    await expect
      .poll(() => phone.getByTestId('pod-position').textContent())
      .toBe('照片将附带您的位置。');
    // One column on the phone: nothing wider than its screen.
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await assertAccessible(phone);

    step('upload');
    await phone.getByLabel('拍照上传').setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: cameraPhoto(),
    });
    expect(await phone.getByTestId('pod-done').textContent()).toBe('照片已上传，谢谢！');
    await expect.poll(() => phone.getByTestId('pod-count').textContent()).toBe('已上传 1 张照片。');
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();

    step('in the drawer');
    // The drawer looks again every 10 s while the driver has a fresh link.
    const photo = drawer.locator('[data-testid=job-photos] li[data-source=phone]');
    await photo.waitFor({ timeout: 30_000 });
    expect(await photo.textContent()).toMatch(/^司机手机 · .+ · 30\.86610, 121\.89420$/);
    const image = photo.getByRole('img');
    await expect
      .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
      .toBe(320);
    const stored = await client.dispatch.get.query({ id: job.id });
    expect(stored.deliveryPhotos).toHaveLength(1);
    expect(stored.deliveryPhotos[0]?.lat).toBeCloseTo(AT_DEPOT.latitude, 4);
    await assertAccessible(board);
    await board.context().close();
  }, 600_000);
});
