// Compares ways to get a freshly migrated in-memory PGlite: migrate each time, or load a
// dump of a migrated template (what test/testing.ts does).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { defaultMigrationsDir, listMigrationNames } from '../src/migrations-dir.ts';

const scripts = listMigrationNames(defaultMigrationsDir).map((name) =>
  readFileSync(join(defaultMigrationsDir, name, 'migration.sql'), 'utf8'),
);
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
}
for (let round = 0; round < 3; round++) {
  const migrated = await timed('create + migrate', async () => {
    const pglite = await PGlite.create();
    for (const script of scripts) await pglite.exec(script);
    return pglite;
  });
  const dump = await timed('dumpDataDir(none)', () => migrated.dumpDataDir('none'));
  await migrated.close();
  const loaded = await timed('create from dump', () => PGlite.create({ loadDataDir: dump }));
  await loaded.close();
}
