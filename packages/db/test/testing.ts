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
// already migrated database costs ~0.4 s. A worker keeps the dump for its next files (the
// projects that share module state between files) and it is cached on disk too, keyed by the
// migrations and the PGlite build, for other workers and the next runs.

let templateDump: Promise<DumpBlob> | undefined;

/**
 * PostgreSQL's default 128 MB of shared buffers for a database of a few megabytes: starting
 * with 16 MB takes about a third off each test database's start (measured: 0.9 to 0.5 s).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function createPgliteTestDb(): Promise<TestDb> {
  templateDump ??= loadOrBuildTemplateDump();
  const pglite = await PGlite.create({
    loadDataDir: await templateDump,
    startParams: PGLITE_START_PARAMS,
  });
  const db = dbOverPglite(pglite, 'PGlite test database in memory');
  return { ...db, drop: () => db.close() };
}

/**
 * The dump as PGlite reads it, once: Node's own Blob copies its 40 MB through a stream on each
 * `arrayBuffer()` (a quarter of a second). PGlite only reads the bytes, untarring copies of
 * the files into each new database.
 */
class DumpBlob extends Blob {
  readonly #dump: ArrayBuffer;

  constructor(dump: ArrayBuffer) {
    super([]);
    this.#dump = dump;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#dump);
  }
}

async function loadOrBuildTemplateDump(): Promise<DumpBlob> {
  const cachePath = join(tmpdir(), 'harbor-test-db', `pglite-template-${templateKey()}.tar`);
  if (existsSync(cachePath)) return new DumpBlob(new Uint8Array(readFileSync(cachePath)).buffer);
  const pglite = await PGlite.create();
  const db = dbOverPglite(pglite, 'PGlite test template');
  try {
    await migrate(db);
    const dump = await (await pglite.dumpDataDir('none')).arrayBuffer();
    mkdirSync(join(tmpdir(), 'harbor-test-db'), { recursive: true });
    // Write then rename: parallel workers never read a half-written file.
    const partialPath = `${cachePath}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partialPath, new Uint8Array(dump));
    renameSync(partialPath, cachePath);
    return new DumpBlob(dump);
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
  hash.update(utcDay());
  hash.update(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  hash.update(migrationsHash());
  return hash.digest('hex').slice(0, 16);
}

function utcDay(): string {
  return new Date().toISOString().slice(0, 10);
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations(defaultMigrationsDir)) {
    hash.update(`${migration.name}:${migration.checksum}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

// --- PostgreSQL ---------------------------------------------------------------------
// Running every migration on a new database costs about a second of the server's and this
// process's time on a busy machine; copying a migrated database (CREATE DATABASE ... TEMPLATE)
// costs what creating an empty one does. The template stays on the server, named by the UTC
// day and the migrations (as the PGlite dump is), for the next files and runs.

const TEMPLATE_PREFIX = 'harbor_tpl_';
const BUILD_PREFIX = 'harbor_tplbuild_';

let postgresTemplate: Promise<string> | undefined;

async function createPostgresTestDb(serverUrl: string): Promise<TestDb> {
  postgresTemplate ??= findOrBuildPostgresTemplate(serverUrl);
  // A failed build is not kept: the next test database tries again.
  const template = await postgresTemplate.catch((error: unknown) => {
    postgresTemplate = undefined;
    throw error;
  });
  const databaseName = `harbor_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${databaseName}" TEMPLATE "${template}"`),
  );
  let isDropped = false;
  const dropDatabase = async () => {
    if (isDropped) return;
    isDropped = true;
    // FORCE: a test that leaked a connection must not keep its database alive.
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    );
  };
  let db: Db;
  try {
    db = await createDb({ databaseUrl: databaseOn(serverUrl, databaseName), maxConnections: 4 });
  } catch (error) {
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
 * The migrated template's name, built when the server has none for today's migrations. It is
 * built under a name of its own and renamed when whole, so a worker never copies a half
 * migrated template, and of two workers building at once the first rename wins. Nobody may
 * connect to it once it is renamed: PostgreSQL refuses to copy a database in use.
 */
async function findOrBuildPostgresTemplate(serverUrl: string): Promise<string> {
  const day = utcDay().replaceAll('-', '');
  const template = `${TEMPLATE_PREFIX}${day}_${migrationsHash()}`;
  const exists = await onServer(serverUrl, (client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]),
  );
  if (exists.rowCount) return template;

  const building = `${BUILD_PREFIX}${day}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${building}"`));
  try {
    const db = await createDb({ databaseUrl: databaseOn(serverUrl, building), maxConnections: 4 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await onServer(serverUrl, async (client) => {
      await client.query(`ALTER DATABASE "${building}" WITH ALLOW_CONNECTIONS false`);
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    });
  } catch (error) {
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`),
    );
    // Another worker renamed its build first: that one is the template.
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return template;
    throw error;
  }
  await dropStaleTemplates(serverUrl);
  return template;
}

const DUPLICATE_DATABASE = '42P04';

/**
 * Templates and abandoned builds of days before yesterday: a run that began yesterday may
 * still be copying yesterday's, and runs of other checkouts (other migrations) today's.
 */
async function dropStaleTemplates(serverUrl: string): Promise<void> {
  const yesterday = new Date(Date.now() - 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'harbor\\_tpl%'`,
    );
    for (const { datname } of rows) {
      const day = /^harbor_tpl(?:build)?_(\d{8})_/.exec(datname)?.[1];
      if (day && day < yesterday) await client.query(`DROP DATABASE IF EXISTS "${datname}"`);
    }
  });
}

function databaseOn(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
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
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
  return {
    url: databaseOn(serverUrl, databaseName),
    drop: async () => {
      await onServer(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
      );
    },
  };
}

/** CREATE/DROP DATABASE cannot run in a transaction or a pool's shared session. */
async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
