import type { Db } from '@harbor/db';

/** The real database behind a switch that makes every statement fail, as when the server is away. */
export function withOutage(db: Db) {
  const outage = { isDown: true, refused: 0 };
  const refuse = () => {
    outage.refused++;
    return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  };
  const sql = {
    ...db.sql,
    query: ((text, params) =>
      outage.isDown ? refuse() : db.sql.query(text, params)) as Db['sql']['query'],
    exec: ((text) => (outage.isDown ? refuse() : db.sql.exec(text))) as Db['sql']['exec'],
    transaction: ((fn) =>
      outage.isDown ? refuse() : db.sql.transaction(fn)) as Db['sql']['transaction'],
  } satisfies Db['sql'];
  return { db: { sql }, outage };
}
