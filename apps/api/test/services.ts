import type { Db } from '@harbor/db';
import { pino } from 'pino';
import { AlertMonitor } from '../src/domains/alerts/monitor.ts';
import { LoginThrottle } from '../src/domains/auth/login-throttle.ts';
import { PasswordCheck } from '../src/domains/auth/password-check.ts';
import { SessionStreams } from '../src/domains/auth/session-streams.ts';
import { jobChangeTopic } from '../src/domains/dispatch/job-changes.ts';
import { TerminalMessenger } from '../src/domains/dispatch/messenger.ts';
import { DEFAULT_HISTORY_POLICY } from '../src/domains/history/policy.ts';
import { LatestPositionCache } from '../src/domains/positions/latest-cache.ts';
import { LiveTopics } from '../src/domains/positions/live-topics.ts';
import { TerminalCommander } from '../src/domains/vehicles/commands.ts';
import { DeviceDirectory } from '../src/domains/vehicles/device-directory.ts';
import { type AppOptions, createApp } from '../src/edges/http/app.ts';
import { type Context, createContext, type Services } from '../src/edges/trpc/context.ts';
import { FairGate } from '../src/edges/trpc/fair-gate.ts';
import { appRouter } from '../src/runtime/app-router.ts';

const silent = pino({ level: 'silent' });
const built = new WeakMap<Db, Services>();

/**
 * The services the runtime builds, for a test that calls procedures or serves HTTP without
 * starting Harbor: real ones over the test's database, built once per database. No gateway
 * runs, so no terminal is online and texts wait; the alert monitor is not swept; the fair
 * gate lets every call through at once. `overrides` replaces any of them (a clock, a cache
 * a test feeds, small login limits).
 */
export function testServices(db: Db, overrides: Partial<Omit<Services, 'db'>> = {}): Services {
  let base = built.get(db);
  if (!base) {
    const now = () => new Date();
    const devices = new DeviceDirectory(db);
    const latestPositions = new LatestPositionCache({ db, devices });
    const live = new LiveTopics();
    base = {
      db,
      now,
      sessionTtlMs: 12 * 3_600_000,
      history: DEFAULT_HISTORY_POLICY,
      devices,
      latestPositions,
      live,
      alertMonitor: new AlertMonitor({
        db,
        alerts: live.alerts,
        zones: [],
        ownerOf: (kind, key) => latestPositions.ownerOf(kind, key),
        now,
        logger: silent,
      }),
      // No tracker runs here: the zones have no running geofence to tell.
      zoneFences: { reloadZones: async () => 0 },
      jobChanges: jobChangeTopic(),
      messenger: new TerminalMessenger({ db, now, logger: silent }),
      commander: new TerminalCommander({ db, now, logger: silent }),
      terminalLinks: { isOnline: async () => false, disconnect: async () => false },
      loginGuard: { throttle: new LoginThrottle(), passwords: new PasswordCheck() },
      sessionStreams: new SessionStreams({ db, now, logger: silent }),
      gate: new FairGate({ concurrency: 1_000, maxQueuedPerClient: 1_000 }),
    };
    built.set(db, base);
  }
  return { ...base, ...overrides };
}

/** A procedure call's context over a test's database: `db` and whatever the test sets. */
export function testContext(options: Partial<Context> & { db: Db }): Context {
  const { db, user, sessionTokenHash, sessionCookie, client, ...services } = options;
  return createContext(testServices(db, services), {
    ...(user === undefined ? {} : { user }),
    ...(sessionTokenHash === undefined ? {} : { sessionTokenHash }),
    ...(sessionCookie === undefined ? {} : { sessionCookie }),
    ...(client === undefined ? {} : { client }),
  });
}

/** The HTTP app over a test's database, with the app router and the test services. */
export function testApp(
  options: Partial<Omit<AppOptions, 'services' | 'router'>> &
    Partial<Omit<Services, 'db'>> & { db: Db },
): ReturnType<typeof createApp> {
  const {
    db,
    logger = silent,
    cookieSecure = false,
    publishFixes = () => Promise.reject(new Error('this test ingests no fixes')),
    ingestStoreWithinMs,
    webDir,
    metricsToken,
    allowedOrigins,
    tileOrigin,
    baseMapOrigins,
    ...services
  } = options;
  return createApp({
    services: testServices(db, services),
    router: appRouter,
    logger,
    cookieSecure,
    publishFixes,
    ...(ingestStoreWithinMs === undefined ? {} : { ingestStoreWithinMs }),
    webDir,
    metricsToken,
    ...(allowedOrigins === undefined ? {} : { allowedOrigins }),
    ...(tileOrigin === undefined ? {} : { tileOrigin }),
    ...(baseMapOrigins === undefined ? {} : { baseMapOrigins }),
  });
}
