// Writes the next migration: the SQL that takes the migrations directory to the schema,
// generated offline by Prisma's own schema engine (WASM). Usage: pnpm db:migration NAME
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  defaultMigrationsDir,
  listMigrationNames,
  migrationLockContent,
  migrationLockFileName,
} from '../src/migrations-dir.ts';
import { diffMigrationsToSchema, isEmptyMigration } from '../src/schema-engine.ts';

/** Prisma's folder prefix: UTC yyyymmddHHMMSS. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const rawName = process.argv[2];
if (!rawName) fail('usage: pnpm db:migration NAME   (e.g. pnpm db:migration add_vessel_eta)');
// Prisma's own naming: lower snake case, so folder names sort and read the same everywhere.
const name = rawName
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_+|_+$/g, '');
if (!name) fail(`migration name "${rawName}" has no letters or digits`);

const sql = await diffMigrationsToSchema();
if (isEmptyMigration(sql)) {
  fail(
    'no changes: the migrations already match prisma/schema.prisma, so no migration was written.',
  );
}

const folder = `${utcTimestamp(new Date())}_${name}`;
if (listMigrationNames(defaultMigrationsDir).some((existing) => existing.endsWith(`_${name}`))) {
  console.warn(`note: a migration named "${name}" already exists; writing ${folder} anyway.`);
}
const dir = join(defaultMigrationsDir, folder);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
const lockPath = join(defaultMigrationsDir, migrationLockFileName);
if (!existsSync(lockPath)) writeFileSync(lockPath, migrationLockContent);
console.log(`wrote ${relative(process.cwd(), join(dir, 'migration.sql'))}`);
