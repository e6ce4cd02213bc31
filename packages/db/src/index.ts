export { createDb, DbConnectionError } from './create-db.ts';
export type { Db, DbConfig, DbKind, SqlDriver, SqlResult } from './create-db.ts';
export * from './generated/prisma/client.ts';
