import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type PGlite, types } from '@electric-sql/pglite';
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
  /**
   * Told once when the database has gone for good after it opened: PGlite's thread ended or
   * failed, and nothing can be read or written any more. (PostgreSQL's connections come back
   * by themselves: never called for it.)
   */
  onLost?: ((error: Error) => void) | undefined;
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
  /** Counters for /metrics: the CPU seconds of PGlite's own thread (Linux), where it has one. */
  stats?(): Record<string, number>;
  close(): Promise<void>;
};

export class DbConnectionError extends Error {
  override name = 'DbConnectionError';
}

/** PGlite in-process when no `databaseUrl` is given, PostgreSQL through `pg` otherwise. */
export async function createDb(config: DbConfig = {}): Promise<Db> {
  return config.databaseUrl
    ? createPostgresDb(config.databaseUrl, config.maxConnections ?? 10)
    : createPgliteDb(config.dataDir ?? './.data', config.onLost);
}

async function createPgliteDb(
  dataDir: string,
  onLost: ((error: Error) => void) | undefined,
): Promise<Db> {
  const isMemory = dataDir.startsWith('memory://');
  const location = isMemory ? dataDir : resolve(dataDir);
  if (!isMemory) {
    try {
      mkdirSync(location, { recursive: true });
    } catch (error) {
      throw new DbConnectionError(`cannot open PGlite at ${location}: ${(error as Error).message}`);
    }
  }
  const thread = await startPgliteThread(isMemory ? undefined : location, onLost);
  // One connection: PGlite is one session, and the thread's server takes one client at a time.
  const pool = new Pool({
    host: thread.socketDir,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // Never closed for being idle: a fresh connection costs PGlite's thread a start-up.
    idleTimeoutMillis: 0,
  });
  pool.on('error', () => {});
  const db = dbOverPool(pool, 'pglite', `PGlite at ${location}`, async () => {
    await pool.end();
    await thread.stop();
  });
  return thread.cpuSeconds() === null
    ? db
    : { ...db, stats: () => ({ thread_cpu_seconds: thread.cpuSeconds() ?? 0 }) };
}

/**
 * PGlite on a thread of its own (pglite-thread.js), serving PostgreSQL's protocol on a Unix
 * socket in a directory only this user can enter. On the event loop's own thread, each commit
 * of a batch of fixes held the loop 40-85 ms in PGlite's synchronous file writes, and the
 * terminals' answers and the live map waited behind it (docs/benchmarks.md, issue 20).
 */
export async function startPgliteThread(
  dataDir: string | undefined,
  onLost?: (error: Error) => void,
): Promise<{
  socketDir: string;
  /** The thread itself (its tests end it). */
  worker: Worker;
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}> {
  const socketDir = mkdtempSync(join(tmpdir(), 'harbor-pglite-'));
  const worker = new Worker(new URL('./pglite-thread.js', import.meta.url), {
    workerData: { dataDir, socketPath: join(socketDir, '.s.PGSQL.5432') },
    // Not the process's own `--import`s: they are for the main thread (a test's guard that
    // watches stdin, which a worker's stdin would end at once).
    execArgv: [],
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  let threadId: number | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (ready: { threadId: number | null }) => {
        threadId = ready.threadId;
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`PGlite's thread ended (exit code ${code})`)));
    });
  } catch (error) {
    await worker.terminate();
    removeSocketDir();
    throw new DbConnectionError(
      `cannot open PGlite at ${dataDir ?? 'memory://'}: ${(error as Error).message}`,
    );
  }
  // After start-up, the thread ending or failing is the database gone: every query fails on
  // the socket from then on. Said once, unless Harbor is closing it.
  let isStopping = false;
  let isLost = false;
  const lost = (error: Error) => {
    if (isStopping || isLost) return;
    isLost = true;
    onLost?.(error);
  };
  worker.on('error', (error) => lost(new Error(`PGlite's thread failed: ${error.message}`)));
  worker.once('exit', (code) => lost(new Error(`PGlite's thread ended (exit code ${code})`)));
  return {
    socketDir,
    worker,
    /** Null where the kernel's thread ids are not to be had (not Linux). */
    cpuSeconds() {
      if (threadId === null) return null;
      try {
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second).
        const fields = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8').split(') ')[1];
        const [utime, stime] = fields?.split(' ').slice(11, 13).map(Number) ?? [];
        return ((utime ?? 0) + (stime ?? 0)) / 100;
      } catch {
        return null;
      }
    },
    async stop() {
      // PGlite closes cleanly (its files complete) before the thread goes; the pool has ended,
      // so no statement is running. A close that never ends does not hold Harbor's exit.
      isStopping = true;
      worker.postMessage('close');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stuck = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 30_000);
      });
      await Promise.race([exited, stuck]);
      clearTimeout(timer);
      await worker.terminate();
      removeSocketDir();
    },
  };
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

/** The oids of float8[] and text[] (PostgreSQL's catalog, pg_type). */
const FLOAT8_ARRAY_OID = 1022;
const TEXT_ARRAY_OID = 1009;

/**
 * Arrays Harbor sends already in PostgreSQL's binary form (a Buffer, as node-postgres sends
 * it: the fix store's columns) go to PGlite as they are, where PGlite would print them with
 * its own array serializer: its bind message sends a byte array in binary, as node-postgres
 * does (hence the cast: PGlite's serializer type promises text). Anything else as PGlite's.
 */
function pgliteSerializers(pglite: PGlite): Record<number, (value: unknown) => string> {
  const asGiven =
    (oid: number) =>
    (value: unknown): string =>
      value instanceof Uint8Array
        ? (value as unknown as string)
        : (pglite.serializers[oid]?.(value) ?? String(value));
  return {
    [FLOAT8_ARRAY_OID]: asGiven(FLOAT8_ARRAY_OID),
    [TEXT_ARRAY_OID]: asGiven(TEXT_ARRAY_OID),
  };
}

/** A `Db` over a PGlite the caller opened (the test helper loads one from a template dump). */
export function dbOverPglite(pglite: PGlite, describe: string): Db {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const options = { parsers: PGLITE_PARSERS, serializers: pgliteSerializers(pglite) };
  const sql: SqlDriver = {
    async query(text, params) {
      const result = await pglite.query(text, params, options);
      return { rows: result.rows as never[], affectedRows: result.affectedRows ?? 0 };
    },
    async exec(script) {
      await pglite.exec(script);
    },
    async transaction(fn) {
      return pglite.transaction((tx) =>
        fn({
          async query(text, params) {
            const result = await tx.query(text, params, options);
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
  const pool = new Pool({
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
  return dbOverPool(pool, 'postgres', describe, () => pool.end());
}

/**
 * node-postgres's pool, keeping a connection after a statement the database refused (a
 * unique key, a failed check: an error with its SQLSTATE), which leaves the connection as good
 * as before; `pg.Pool.query` drops the connection after any error. For PGlite's thread, which
 * serves one connection, the new one raced the old one's close, and the statement after a
 * refused one failed too (ECONNRESET): Prisma's queries (its adapter calls `query`) and
 * Harbor's own. Other errors (the connection lost, a timeout) drop it as before.
 */
class Pool extends pg.Pool {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool.query's many overloads, passed on whole to the client's.
  override query(...args: any[]): any {
    if (typeof args.at(-1) === 'function')
      return super.query(...(args as Parameters<pg.Pool['query']>));
    return this.connect().then(async (client) => {
      let broken: Error | undefined;
      try {
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        return await (client.query as (...a: any[]) => Promise<unknown>)(...args);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError)) broken = error as Error;
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }
}

/** A `Db` over a pool of PostgreSQL-protocol connections (PostgreSQL's, or PGlite's thread's). */
function dbOverPool(
  pool: pg.Pool,
  kind: DbKind,
  describe: string,
  closePool: () => Promise<void>,
): Db {
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
    kind,
    prisma,
    sql,
    describe,
    async close() {
      await prisma.$disconnect();
      await closePool();
    },
  };
}
