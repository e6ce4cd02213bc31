import type { Db } from '@harbor/db';

/** The real database behind a switch that makes every transaction fail, as when the server is away. */
export function withOutage(db: Db) {
  const outage = { isDown: true, refused: 0 };
  const sql = {
    ...db.sql,
    transaction: <T>(fn: Parameters<Db['sql']['transaction']>[0]) => {
      if (outage.isDown) {
        outage.refused++;
        return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      }
      return db.sql.transaction(fn) as Promise<T>;
    },
  } as Db['sql'];
  return { db: { sql }, outage };
}
