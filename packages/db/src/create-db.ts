import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';

export type DbConfig = {
  /** postgres://... to use PostgreSQL; unset for the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files. `memory://` keeps nothing. Default `./.data`. */
  dataDir?: string | undefined;
  /** Largest pool for PostgreSQL. */
  maxConnections?: number | undefined;
};

export type SqlResult<Row> = { rows: Row[]; affectedRows: number };

/**
 * The plain driver under the Prisma client, for the migrator and hot paths (bulk fix
 * inserts, viewport queries). `exec` runs a multi-statement script.
 */
export type SqlDriver = {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
  exec(script: string): Promise<void>;
  /** Runs `fn` inside one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Omit<SqlDriver, 'transaction'>) => Promise<T>): Promise<T>;
};

export type DbKind = 'pglite' | 'postgres';

export type Db = {
  kind: DbKind;
  prisma: PrismaClient;
  sql: SqlDriver;
  /** A description safe to log (no password). */
  describe: string;
  close(): Promise<void>;
};

export class DbConnectionError extends Error {
  override name = 'DbConnectionError';
}

/** PGlite in-process when no `databaseUrl` is given, PostgreSQL through `pg` otherwise. */
export async function createDb(config: DbConfig = {}): Promise<Db> {
  return config.databaseUrl
    ? createPostgresDb(config.databaseUrl, config.maxConnections ?? 10)
    : createPgliteDb(config.dataDir ?? './.data');
}

async function createPgliteDb(dataDir: string): Promise<Db> {
  const isMemory = dataDir.startsWith('memory://');
  const location = isMemory ? dataDir : resolve(dataDir);
  if (!isMemory) mkdirSync(location, { recursive: true });
  const pglite = await PGlite.create(isMemory ? undefined : location);
  return dbOverPglite(pglite, `PGlite at ${location}`);
}

/**
 * PGlite's own bytea parser makes a Uint8Array a byte at a time with parseInt (about 40 ns a
 * byte): reading a month of a truck's compact track (900 KB of segments) spent more time
 * there than decoding the track. Node's hex decoding does the same natively.
 */
const PGLITE_PARSERS = {
  [types.BYTEA]: (text: string): Uint8Array =>
    text.startsWith('\\x')
      ? new Uint8Array(Buffer.from(text.slice(2), 'hex'))
      : (types.parseType(text, types.BYTEA) as Uint8Array),
};

/** A `Db` over a PGlite the caller opened (the test helper loads one from a template dump). */
export function dbOverPglite(pglite: PGlite, describe: string): Db {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql: SqlDriver = {
    async query(text, params) {
      const result = await pglite.query(text, params, { parsers: PGLITE_PARSERS });
      return { rows: result.rows as never[], affectedRows: result.affectedRows ?? 0 };
    },
    async exec(script) {
      await pglite.exec(script);
    },
    async transaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          async query(text, params) {
            const result = await tx.query(text, params);
            return { rows: result.rows as never[], affectedRows: result.affectedRows ?? 0 };
          },
          async exec(script) {
            await tx.exec(script);
          },
        }),
      );
    },
  };
  return {
    kind: 'pglite',
    prisma,
    sql,
    describe,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function createPostgresDb(databaseUrl: string, maxConnections: number): Promise<Db> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DbConnectionError(
      'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DbConnectionError(
      `DATABASE_URL must start with postgres:// or postgresql://, got ${url.protocol}//`,
    );
  }
  const describe = `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    connectionTimeoutMillis: 5000,
  });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DbConnectionError(`cannot connect to ${describe}: ${(error as Error).message}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const runner = (client: pg.Pool | pg.PoolClient): Omit<SqlDriver, 'transaction'> => ({
    async query(text, params) {
      const result = await client.query(text, params);
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    },
    async exec(script) {
      await client.query(script);
    },
  });
  const sql: SqlDriver = {
    ...runner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(runner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: 'postgres',
    prisma,
    sql,
    describe,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
