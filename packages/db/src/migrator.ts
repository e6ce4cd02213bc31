import { randomUUID } from 'node:crypto';
import type { Db, SqlDriver } from './create-db.ts';
import {
  defaultMigrationsDir,
  type MigrationFile,
  readMigrations,
  scriptMatchesChecksum,
} from './migrations-dir.ts';

export type MigrateOptions = {
  /** Folder of `<timestamp>_<name>/migration.sql`; default: this package's prisma/migrations. */
  migrationsDir?: string | undefined;
};

export type MigrationErrorKind =
  | 'checksum-mismatch'
  | 'missing-file'
  | 'failed-migration'
  | 'apply-failed';

/** Why the migrator refused or stopped; `migrationName` is the migration at fault. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    readonly kind: MigrationErrorKind,
    readonly migrationName: string,
    message: string,
  ) {
    super(message);
  }
}

// Prisma's own DDL for its bookkeeping table, so `prisma migrate deploy` reads our rows.
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The key Prisma's migrate commands lock on, so they and this migrator exclude each other. */
const prismaAdvisoryLockKey = 72707369;

// A script that manages its own transaction (Prisma writes BEGIN/COMMIT around enum
// rewrites) cannot be wrapped in ours: its COMMIT would end ours half way.
// The `;` right after the keyword tells a statement from a PL/pgSQL `BEGIN` block.
const ownTransactionControl = /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION[^;]*)\s*;/im;

/** The last migrate() call per PGlite driver, so calls queue behind each other. */
const pgliteRuns = new WeakMap<SqlDriver, Promise<string[]>>();

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
  logs: string | null;
};

/**
 * Applies pending migrations in name order, each in its own transaction, and returns the
 * names it applied (none on a second run). Refuses with a `MigrationError` before applying
 * anything when the recorded history and the directory disagree.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  if (db.kind === 'pglite') {
    // PGlite has one connection and one process per directory, so only calls in this
    // process can race; a lock-holding transaction would block the migrations' own
    // transactions on that one connection, so queue the calls instead.
    const previous = pgliteRuns.get(db.sql) ?? Promise.resolve();
    // The previous call's failure went to its own caller; this call runs regardless.
    const run = previous.catch(() => {}).then(() => applyPending(db.sql, migrations));
    pgliteRuns.set(db.sql, run);
    return run;
  }
  // A transaction-scoped lock on its own pooled connection: released however the run
  // ends, even if this process dies, while the migrations use other connections.
  return db.sql.transaction(async (lockConnection) => {
    await lockConnection.query('SELECT pg_advisory_xact_lock($1)', [prismaAdvisoryLockKey]);
    return applyPending(db.sql, migrations);
  });
}

async function applyPending(sql: SqlDriver, migrations: MigrationFile[]): Promise<string[]> {
  await sql.exec(createMigrationsTable);
  const { rows } = await sql.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  const appliedNames = checkHistory(rows, migrations);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (appliedNames.has(migration.name)) continue;
    await applyOne(sql, migration);
    applied.push(migration.name);
  }
  return applied;
}

/** The names already applied; throws on the first disagreement it finds. */
function checkHistory(rows: AppliedRow[], migrations: MigrationFile[]): Set<string> {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      'failed-migration',
      failed.migration_name,
      `migration ${failed.migration_name} is recorded as failed (started, never finished${
        failed.logs ? `: ${firstLine(failed.logs)}` : ''
      }). Repair the database by hand, then mark it rolled back: ` +
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL ` +
        `(or \`prisma migrate resolve --rolled-back ${failed.migration_name}\`).`,
    );
  }
  const filesByName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of live) {
    const file = filesByName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        'missing-file',
        row.migration_name,
        `migration ${row.migration_name} is applied to this database but its folder is missing from the migrations directory; restore it (never delete an applied migration).`,
      );
    }
    if (!scriptMatchesChecksum(file.sql, row.checksum)) {
      throw new MigrationError(
        'checksum-mismatch',
        row.migration_name,
        `migration ${row.migration_name} was changed after it was applied (checksum mismatch); restore the applied file and put the change in a new migration (pnpm db:migration NAME).`,
      );
    }
  }
  return new Set(live.map((row) => row.migration_name));
}

async function applyOne(sql: SqlDriver, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  const record = (runner: Pick<SqlDriver, 'query'>) =>
    runner.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
  const finish = (runner: Pick<SqlDriver, 'query'>) =>
    runner.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );

  if (ownTransactionControl.test(migration.sql)) {
    // As Prisma does: started row first, so a failure half way stays visible as failed.
    await record(sql);
    try {
      await sql.exec(migration.sql);
    } catch (error) {
      await sql.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [
        id,
        errorText(error),
      ]);
      throw applyFailed(
        migration.name,
        error,
        'it manages its own transaction, so part of it may be applied',
      );
    }
    await finish(sql);
    return;
  }

  try {
    await sql.transaction(async (tx) => {
      await record(tx);
      await tx.exec(migration.sql);
      await finish(tx);
    });
  } catch (error) {
    // Everything was rolled back, so the attempt is recorded as failed AND rolled back:
    // visible in the table, and the next run retries the (fixed) file.
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), now(), 0)`,
      [id, migration.checksum, migration.name, errorText(error)],
    );
    throw applyFailed(migration.name, error, 'it was rolled back, nothing of it is applied');
  }
}

function applyFailed(name: string, error: unknown, consequence: string): MigrationError {
  return new MigrationError(
    'apply-failed',
    name,
    `migration ${name} failed (${consequence}): ${errorText(error)}`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
