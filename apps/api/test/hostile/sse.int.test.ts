import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { Alert, Fix } from '@harbor/shared';
import type { TRPCClient } from '@trpc/client';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionStreams } from '../../src/domains/auth/session-streams.ts';
import { type JobChangeTopic, jobChangeTopic } from '../../src/domains/dispatch/job-changes.ts';
import { LatestPositionCache } from '../../src/domains/positions/latest-cache.ts';
import { LiveTopics } from '../../src/domains/positions/live-topics.ts';
import { DeviceDirectory } from '../../src/domains/vehicles/device-directory.ts';
import { sessionStreamProcedure } from '../../src/edges/trpc/init.ts';
import { writeFixes } from '../../src/pipeline/fix-store.ts';
import { type AppRouter, appRouter } from '../../src/runtime/app-router.ts';
import { buildWorld, type UserKey, type World } from '../fixtures.ts';
import { nodeClient } from '../live-client.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';

// A user's live streams (SSE) against a session that ends: the stream must end too, with
// UNAUTHORIZED, and let go of what it listened to. Before, a stream opened before logout
// (or before the account was disabled) kept streaming for up to an hour.
const PASSWORD = 'correct horse battery';
const TTL_MS = 3_600_000;
const YANGSHAN = { minLat: 30.55, minLon: 121.95, maxLat: 30.7, maxLon: 122.15 };
const VESSEL = '477266900';
const email = (user: UserKey) => `${user.toLowerCase()}@test.harbor.local`;

/** A vessel's stored track of hourly fixes: replayed in real time it lasts minutes (2 s a gap). */
const TRACK_FROM = Date.parse('2026-11-24T00:00:00Z');
const track: Fix[] = Array.from({ length: 200 }, (_, hour) => ({
  assetKind: 'VESSEL',
  assetKey: VESSEL,
  fixAt: new Date(TRACK_FROM + hour * 3_600_000),
  receivedAt: new Date(TRACK_FROM + hour * 3_600_000),
  lat: 30.6,
  lon: 122 + hour / 1_000,
  speedKnots: 10,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: null,
  status: null,
  source: 'AIS',
}));

type Ending = { code: string | undefined };

/** Opens a subscription; `started` once the server holds it, `ended` when it ends, with the error code if any. */
function open(
  subscribe: (handlers: {
    onStarted: () => void;
    onData: (data: unknown) => void;
    onError: (error: { data?: { code?: string } | null }) => void;
    onComplete: () => void;
  }) => { unsubscribe(): void },
) {
  let markStarted: () => void = () => {};
  let markEnded: (ending: Ending) => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const ended = new Promise<Ending>((resolve) => {
    markEnded = resolve;
  });
  const received: unknown[] = [];
  const subscription = subscribe({
    onStarted: () => markStarted(),
    onData: (data) => received.push(data),
    onError: (error) => markEnded({ code: error.data?.code }),
    onComplete: () => markEnded({ code: undefined }),
  });
  return { started, ended, subscription, received };
}

/** Every live procedure a user can open. */
function openAll(client: TRPCClient<AppRouter>) {
  return [
    open((h) => client.alerts.live.subscribe(undefined, h)),
    open((h) => client.dispatch.live.subscribe(undefined, h)),
    open((h) => client.positions.live.subscribe({ bbox: YANGSHAN, intervalMs: 100 }, h)),
    open((h) =>
      client.positions.asset.subscribe(
        { assetKind: 'VESSEL', assetKey: VESSEL, intervalMs: 100 },
        h,
      ),
    ),
    open((h) =>
      client.positions.replay.subscribe(
        {
          assetKind: 'VESSEL',
          assetKey: VESSEL,
          from: new Date(TRACK_FROM).toISOString(),
          to: new Date(TRACK_FROM + 200 * 3_600_000).toISOString(),
          speed: 1,
        },
        h,
      ),
    ),
  ];
}

type Definition = { _def?: { type?: string; middlewares?: unknown[] } };
const definitionOf = (value: unknown) => (value as Definition)._def ?? {};

it('builds every subscription from sessionStreamProcedure, so none outlives its session', () => {
  const sessionMiddlewares = definitionOf(sessionStreamProcedure).middlewares ?? [];
  // HarborErrors to TRPCErrors, the fair gate (which lets subscriptions through), the login
  // check and the session's stream watch.
  expect(sessionMiddlewares).toHaveLength(4);
  const subscriptions = Object.entries(appRouter._def.procedures).filter(
    ([, procedure]) => definitionOf(procedure).type === 'subscription',
  );
  expect(subscriptions.map(([path]) => path).sort()).toEqual([
    'alerts.live',
    'dispatch.live',
    'positions.asset',
    'positions.live',
    'positions.replay',
  ]);
  for (const [path, procedure] of subscriptions) {
    const middlewares = definitionOf(procedure).middlewares ?? [];
    expect(
      sessionMiddlewares.every((middleware) => middlewares.includes(middleware)),
      path,
    ).toBe(true);
  }
});

describe.each(testDbTargets())('live streams end with their session on %s', (target) => {
  let world: World;
  let live: LiveTopics;
  let jobChanges: JobChangeTopic;
  let streams: SessionStreams;
  let clock = new Date('2026-11-25T08:00:00Z');
  let server: Awaited<ReturnType<typeof serve>>;
  const opened: { unsubscribe(): void }[] = [];

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    await writeFixes(world.db, track);
    live = new LiveTopics();
    jobChanges = jobChangeTopic();
    const latestPositions = new LatestPositionCache({
      db: world.db,
      devices: new DeviceDirectory(world.db),
    });
    await latestPositions.load();
    // The periodic check is driven by the test (`streams.check()`) on a clock it moves.
    streams = new SessionStreams({ db: world.db, now: () => clock });
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: TTL_MS,
      cookieSecure: false,
      now: () => clock,
      live,
      latestPositions,
      jobChanges,
      sessionStreams: streams,
    });
    server = await serve(app);
  });
  afterEach(() => {
    for (const subscription of opened.splice(0)) subscription.unsubscribe();
  });
  afterAll(async () => {
    await server.close();
    await world.db.drop();
  });

  async function loggedIn(user: UserKey) {
    return nodeClient(server.base, { email: email(user), password: PASSWORD });
  }

  async function openAllStarted(client: TRPCClient<AppRouter>) {
    const all = openAll(client);
    opened.push(...all.map((stream) => stream.subscription));
    await Promise.all(all.map((stream) => stream.started));
    return all;
  }

  async function expectAllEnded(all: ReturnType<typeof openAll>) {
    const endings = await Promise.all(all.map((stream) => stream.ended));
    expect(endings).toEqual(all.map(() => ({ code: 'UNAUTHORIZED' })));
  }

  /** Nothing is left listening on the topics once the streams ended (the procedures let go). */
  async function expectTopicsReleased() {
    await expect.poll(() => live.subscribers).toEqual({ positions: 0, alerts: 0 });
    await expect.poll(() => jobChanges.subscribers).toBe(0);
    await expect.poll(() => streams.openStreams).toBe(0);
  }

  it('ends the streams of exactly the session that logged out', async () => {
    const first = await loggedIn('dhclDispatcher');
    const second = await loggedIn('dhclDispatcher');
    const ending = await openAllStarted(first.client);
    const staying = open((h) => second.client.alerts.live.subscribe(undefined, h));
    opened.push(staying.subscription);
    await staying.started;

    await first.client.auth.logout.mutate();
    await expectAllEnded(ending);
    // The other session of the same user still streams, also past a check.
    await streams.check();
    expect(streams.openStreams).toBe(1);
    const alert: Alert = {
      id: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a01',
      organizationId: world.organizations.dhcl.id,
      ruleId: null,
      kind: 'SPEEDING',
      severity: 'WARNING',
      assetKind: null,
      assetKey: null,
      zoneId: null,
      message: 'still streaming',
      data: null,
      raisedAt: clock.toISOString(),
      acknowledgedAt: null,
      acknowledgedById: null,
      asset: null,
      zone: null,
      rule: null,
      acknowledgedBy: null,
      acknowledgeComment: null,
    };
    live.alerts.publish(alert);
    await expect.poll(() => staying.received).toEqual([{ id: alert.id, data: alert }]);
    staying.subscription.unsubscribe();
    await expectTopicsReleased();
  });

  it('ends every stream of a user an admin disables', async () => {
    const admin = await loggedIn('portAdmin');
    const viewer = await loggedIn('lgftViewer');
    const all = await openAllStarted(viewer.client);
    await admin.client.users.update.mutate({ id: world.users.lgftViewer.id, isActive: false });
    await expectAllEnded(all);
    await expectTopicsReleased();
    await world.db.prisma.user.update({
      where: { id: world.users.lgftViewer.id },
      data: { isActive: true },
    });
  });

  it('ends every stream of a user whose password is changed', async () => {
    const admin = await loggedIn('dhclAdmin');
    const dispatcher = await loggedIn('dhclDispatcher');
    const all = await openAllStarted(dispatcher.client);
    await admin.client.users.update.mutate({
      id: world.users.dhclDispatcher.id,
      password: 'a brand new secret',
    });
    await expectAllEnded(all);
    await expectTopicsReleased();
    await world.db.prisma.user.update({
      where: { id: world.users.dhclDispatcher.id },
      data: { passwordHash: await hashPassword(PASSWORD) },
    });
  });

  it('ends the streams of a session once it expired, at the next check', async () => {
    const operator = await loggedIn('portOperator');
    const all = await openAllStarted(operator.client);
    await streams.check();
    expect(streams.openStreams).toBe(all.length);
    clock = new Date(clock.getTime() + TTL_MS);
    await streams.check();
    await expectAllEnded(all);
    await expectTopicsReleased();
  });

  it('ends the streams of a session another process ended or whose user it disabled', async () => {
    const viewer = await loggedIn('portViewer');
    const dispatcher = await loggedIn('lgftDispatcher');
    const viewerStreams = await openAllStarted(viewer.client);
    const dispatcherStreams = await openAllStarted(dispatcher.client);
    // Straight in the database, as another api process (or the purge) would.
    await world.db.prisma.session.deleteMany({ where: { userId: world.users.portViewer.id } });
    await world.db.prisma.user.update({
      where: { id: world.users.lgftDispatcher.id },
      data: { isActive: false },
    });
    await streams.check();
    await expectAllEnded([...viewerStreams, ...dispatcherStreams]);
    await expectTopicsReleased();
    await world.db.prisma.user.update({
      where: { id: world.users.lgftDispatcher.id },
      data: { isActive: true },
    });
  });

  it('refuses a stream from a session that has ended', async () => {
    const viewer = await loggedIn('dhclViewer');
    await viewer.client.auth.logout.mutate();
    const stream = open((h) => viewer.client.alerts.live.subscribe(undefined, h));
    opened.push(stream.subscription);
    expect(await stream.ended).toEqual({ code: 'UNAUTHORIZED' });
  });
});
