import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Limits for a test that hangs, not for speed: a busy 2-core machine (CI runs two files at
    // a time) can take minutes over what takes seconds alone.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One module graph per worker for all its files, not one per file: importing the api
    // (Prisma, tRPC, the routers) took about 2 of a typical file's 8 seconds. No test keeps
    // state in a module between files: each makes its own databases, servers and buses.
    isolate: false,
  },
});
