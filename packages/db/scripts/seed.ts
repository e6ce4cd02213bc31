import { createDb } from '../src/create-db.ts';
import { migrate } from '../src/migrator.ts';
import { seed } from '../src/seed/seed.ts';

// `pnpm db:seed`: migrate and seed the database named by DATABASE_URL, or the embedded one.
const db = await createDb({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.HARBOR_DATA_DIR,
});
try {
  const applied = await migrate(db);
  console.log(`${db.describe}: ${applied.length} migration(s) applied`);
  console.table(await seed(db));
} finally {
  await db.close();
}
