import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../src/create-db.ts';
import { defaultMigrationsDir, listMigrationNames } from '../src/migrations-dir.ts';

/**
 * The migrations before the one named `name`, in a folder of their own, to build a database
 * as it was and then migrate it on: `remove()` deletes the folder.
 */
export function migrationsBefore(name: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  const names = listMigrationNames(defaultMigrationsDir);
  const index = names.findIndex((migration) => migration.endsWith(name));
  if (index < 0) throw new Error(`no migration named ${name}`);
  for (const later of names.slice(index)) rmSync(join(dir, later), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An empty database on the target: in-memory PGlite, or a new one on the PostgreSQL server. */
export async function emptyDb(target: string): Promise<{ db: Db; drop(): Promise<void> }> {
  if (target === 'pglite') {
    const db = await createDb({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const server = new URL(process.env.DATABASE_URL ?? '');
  const name = `harbor_migration_${process.pid}_${Date.now()}`;
  const admin = await createDb({ databaseUrl: server.toString() });
  await admin.sql.exec(`CREATE DATABASE "${name}"`);
  const db = await createDb({ databaseUrl: new URL(`/${name}`, server).toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
