import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, DbConnectionError, startPgliteThread } from '../src/create-db.ts';

// The embedded database as Harbor opens it when DATABASE_URL is unset: PGlite on a thread of
// its own, reached over PostgreSQL's protocol on a Unix socket (create-db.ts).

const opened: Db[] = [];
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(ownTmp, prefix));
  dirs.push(dir);
  return dir;
};
const open = async (dataDir: string) => {
  const db = await createDb({ dataDir });
  opened.push(db);
  return db;
};
// The temporary directory PGlite's threads make their sockets in is this file's own, so the
// tests see only their own (other test files open embedded databases meanwhile).
const ownTmp = mkdtempSync(join(tmpdir(), 'harbor-pglite-test-'));
const outerTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = ownTmp;
});
afterAll(() => {
  if (outerTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outerTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});
/** The socket directories PGlite's threads made. */
const socketDirs = () => readdirSync(ownTmp).filter((name) => name.startsWith('harbor-pglite-'));

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PGlite on its own thread', () => {
  it('keeps what was committed, and not what was rolled back, across a close and a reopen', async () => {
    const dataDir = tempDir('data-');
    const db = await open(dataDir);
    expect(db.kind).toBe('pglite');
    await db.sql.exec('CREATE TABLE probe (id int PRIMARY KEY, note text, bytes bytea)');
    await db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO probe VALUES ($1, $2, $3)', [1, '洋山', Buffer.from([0, 255])]);
    });
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO probe VALUES ($1, $2, NULL)', [2, 'rolled back']);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    await db.close();

    const again = await open(dataDir);
    const { rows } = await again.sql.query<{ id: number; note: string; bytes: Uint8Array }>(
      'SELECT id, note, bytes FROM probe ORDER BY id',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 1, note: '洋山' });
    expect([...(rows[0]?.bytes ?? [])]).toEqual([0, 255]);
  });

  it('answers the next statement after one the database refused, on the same one connection', async () => {
    const db = await open('memory://');
    await db.sql.exec('CREATE TABLE probe (id int PRIMARY KEY)');
    await db.sql.query('INSERT INTO probe VALUES ($1)', [1]);
    for (let round = 0; round < 3; round++) {
      await expect(db.sql.query('INSERT INTO probe VALUES ($1)', [1])).rejects.toMatchObject({
        code: '23505',
      });
      await expect(db.sql.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
      expect(
        (await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM probe')).rows,
      ).toEqual([{ n: 1 }]);
    }
    // Prisma's queries share the connection: a refused one leaves it usable too.
    await expect(db.prisma.$executeRawUnsafe('INSERT INTO probe VALUES (1)')).rejects.toThrow();
    expect(await db.prisma.$queryRawUnsafe('SELECT count(*)::int AS n FROM probe')).toEqual([
      { n: 1 },
    ]);
  });

  it('runs a query that comes during a transaction after its commit, and sees its rows', async () => {
    const db = await open('memory://');
    await db.sql.exec('CREATE TABLE probe (id int PRIMARY KEY)');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => {};
    const isInserted = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const transaction = db.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO probe VALUES (1)');
      inserted();
      await held;
    });
    await isInserted;
    let counted: number | null = null;
    const count = db.sql
      .query<{ n: number }>('SELECT count(*)::int AS n FROM probe')
      .then(({ rows }) => {
        counted = rows[0]?.n ?? null;
      });
    // The transaction holds the one connection: the query waits for it, whatever the time.
    await Promise.resolve();
    expect(counted).toBeNull();
    release();
    await transaction;
    await count;
    expect(counted).toBe(1);
  });

  it("reports its thread's CPU for /metrics, and frees its socket when closed", async () => {
    const before = new Set(socketDirs());
    const db = await open('memory://');
    const made = socketDirs().filter((name) => !before.has(name));
    expect(made).toHaveLength(1);
    await db.sql.exec('CREATE TABLE probe (id int PRIMARY KEY)');
    await db.sql.query('INSERT INTO probe SELECT generate_series(1, 20000)');
    const stats = db.stats?.() ?? {};
    // Linux: opening a database directory alone takes PGlite's thread well over a tick.
    if (existsSync('/proc/thread-self')) expect(stats.thread_cpu_seconds).toBeGreaterThan(0);
    await db.close();
    expect(socketDirs().filter((name) => made.includes(name))).toEqual([]);
    await expect(db.sql.query('SELECT 1')).rejects.toThrow();
  });

  it('says once that the database is gone when its thread ends, and nothing when Harbor closes it', async () => {
    const lost: Error[] = [];
    const thread = await startPgliteThread(undefined, (error) => lost.push(error));
    const exited = new Promise((resolve) => thread.worker.once('exit', resolve));
    await thread.worker.terminate();
    await exited;
    expect(lost.map((error) => error.message)).toEqual([
      expect.stringMatching(/^PGlite's thread ended/),
    ]);
    await thread.stop();
    expect(lost).toHaveLength(1);

    const closedLost: Error[] = [];
    const db = await createDb({ dataDir: 'memory://', onLost: (error) => closedLost.push(error) });
    await db.sql.query('SELECT 1');
    await db.close();
    expect(closedLost).toEqual([]);
  });

  it('refuses a data directory PGlite cannot open, in one clear error, leaving no thread or socket', async () => {
    const before = new Set(socketDirs());
    const notADirectory = join(tempDir('data-file-'), 'data');
    writeFileSync(notADirectory, 'not a database');
    const opening = createDb({ dataDir: notADirectory });
    await expect(opening).rejects.toBeInstanceOf(DbConnectionError);
    await expect(opening).rejects.toThrow(/^cannot open PGlite at .*data: /);

    // A directory, but not one of PostgreSQL 17's: PGlite's thread fails as it starts.
    const notADatabase = tempDir('data-');
    writeFileSync(join(notADatabase, 'PG_VERSION'), '9\n');
    const starting = createDb({ dataDir: notADatabase });
    await expect(starting).rejects.toBeInstanceOf(DbConnectionError);
    await expect(starting).rejects.toThrow(/^cannot open PGlite at .*data-/);
    expect(socketDirs().filter((name) => !before.has(name))).toEqual([]);
  });
});
