// How long a test file waits for createTestDb on each target (cold = template dump not
// cached yet). Run: DATABASE_URL=postgres://... pnpm exec tsx bench/create-test-db.ts
import { createTestDb, testDbTargets } from '../test/testing.ts';

for (const target of testDbTargets()) {
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    const db = await createTestDb(target);
    const ready = performance.now();
    await db.drop();
    console.log(
      `${target} #${round + 1}: create ${(ready - start).toFixed(0)} ms, drop ${(performance.now() - ready).toFixed(0)} ms`,
    );
  }
}
