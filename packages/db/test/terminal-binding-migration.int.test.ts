import { describe, expect, it } from 'vitest';
import { migrate } from '../src/migrator.ts';
import { emptyDb, migrationsBefore } from './migration-steps.ts';
import { testDbTargets } from './testing.ts';

describe.each(testDbTargets())('the terminal binding migration on %s', (target) => {
  it('drops every plain auth code and keeps registered terminals bound to their terminal id', async () => {
    const { db, drop } = await emptyDb(target);
    const before = migrationsBefore('terminal_binding');
    try {
      await migrate(db, { migrationsDir: before.dir });
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
      before.remove();
      await drop();
    }
  });
});
