import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate } from '@harbor/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env.ts';
import { type Harbor, startHarbor } from '../src/runtime/runtime.ts';

// The composition root starts the session purge (and stops it with the rest): a session that
// expired while Harbor was down is gone soon after it starts.
describe('session housekeeping started by Harbor', () => {
  let dataDir: string;
  let harbor: Harbor | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'harbor-sessions-'));
    const db = await createDb({ dataDir });
    await migrate(db);
    const organization = await db.prisma.organization.create({
      data: { code: 'SHPA', name: 'Shanghai Port Authority', kind: 'PORT_AUTHORITY' },
    });
    const user = await db.prisma.user.create({
      data: {
        organizationId: organization.id,
        email: 'operator@test.harbor.local',
        name: 'operator',
        role: 'PORT_OPERATOR',
        passwordHash: 'not-a-login-hash',
      },
    });
    const now = Date.now();
    for (const [tokenHash, expiresAt] of [
      ['expired-while-down', now - 60_000],
      ['still-valid', now + 3_600_000],
    ] as const) {
      await db.prisma.session.create({
        data: {
          tokenHash,
          userId: user.id,
          createdAt: new Date(now - 7_200_000),
          lastSeenAt: new Date(now - 7_200_000),
          expiresAt: new Date(expiresAt),
        },
      });
    }
    await db.close();
  });
  afterAll(async () => {
    await harbor?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('purges expired sessions at start', async () => {
    const config = loadConfig({
      SEED: 'false',
      LOG_LEVEL: 'silent',
      METRICS_TOKEN: 'session-housekeeping-test',
    });
    harbor = await startHarbor(
      { ...config, host: '127.0.0.1', port: 0, jt808Port: 0, aisPort: 0, dataDir },
      pino({ level: 'silent' }),
    );
    const db = harbor.db;
    await expect
      .poll(async () => (await db.prisma.session.findMany()).map((row) => row.tokenHash))
      .toEqual(['still-valid']);
    const metrics = await (
      await fetch(`${harbor.url}/metrics`, {
        headers: { authorization: 'Bearer session-housekeeping-test' },
      })
    ).text();
    expect(metrics).toMatch(/^harbor_session_purge\{stat="purged"\} 1$/m);
    expect(metrics).toMatch(/^harbor_session_streams\{stat="open"\} 0$/m);
    // The JT/T 809 links this api process holds (none configured here) are reported too.
    expect(metrics).toMatch(/^harbor_supervision\{stat="links"\} 0$/m);
  });
});
