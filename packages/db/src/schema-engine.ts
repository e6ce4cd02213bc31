import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaEngine,
} from '@prisma/schema-engine-wasm/schema_engine_bg';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  listMigrationNames,
  migrationFileName,
  migrationLockFileName,
} from './migrations-dir.ts';

/** What the engine prints when the migrations already produce the schema. */
export const emptyMigrationText = '-- This is an empty migration.';

/** The engine reports Rust panics through this global; it must exist before loading. */
type PanicRegistry = { set_message(message: string): void; lastPanic?: string };
declare global {
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

export class SchemaEngineError extends Error {
  override name = 'SchemaEngineError';
}

// Node has WebAssembly at run time, but this project's libs (ES2023, no DOM) do not type
// it: declare just what is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, object>,
  ) => { exports: Record<string, unknown> };
};

let wasmLoaded = false;

/**
 * Node 20 cannot `import` a .wasm file, so the glue is imported as plain JS and the
 * module instantiated by hand, wiring the glue in as the module's only import namespace.
 */
function loadWasmOnce(): void {
  if (wasmLoaded) return;
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message) {
      this.lastPanic = message;
    },
  };
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmBytes = readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {
    './schema_engine_bg.js': glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start !== 'function') {
    throw new SchemaEngineError('schema engine wasm has no __wbindgen_start');
  }
  start();
  wasmLoaded = true;
}

type EngineOptions = { schemaPath?: string; migrationsDir?: string };

/**
 * Runs `fn` with Prisma's schema engine connected to `database` (an in-memory PGlite
 * when omitted; never PostgreSQL: see the pitfalls in docs/architecture.md, "Database"), then frees both.
 */
async function withSchemaEngine<T>(
  what: string,
  schemaPath: string,
  database: PGlite | undefined,
  fn: (engine: SchemaEngine, schemaText: string) => Promise<T>,
): Promise<T> {
  loadWasmOnce();
  const pglite = database ?? new PGlite();
  let engine: SchemaEngine | undefined;
  try {
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
    const schemaText = readFileSync(schemaPath, 'utf8');
    engine = await glue.SchemaEngine.new(
      { datamodels: [[schemaPath, schemaText]] },
      () => {},
      adapter,
    );
    return await fn(engine, schemaText);
  } catch (error) {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.lastPanic;
    throw new SchemaEngineError(
      `schema engine ${what} failed: ${describeError(error)}${panic ? ` (panic: ${panic})` : ''}`,
    );
  } finally {
    engine?.free();
    if (!database) await pglite.close();
  }
}

/** The migrations directory as the engine reads it. */
function migrationList(migrationsDir: string): MigrationList {
  const lockPath = join(migrationsDir, migrationLockFileName);
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: lockPath,
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: listMigrationNames(migrationsDir).map((name) => ({
      path: name,
      migrationFile: {
        path: migrationFileName,
        content: {
          tag: 'ok',
          value: readFileSync(join(migrationsDir, name, migrationFileName), 'utf8'),
        },
      },
    })),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The SQL that takes a database built by the migrations directory to the schema:
 * `emptyMigrationText` when they agree. The engine replays the migrations into an
 * in-memory PGlite (its shadow database) to know what they build.
 */
export function diffMigrationsToSchema(options: EngineOptions = {}): Promise<string> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const list = migrationList(options.migrationsDir ?? defaultMigrationsDir);
  return withSchemaEngine('diff', schemaPath, undefined, async (engine, schemaText) => {
    const result = await engine.diff({
      from:
        list.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...list },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schemaText }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  });
}

/**
 * What `prisma migrate deploy` / `migrate status` would make of `database`'s
 * `_prisma_migrations`: the proof that the migrator's bookkeeping is Prisma's.
 */
export function prismaMigrationHistory(
  database: PGlite,
  options: EngineOptions = {},
): Promise<DiagnoseMigrationHistoryOutput> {
  const list = migrationList(options.migrationsDir ?? defaultMigrationsDir);
  return withSchemaEngine(
    'diagnoseMigrationHistory',
    options.schemaPath ?? defaultSchemaPath,
    database,
    (engine) =>
      engine.diagnoseMigrationHistory({
        migrationsList: list,
        optInToShadowDatabase: false,
        filters: noFilters,
      }),
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}

/** True when the diff is the engine's "nothing to do" text. */
export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === '' || sql.trim() === emptyMigrationText;
}
