import { createDb } from '@harbor/db';

/**
 * The PostgreSQL database the benchmarks may use: BENCH_DATABASE_URL (never DATABASE_URL),
 * whose name must contain "bench", since benchmarks empty its tables or drop it.
 */
export function benchDatabaseUrl(): string | undefined {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return undefined;
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('bench'))
    throw new Error(
      `BENCH_DATABASE_URL names ${name}; benchmarks empty or drop it, so its name must contain "bench"`,
    );
  return url;
}

/** Creates the database when the server does not have it yet (a fresh machine). */
export async function ensureBenchDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = await createDb({ databaseUrl: new URL('/postgres', target).toString() });
  try {
    const found = await admin.sql.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rows.length === 0) await admin.sql.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
}

/** Drops the database and creates it empty. */
export async function freshBenchDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = await createDb({ databaseUrl: new URL('/postgres', target).toString() });
  try {
    await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.sql.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
}
