import { defineConfig } from 'vitest/config';
import { LongFilesFirst } from './vitest.sequencer.ts';

// One run over every package; each package's vitest.config.ts names its project.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'apps/web/vitest.e2e.config.ts',
    ],
    // Two test files at a time on the 2-core machine: most of a database or socket test's
    // time is spent waiting on PostgreSQL, PGlite or the network, so the second worker
    // nearly halves the wall time without starving either. A third gains nothing: with two
    // the cores are full (the api and db projects: 265 s with two workers, 280 s with three).
    maxWorkers: 2,
    sequence: { sequencer: LongFilesFirst },
  },
});
