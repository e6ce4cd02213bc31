import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Limits for a test that hangs, not for speed: a busy 2-core machine (CI runs two files at
    // a time) can take minutes over what takes seconds alone.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
