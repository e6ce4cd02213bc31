import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'db',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // One module graph per worker for all its files, not one per file (Prisma's client is
    // imported once); each file makes its own databases.
    isolate: false,
    hookTimeout: 120_000,
  },
});
