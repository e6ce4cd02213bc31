import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // The browser tests are their own project (vitest.e2e.config.ts), sharing one Harbor.
    exclude: ['test/e2e/**'],
    environment: 'jsdom',
    // Fails a test on React's development warnings (and any other console error or warning).
    // And starts each file on a fresh document, as isolation would (test/fresh-document.ts).
    setupFiles: ['test/console-guard.ts', 'test/fresh-document.ts'],
    // One module graph and document per worker for all its files, not one per file: jsdom and
    // React's imports took nine tenths of these files' time. fresh-document.ts unmounts what
    // each test rendered, and empties storage and resets the language for each file.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
