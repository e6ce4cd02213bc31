import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { location } from '@harbor/protocols/jt808';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HARBOR_NODE_FLAGS, harborBundle } from '../scripts/bundle.ts';
import { CHILD_GUARD } from './harbor-process.ts';
import { TestTerminal } from './jt808-terminal.ts';

// The README's promise, checked on the real process: `pnpm start` brings the api up on
// PGlite with the seed, data survives a restart, migrations are applied once, and a bad
// configuration stops the start with one clear message.

const apiDir = join(import.meta.dirname, '..');

type Run = {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
};

/**
 * A start on a busy 2-core machine may take minutes (CI runs two test files at a time): the
 * tests wait on readiness and exits, and these limits only bound a start that never comes.
 */
const START_LIMIT_MS = 600_000;
const TEST_LIMIT_MS = 2 * START_LIMIT_MS;

/** Every api this file started: whatever a test's outcome, none outlives it. */
const runs = new Set<Run>();

/** As `pnpm start` runs Harbor: its bundle (scripts/bundle.ts), built from the sources now. */
async function startApi(env: Record<string, string>): Promise<Run> {
  const child = spawn(
    process.execPath,
    [...HARBOR_NODE_FLAGS, '--import', CHILD_GUARD, await harborBundle()],
    {
      cwd: apiDir,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'info',
        JT808_PORT: '0',
        AIS_PORT: '0',
        ...env,
      },
      // stdin is the guard's pipe: the api exits when this test process goes (child-guard.ts).
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const run = { child, stdout, stderr, exited };
  runs.add(run);
  void exited.then(() => runs.delete(run));
  return run;
}

afterEach(async () => {
  for (const run of runs) {
    run.child.kill('SIGKILL');
    await run.exited;
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForHealth(base: string, run: Run): Promise<void> {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) {
      throw new Error(
        `api exited with ${run.child.exitCode}: ${run.stderr.join('')}${run.stdout.join('')}`,
      );
    }
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`api did not become healthy in ${START_LIMIT_MS / 1000} s`);
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGTERM');
  return run.exited;
}

async function login(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'harbor-demo' }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/i);
  return cookie.split(';')[0] ?? '';
}

type TrpcResult<T> = { result: { data: T } };

/** The port a gateway reported in the log. */
function portOf(run: Run, message: string): number {
  for (const line of run.stdout.join('').split('\n')) {
    if (line.includes(message)) return (JSON.parse(line) as { port: number }).port;
  }
  throw new Error(`no "${message}" in the log`);
}

/** Sends EVER DIADEM's static and voyage data (gpsd's type 5 sample) to the AIS gateway. */
async function sendAisStatic(port: number): Promise<void> {
  const socket = createConnection(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\r\n!AIVDM,2,2,1,A,88888888880,2*25\r\n',
  );
  await new Promise<void>((resolve) => socket.end(() => resolve()));
}

/**
 * A seeded truck terminal's conversation: register (as the terminal with `terminalId`),
 * authenticate with the code it got, report; the replies' result codes.
 */
async function truckConversation(port: number, terminalId: string): Promise<number[]> {
  const terminal = new TestTerminal(port, '013916001001');
  try {
    const registered = await terminal.register(terminalId);
    const authenticated = await terminal.authenticate(registered.authCode ?? '');
    const reported = await terminal.exchange({
      messageId: 0x0200,
      location: location({
        lat: 30.8705,
        lon: 121.9055,
        time: new Date('2026-11-25T02:15:30Z'),
        speedKmh: 30,
      }),
    });
    return [registered.result, authenticated, 'result' in reported ? reported.result : -1];
  } finally {
    terminal.close();
  }
}

describe('starting Harbor on its embedded defaults', { timeout: TEST_LIMIT_MS }, () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'harbor-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts seeded, serves the port operator, keeps data across a restart and migrates once', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HARBOR_DATA_DIR: dataDir };

    const first = await startApi(env);
    await waitForHealth(base, first);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const cookie = await login(base, 'operator@port.harbor.local');
    const listed = (await (
      await fetch(`${base}/trpc/vessels.list?input=${encodeURIComponent('{}')}`, {
        headers: { cookie },
      })
    ).json()) as TrpcResult<{ items: { mmsi: number; name: string | null }[] }>;
    expect(listed.result.data.items.length).toBeGreaterThanOrEqual(3);

    const created = await fetch(`${base}/trpc/vessels.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ mmsi: 412999001, name: 'RESTART PROBE' }),
    });
    expect(created.status).toBe(200);

    // A seeded truck's terminal registers (binding its phone), authenticates and reports over JT/T 808.
    expect(await truckConversation(portOf(first, 'JT/T 808 gateway listening'), 'T000001')).toEqual(
      [0, 0, 0],
    );
    await sendAisStatic(portOf(first, 'AIS gateway listening'));
    // AIS has no answer: wait until the vessel shows what was sent, then stop.
    const aisDestination = async () => {
      const listed = (await (
        await fetch(
          `${base}/trpc/vessels.list?input=${encodeURIComponent('{"search":"351759000"}')}`,
          { headers: { cookie } },
        )
      ).json()) as TrpcResult<{ items: { ais: { destination: string | null } | null }[] }>;
      return listed.result.data.items[0]?.ais?.destination ?? null;
    };
    for (let i = 0; i < 2400 && (await aisDestination()) === null; i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await stop(first)).toBe(0);
    const firstLog = first.stdout.join('');
    expect(firstLog).toMatch(/migration/i);

    const second = await startApi(env);
    await waitForHealth(base, second);
    const cookieAgain = await login(base, 'operator@port.harbor.local');
    const search = (await (
      await fetch(
        `${base}/trpc/vessels.list?input=${encodeURIComponent('{"search":"RESTART PROBE"}')}`,
        {
          headers: { cookie: cookieAgain },
        },
      )
    ).json()) as TrpcResult<{ items: { mmsi: number }[] }>;
    expect(search.result.data.items.map((vessel) => vessel.mmsi)).toEqual([412999001]);
    // The AIS type 5 sent to the first run was recorded beside the seeded vessel's curated
    // values; its destination (none curated) shows as the vessel's.
    const diadem = (await (
      await fetch(
        `${base}/trpc/vessels.list?input=${encodeURIComponent('{"search":"351759000"}')}`,
        {
          headers: { cookie: cookieAgain },
        },
      )
    ).json()) as TrpcResult<{ items: { destination: string | null; callSign: string | null }[] }>;
    expect(diadem.result.data.items).toMatchObject([
      {
        destination: 'NEW YORK',
        callSign: '3FOF8',
        curated: { destination: null, name: 'EVER DIADEM' },
        ais: { destination: 'NEW YORK', name: 'EVER DIADEM' },
      },
    ]);
    // After the restart the same terminal registers again (a new code); another one may not.
    const jt808Again = portOf(second, 'JT/T 808 gateway listening');
    expect(await truckConversation(jt808Again, 'T000001')).toEqual([0, 0, 0]);
    expect(await truckConversation(jt808Again, 'T999999')).toEqual([3, 1, 1]);
    expect(await stop(second)).toBe(0);

    // Nothing was applied twice: one bookkeeping row per migration, all finished.
    const pglite = await PGlite.create(dataDir);
    const rows = await pglite.query<{ migration_name: string; finished_at: Date | null }>(
      'SELECT migration_name, finished_at FROM _prisma_migrations',
    );
    const names = rows.rows.map((row) => row.migration_name);
    expect(new Set(names).size).toBe(names.length);
    expect(rows.rows.every((row) => row.finished_at !== null)).toBe(true);
    // The truck's report was written before the first run shut down.
    const fixes = await pglite.query<{ lat: number }>(
      `SELECT lat FROM "PositionFix" WHERE "assetKey" = '013916001001'`,
    );
    expect(fixes.rows).toEqual([{ lat: 30.8705 }]);
    await pglite.close();
  });

  it('refuses to start when an applied migration was changed, naming it', async () => {
    let pglite = await PGlite.create(dataDir);
    const { rows } = await pglite.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name LIMIT 1',
    );
    const applied = rows[0];
    if (!applied) throw new Error('no applied migration recorded');
    await pglite.query(
      `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`,
      [applied.migration_name],
    );
    await pglite.close();

    const run = await startApi({ PORT: String(await freePort()), HARBOR_DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    const output = run.stderr.join('') + run.stdout.join('');
    expect(output).toContain(applied.migration_name);
    expect(output).toMatch(/changed/i);
    expect(output).not.toMatch(/^\s+at /m);

    pglite = await PGlite.create(dataDir);
    await pglite.query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
      applied.checksum,
      applied.migration_name,
    ]);
    await pglite.close();
  });

  it('refuses to start when an applied migration is missing from the migrations directory', async () => {
    const pglite = await PGlite.create(dataDir);
    await pglite.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('e2e-missing', repeat('1', 64), '20990101000000_not_in_this_checkout', now(), now(), 1)`,
    );
    await pglite.close();
    const run = await startApi({ PORT: String(await freePort()), HARBOR_DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('') + run.stdout.join('')).toContain(
      '20990101000000_not_in_this_checkout',
    );
  });

  it('refuses to start with an unreachable DATABASE_URL, in one clear line', async () => {
    const run = await startApi({
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://harbor@127.0.0.1:1/harbor',
    });
    expect(await run.exited).toBe(1);
    const output = run.stderr.join('');
    expect(output).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/harbor/);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('refuses to start with a malformed PORT, naming the variable', async () => {
    const run = await startApi({ PORT: 'eighty', HARBOR_DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('')).toMatch(/PORT/);
  });
});
