import { defineProject } from 'vitest/config';

// The admin in Debian's Chromium against one shared Harbor (test/e2e/global-setup.ts).
export default defineProject({
  test: {
    name: 'web-e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // A poll waits for the page to get somewhere (a list loaded, a status moved on); on a busy
    // 2-core machine that takes seconds, not vitest's default second.
    expect: { poll: { timeout: 30_000 } },
  },
});
