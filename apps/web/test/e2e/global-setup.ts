import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildWeb, CHROMIUM, type SharedHarbor, startHarbor } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Harbor all browser test files share; null where there is no Chromium. */
    harbor: SharedHarbor | null;
  }
}

/**
 * Builds the admin and starts one Harbor (PGlite, seeded, the simulator driving it) for every
 * browser test file: each file opens its own Chromium against it. Tests that change data make
 * their own (a user, a zone, a job) and leave the seeded demo data as the README describes it.
 */
export default async function setup(project: TestProject) {
  // Without Chromium (a machine other than Debian's) the browser tests are skipped, saying so;
  // CI installs it, and there a missing browser fails the run instead.
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`no Chromium at ${CHROMIUM} in CI`);
    console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    project.provide('harbor', null);
    return;
  }
  buildWeb();
  const running = await startHarbor();
  const { url, aisPort, jt808Port } = running.harbor;
  project.provide('harbor', { url, aisPort, jt808Port });
  return async () => {
    await running.stop();
  };
}
