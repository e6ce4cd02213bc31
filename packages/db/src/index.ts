export type { Db, DbConfig, DbKind, SqlDriver, SqlResult } from './create-db.ts';
export { createDb, DbConnectionError } from './create-db.ts';
export * from './generated/prisma/client.ts';
export type { MigrateOptions, MigrationErrorKind } from './migrator.ts';
export { MigrationError, migrate } from './migrator.ts';
export type { PasswordHashParams } from './password-hash.ts';
export {
  hashPassword,
  hashPasswordSync,
  passwordHashParams,
  verifyPassword,
} from './password-hash.ts';
export type { SeedSummary } from './seed/seed.ts';
export { seed } from './seed/seed.ts';
export { portLand } from './seed/shanghai.ts';
