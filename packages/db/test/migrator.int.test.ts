import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrationChecksum } from '../src/migrations-dir.ts';
import { MigrationError, migrate } from '../src/migrator.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

const probeName = '20990101000000_add_migrator_probe';
const probeSql = 'CREATE TABLE "MigratorProbe" ("id" INTEGER PRIMARY KEY);\n';

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

/** A copy of the real migrations (already applied by createTestDb) to add cases to. */
function copyOfRealMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

async function rowsNamed(db: TestDb, name: string): Promise<MigrationRow[]> {
  const { rows } = await db.sql.query<MigrationRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" WHERE migration_name = $1',
    [name],
  );
  return rows;
}

async function tableExists(db: TestDb, table: string): Promise<boolean> {
  const { rows } = await db.sql.query<{ found: string | null }>(
    'SELECT to_regclass($1)::text AS found',
    [`"${table}"`],
  );
  return rows[0]?.found != null;
}

async function migrationErrorOf(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof MigrationError))
    throw new Error(`expected a MigrationError, got ${String(error)}`);
  return error;
}

describe.each(testDbTargets())('migrate on %s', (target) => {
  let db: TestDb;
  let migrationsDir: string;
  beforeEach(async () => {
    db = await createTestDb(target);
    migrationsDir = copyOfRealMigrations();
  });
  afterEach(async () => {
    await db.drop();
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  it('has nothing to apply on a freshly migrated database', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('applies a new migration once, with the bookkeeping Prisma writes', async () => {
    writeMigration(migrationsDir, probeName, probeSql);
    expect(await migrate(db, { migrationsDir })).toEqual([probeName]);
    expect(await migrate(db, { migrationsDir })).toEqual([]);
    const rows = await rowsNamed(db, probeName);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      checksum: migrationChecksum(probeSql),
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(rows[0]?.finished_at).not.toBeNull();
    expect(await tableExists(db, 'MigratorProbe')).toBe(true);
  });

  it('applies a migration once when two runs start together', async () => {
    writeMigration(migrationsDir, probeName, probeSql);
    const [first, second] = await Promise.all([
      migrate(db, { migrationsDir }),
      migrate(db, { migrationsDir }),
    ]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual([probeName]);
    expect(await rowsNamed(db, probeName)).toHaveLength(1);
  });

  it('refuses an applied migration whose file changed, naming it', async () => {
    writeMigration(migrationsDir, probeName, probeSql);
    await migrate(db, { migrationsDir });
    writeMigration(migrationsDir, probeName, `${probeSql}-- edited after it was applied\n`);
    const error = await migrationErrorOf(migrate(db, { migrationsDir }));
    expect(error.kind).toBe('checksum-mismatch');
    expect(error.message).toContain(probeName);
  });

  it('refuses when an applied migration is missing from the directory', async () => {
    writeMigration(migrationsDir, probeName, probeSql);
    await migrate(db, { migrationsDir });
    rmSync(join(migrationsDir, probeName), { recursive: true });
    const error = await migrationErrorOf(migrate(db, { migrationsDir }));
    expect(error.kind).toBe('missing-file');
    expect(error.message).toContain(probeName);
  });

  it('rolls a broken migration back whole, records it unfinished, and retries it once fixed', async () => {
    const brokenName = '20990101000000_broken';
    writeMigration(migrationsDir, brokenName, `${probeSql}SELECT * FROM "NoSuchTable";\n`);
    const error = await migrationErrorOf(migrate(db, { migrationsDir }));
    expect(error.kind).toBe('apply-failed');
    expect(error.message).toContain(brokenName);
    expect(await tableExists(db, 'MigratorProbe')).toBe(false);
    const [attempt, ...others] = await rowsNamed(db, brokenName);
    expect(others).toEqual([]);
    expect(attempt?.finished_at).toBeNull();
    expect(attempt?.rolled_back_at).not.toBeNull();

    writeMigration(migrationsDir, brokenName, probeSql);
    expect(await migrate(db, { migrationsDir })).toEqual([brokenName]);
    expect(await tableExists(db, 'MigratorProbe')).toBe(true);
  });

  it('refuses to run past a migration recorded as failed', async () => {
    const failedName = '20990101000000_failed_elsewhere';
    writeMigration(migrationsDir, failedName, probeSql);
    // What `prisma migrate deploy` leaves when a migration fails half way.
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ('00000000-0000-4000-8000-000000000001', $1, $2, 'ERROR: boom')`,
      [migrationChecksum(probeSql), failedName],
    );
    const error = await migrationErrorOf(migrate(db, { migrationsDir }));
    expect(error.kind).toBe('failed-migration');
    expect(error.message).toContain(failedName);
    expect(await tableExists(db, 'MigratorProbe')).toBe(false);
  });
});
