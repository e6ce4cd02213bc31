import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@harbor/db';
import { createEmptyPostgresDatabase } from '@harbor/db/testing';
import { demoTruck } from '@harbor/shared';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { type Acknowledged, PostingFeed, ReportingTerminal } from './crash-clients.ts';
import { type HarborProcess, startHarborProcess } from './harbor-process.ts';
import { nodeClient } from './live-client.ts';

// An acknowledgement is a promise: a fix answered as received (HTTP 202, JT/T 808 0x8001)
// must survive the process being killed at any moment. Harbor runs as its own process, a
// JT/T 808 fleet and an HTTP feed send fixes as fast as it answers, Harbor is killed with
// SIGKILL mid-stream, started again on the same data, and every acknowledged fix must be
// stored: stored ≥ acknowledged.

type Target = { name: string; database: 'pglite' | 'postgres'; bus: 'in-process' | 'jetstream' };

function targets(): Target[] {
  const list: Target[] = [{ name: 'PGlite', database: 'pglite', bus: 'in-process' }];
  if (process.env.DATABASE_URL)
    list.push({ name: 'PostgreSQL', database: 'postgres', bus: 'in-process' });
  if (process.env.NATS_URL)
    list.push({
      name: `NATS JetStream and ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      bus: 'jetstream',
    });
  return list;
}

/** Trucks 2, 4, … drive for LGFT over JT/T 808; 1, 3, … for DHCL, whose feed posts over HTTP. */
const TERMINAL_TRUCKS = [2, 4, 6, 8, 10];
const FEED_TRUCKS = [1, 3, 5, 7, 9];
/** Acknowledged fixes on each path before the kill. */
const BEFORE_KILL = 1500;
/** Bounds the waits below on a busy machine; the test waits on events, not on this. */
const LIMIT_MS = 600_000;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A DHCL API key, made by the port authority's admin. */
async function feedKey(url: string): Promise<string> {
  const { client } = await nodeClient(url, {
    email: 'admin@port.harbor.local',
    password: 'harbor-demo',
  });
  const organizations = await client.organizations.list.query();
  const dhcl = organizations.find((organization) => organization.code === 'DHCL');
  if (!dhcl) throw new Error('no DHCL in the seed');
  const { key } = await client.apiKeys.create.mutate({ name: 'crash', organizationId: dhcl.id });
  return key;
}

describe.each(targets())('a crash mid-ingest on $name', { timeout: 3 * LIMIT_MS }, (target) => {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'harbor-crash-'));
  const stream = `HARBOR_CRASH_${suffix}`;
  const env: Record<string, string> = {
    SEED: 'true',
    SEED_FLEET: '10',
    HARBOR_DATA_DIR: dataDir,
    ...(target.bus === 'jetstream'
      ? { BUS_URL: process.env.NATS_URL ?? '', BUS_STREAM: stream }
      : {}),
  };
  let harbor: HarborProcess | undefined;
  let postgres: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | undefined;

  afterAll(async () => {
    await harbor?.crash();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
    if (target.bus === 'jetstream') {
      const nc = await connect({ servers: process.env.NATS_URL });
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
      await nc.close();
    }
  });

  /** How many of the acknowledged fixes the database holds, read when Harbor is stopped. */
  async function storedOf(acknowledged: Acknowledged[]): Promise<number> {
    const keys = acknowledged.map((fix) => fix.assetKey);
    const times = acknowledged.map((fix) => fix.fixAt.toISOString());
    const query = `SELECT count(*)::int AS n FROM unnest($1::text[], $2::timestamptz[]) AS a(key, at)
      WHERE EXISTS (SELECT 1 FROM "PositionFix" f
        WHERE f."assetKind" = 'VEHICLE' AND f."assetKey" = a.key AND f."fixAt" = a.at)`;
    const db = await createDb({ databaseUrl: postgres?.url, dataDir });
    try {
      const { rows } = await db.sql.query<{ n: number }>(query, [keys, times]);
      return rows[0]?.n ?? 0;
    } finally {
      await db.close();
    }
  }

  /** On JetStream, what the stream stored before the crash is written once a tracker runs again. */
  async function streamDrained(): Promise<boolean> {
    const nc = await connect({ servers: process.env.NATS_URL });
    try {
      // A work queue keeps a message until a tracker acknowledges it.
      const info = await (await jetstreamManager(nc)).streams.info(stream);
      return info.state.messages === 0;
    } finally {
      await nc.close();
    }
  }

  it('stores every fix it acknowledged over HTTP and JT/T 808 before it was killed', async () => {
    if (target.database === 'postgres') {
      postgres = await createEmptyPostgresDatabase();
      env.DATABASE_URL = postgres.url;
    }
    harbor = await startHarborProcess(env);
    const running = harbor;
    const terminals = TERMINAL_TRUCKS.map(
      (truck) => new ReportingTerminal(running.jt808Port, truck),
    );
    await Promise.all(terminals.map((terminal) => terminal.start()));
    const feed = new PostingFeed(running.url, await feedKey(running.url), FEED_TRUCKS);
    feed.start();
    const acknowledgedOverJt808 = () =>
      terminals.reduce((sum, terminal) => sum + terminal.acknowledged.length, 0);
    await until(
      () => acknowledgedOverJt808() >= BEFORE_KILL && feed.acknowledged.length >= BEFORE_KILL,
      `${BEFORE_KILL} acknowledged fixes on each path`,
    );

    // Mid-stream: both clients have more on the wire and keep sending until the line drops.
    await running.crash();
    for (const terminal of terminals) terminal.stop();
    await feed.stop();
    const acknowledged = [
      ...terminals.flatMap((terminal) => terminal.acknowledged),
      ...feed.acknowledged,
    ];
    expect(new Set(acknowledged.map((fix) => fix.assetKey))).toEqual(
      new Set([...TERMINAL_TRUCKS, ...FEED_TRUCKS].map((truck) => demoTruck(truck).terminalPhone)),
    );

    // Harbor starts again on the crashed data, and whatever the bus still held is written.
    harbor = await startHarborProcess(env);
    if (target.bus === 'jetstream') await until(streamDrained, 'the stream written out');
    await harbor.stop();
    harbor = undefined;

    const stored = await storedOf(acknowledged);
    expect({ acknowledged: acknowledged.length, stored }).toEqual({
      acknowledged: acknowledged.length,
      stored: acknowledged.length,
    });
  });
});
