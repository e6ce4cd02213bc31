import { defineConfig } from 'prisma/config';

// The CLI is used here only for `prisma generate` and `prisma format`; migrations are
// generated and applied by the project's own tools (scripts/new-migration.ts, src/migrator.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
