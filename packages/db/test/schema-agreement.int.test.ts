import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { dbOverPglite } from '../src/create-db.ts';
import { migrate } from '../src/migrator.ts';
import {
  diffMigrationsToSchema,
  emptyMigrationText,
  prismaMigrationHistory,
} from '../src/schema-engine.ts';

// Prisma's schema engine replays prisma/migrations into an in-memory PGlite and diffs
// the result against schema.prisma: any output means a schema change has no migration
// yet (run `pnpm db:migration NAME`).
it('the migrations build exactly the schema', async () => {
  const missingSql = await diffMigrationsToSchema();
  expect(missingSql.trim()).toBe(emptyMigrationText);
});

// `prisma migrate deploy` cannot run here (no native engine), so ask the same engine's
// history check, over a database our migrator migrated, what Prisma would think of it.
it("Prisma's engine reads the migrator's bookkeeping as its own", async () => {
  const pglite = await PGlite.create();
  const db = dbOverPglite(pglite, 'PGlite in memory');
  try {
    const applied = await migrate(db);
    expect(applied).not.toEqual([]);
    const history = await prismaMigrationHistory(pglite);
    expect(history).toEqual({
      hasMigrationsTable: true,
      editedMigrationNames: [],
      failedMigrationNames: [],
      history: null,
    });
    // And it does read our rows: a checksum Prisma would not compute shows as edited.
    await db.sql.query(`UPDATE "_prisma_migrations" SET checksum = $1`, ['0'.repeat(64)]);
    const tampered = await prismaMigrationHistory(pglite);
    expect(tampered.editedMigrationNames).toEqual(applied);
  } finally {
    await db.close();
  }
});
