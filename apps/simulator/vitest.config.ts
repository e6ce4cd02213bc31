import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'simulator',
    include: ['src/**/*.test.ts'],
    // One module graph per worker for all its files, not one per file: nothing here keeps
    // state between files.
    isolate: false,
    testTimeout: 30_000,
  },
});
