import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createDb, type Db, dbOverPglite } from '../src/create-db.ts';
import { defaultMigrationsDir, readMigrations } from '../src/migrations-dir.ts';
import { migrate } from '../src/migrator.ts';

export type TestDbTarget = 'pglite' | 'postgres';

export type TestDb = Db & { drop(): Promise<void> };

/** ['pglite'], plus 'postgres' when process.env.DATABASE_URL is set. */
export function testDbTargets(): TestDbTarget[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A freshly migrated, empty database; `drop()` closes it and deletes it. */
export async function createTestDb(target: TestDbTarget): Promise<TestDb> {
  if (target === 'pglite') return createPgliteTestDb();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error("createTestDb('postgres') needs DATABASE_URL (postgres://user@host:port/db)");
  return createPostgresTestDb(serverUrl);
}

// --- PGlite -------------------------------------------------------------------------
// Starting PGlite and running the migrations costs ~1.2-2 s; loading a dump of an
// already migrated database costs ~0.4 s. Vitest runs each test file in its own module
// graph, so the dump is also cached on disk, keyed by the migrations and the PGlite build,
// for the next files and runs.

let templateDump: Promise<Blob> | undefined;

async function createPgliteTestDb(): Promise<TestDb> {
  templateDump ??= loadOrBuildTemplateDump();
  const pglite = await PGlite.create({ loadDataDir: await templateDump });
  const db = dbOverPglite(pglite, 'PGlite test database in memory');
  return { ...db, drop: () => db.close() };
}

async function loadOrBuildTemplateDump(): Promise<Blob> {
  const cachePath = join(tmpdir(), 'harbor-test-db', `pglite-template-${templateKey()}.tar`);
  if (existsSync(cachePath)) return new Blob([readFileSync(cachePath)]);
  const pglite = await PGlite.create();
  const db = dbOverPglite(pglite, 'PGlite test template');
  try {
    await migrate(db);
    const dump = await pglite.dumpDataDir('none');
    mkdirSync(join(tmpdir(), 'harbor-test-db'), { recursive: true });
    // Write then rename: parallel workers never read a half-written file.
    const partialPath = `${cachePath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partialPath, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partialPath, cachePath);
    return dump;
  } finally {
    await db.close();
  }
}

/**
 * Changes when a migration or the PGlite build (its path names its version) changes, and
 * every UTC day: the history migration dates the first partition of `PositionFix` by the day
 * it runs, so a template migrated a week ago would hold a day Harbor's upkeep compacts.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(new Date().toISOString().slice(0, 10));
  hash.update(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (const migration of readMigrations(defaultMigrationsDir)) {
    hash.update(`${migration.name}:${migration.checksum}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

// --- PostgreSQL ---------------------------------------------------------------------

async function createPostgresTestDb(serverUrl: string): Promise<TestDb> {
  const databaseName = `harbor_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${databaseName}"`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  let isDropped = false;
  const dropDatabase = async () => {
    if (isDropped) return;
    isDropped = true;
    // FORCE: a test that leaked a connection must not keep its database alive.
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  };
  let db: Db;
  try {
    db = await createDb({ databaseUrl: databaseUrl.toString(), maxConnections: 4 });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    await dropDatabase();
    throw error;
  }
  return {
    ...db,
    describe: `${db.describe} (test)`,
    async drop() {
      await db.close();
      await dropDatabase();
    },
  };
}

/**
 * An empty database on the PostgreSQL server named by DATABASE_URL, for a process under test
 * that migrates it itself (a Harbor started as its own process); `drop()` deletes it.
 */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('createEmptyPostgresDatabase needs DATABASE_URL');
  const databaseName = `harbor_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${databaseName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
  };
}

/** CREATE/DROP DATABASE cannot run in a transaction or a pool's shared session. */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
