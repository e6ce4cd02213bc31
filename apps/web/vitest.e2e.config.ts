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
  },
});
