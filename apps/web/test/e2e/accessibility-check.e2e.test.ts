// @vitest-environment node
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock } from './stack.ts';

// The check every screen's test relies on fails on what it is there to find: a page with a
// picture without a text alternative and grey text on white too faint to read.

const harbor = inject('harbor');

describe.skipIf(!harbor)('the accessibility check', () => {
  const stack = browserForBlock(harbor);

  it('fails on serious violations, naming each, and passes a page without them', async () => {
    const page = await stack.page();
    await page.setContent(
      `<!doctype html><html lang="en"><head><title>check</title></head><body><main>
        <h1>Berths</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <p style="color:#ccc;background:#fff">Quay crane 3 is down</p>
      </main></body></html>`,
    );
    const failure = await assertAccessible(page).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/image-alt \(critical\)/);
    expect(failure).toMatch(/color-contrast \(serious\)/);

    await page.setContent(
      `<!doctype html><html lang="en"><head><title>check</title></head><body><main>
        <h1>Berths</h1>
        <img alt="Quay crane 3" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <p style="color:#222;background:#fff">Quay crane 3 is down</p>
      </main></body></html>`,
    );
    await assertAccessible(page);
    await page.context().close();
  });
});
