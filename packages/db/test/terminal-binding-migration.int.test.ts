import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/create-db.ts';
import { defaultMigrationsDir, listMigrationNames } from '../src/migrations-dir.ts';
import { migrate } from '../src/migrator.ts';
import { testDbTargets } from './testing.ts';

const BINDING = 'terminal_binding';

/** The migrations before the terminal binding, in a folder of their own. */
function migrationsBeforeBinding(): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-migrations-'));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  const names = listMigrationNames(defaultMigrationsDir);
  const index = names.findIndex((name) => name.endsWith(BINDING));
  for (const name of names.slice(index)) rmSync(join(dir, name), { recursive: true });
  return dir;
}

/** An empty database on the target: in-memory PGlite, or a new one on the PostgreSQL server. */
async function emptyDb(target: string): Promise<{ db: Db; drop(): Promise<void> }> {
  if (target === 'pglite') {
    const db = await createDb({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const server = new URL(process.env.DATABASE_URL ?? '');
  const name = `harbor_binding_${process.pid}_${Date.now()}`;
  const admin = await createDb({ databaseUrl: server.toString() });
  await admin.sql.exec(`CREATE DATABASE "${name}"`);
  const db = await createDb({ databaseUrl: new URL(`/${name}`, server).toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}

describe.each(testDbTargets())('the terminal binding migration on %s', (target) => {
  it('drops every plain auth code and keeps registered terminals bound to their terminal id', async () => {
    const { db, drop } = await emptyDb(target);
    const before = migrationsBeforeBinding();
    try {
      await migrate(db, { migrationsDir: before });
      await db.sql.exec(`
        INSERT INTO "Organization" (id, code, name, kind, "updatedAt")
          VALUES ('00000000-0000-4000-8000-000000000001', 'DHCL', 'Donghai', 'LOGISTICS_COMPANY', now());
        INSERT INTO "Device" (id, "organizationId", "terminalPhone", "authCode", "terminalId", "registeredAt", "updatedAt")
        VALUES
          ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', '013916001001', 'DHCL-AUTH-01', NULL, NULL, now()),
          ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', '013916001002', 'x7Yq-issued', 'T000002', now(), now()),
          ('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-000000000001', '013916001003', NULL, NULL, NULL, now());
      `);
      await migrate(db);

      const { rows: columns } = await db.sql.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Device'`,
      );
      expect(columns.map((c) => c.column_name)).not.toContain('authCode');
      const devices = await db.prisma.device.findMany({ orderBy: { terminalPhone: 'asc' } });
      expect(
        devices.map((d) => [
          d.terminalPhone,
          d.authCodeHash,
          d.isRegistrationOpen,
          d.boundTerminalId,
        ]),
      ).toEqual([
        // Seeded with a guessable code, never registered: open, no code.
        ['013916001001', null, true, null],
        // Registered: its code is gone, only its own terminal id registers it again.
        ['013916001002', null, false, 'T000002'],
        ['013916001003', null, true, null],
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await drop();
    }
  });
});
