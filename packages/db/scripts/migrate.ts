// Applies pending migrations: PostgreSQL when DATABASE_URL is set, else PGlite in
// HARBOR_DATA_DIR (default ./.data). Usage: pnpm --filter @harbor/db run migrate
import { createDb } from '../src/create-db.ts';
import { MigrationError, migrate } from '../src/migrator.ts';

const db = await createDb({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HARBOR_DATA_DIR || undefined,
});
try {
  const applied = await migrate(db);
  console.log(
    applied.length === 0
      ? `${db.describe}: up to date, nothing to apply`
      : `${db.describe}: applied ${applied.join(', ')}`,
  );
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(`${db.describe}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
