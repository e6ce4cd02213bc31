import type { Db } from '@harbor/db';
import type { Alert, DispatchJobChange, Fix, SessionUser } from '@harbor/shared';
import { toAlert } from '../../src/domains/alerts/service.ts';
import { LoginThrottle } from '../../src/domains/auth/login-throttle.ts';
import { PasswordCheck } from '../../src/domains/auth/password-check.ts';
import { DispatchHub } from '../../src/domains/dispatch/hub.ts';
import { eventInclude, jobInclude, toJob, toJobEvent } from '../../src/domains/dispatch/jobs.ts';
import { LatestPositionCache } from '../../src/domains/positions/latest-cache.ts';
import { LiveHub } from '../../src/domains/positions/live-hub.ts';
import { type ContextInner, createContextInner } from '../../src/edges/trpc/context.ts';

/**
 * The services of a running Harbor around a test database: the tracker's latest positions,
 * the live hubs, the login guard. What the context and the hubs look like is written here
 * once (contextFor, liveSide), for tests that call every procedure as a running Harbor
 * would serve it.
 */
export type HarborServices = {
  db: Db;
  now: () => Date;
  live: LiveSide;
  loginGuard: NonNullable<ContextInner['loginGuard']>;
};

export async function startHarborServices(db: Db, now: () => Date): Promise<HarborServices> {
  return {
    db,
    now,
    live: await liveSide(db),
    loginGuard: { throttle: new LoginThrottle(), passwords: new PasswordCheck() },
  };
}

/** The one place a context is made from the services, for `user` (null: nobody logged in). */
export function contextFor(services: HarborServices, user: SessionUser | null): ContextInner {
  return createContextInner({
    db: services.db,
    user,
    now: services.now,
    latestPositions: services.live.latestPositions,
    live: services.live.hub,
    dispatchHub: services.live.dispatchHub,
    loginGuard: services.loginGuard,
  });
}

export type LiveSide = Awaited<ReturnType<typeof liveSide>>;

/**
 * The live side, and the only code here that touches the hubs: what the tracker does with
 * committed fixes (the cache finds each truck's owner, the hub fans out what moved), alerts
 * and job changes published as their services publish them, and how many subscriptions
 * listen to each hub.
 */
async function liveSide(db: Db) {
  const latestPositions = new LatestPositionCache(db);
  await latestPositions.load();
  const hub = new LiveHub();
  const dispatchHub = new DispatchHub();
  return {
    latestPositions,
    hub,
    dispatchHub,
    async publish(events: { fixes?: Fix[]; alerts?: Alert[]; jobChanges?: DispatchJobChange[] }) {
      if (events.fixes) hub.publishPositions(await latestPositions.apply(events.fixes));
      for (const alert of events.alerts ?? []) hub.publishAlert(alert);
      for (const change of events.jobChanges ?? []) dispatchHub.publish(change);
    },
    listeners: () => ({
      positions: hub.subscribers.positions,
      alerts: hub.subscribers.alerts,
      jobs: dispatchHub.subscribers,
    }),
  };
}

/** A stored alert as the alert service streams it. */
export async function streamedAlert(db: Db, id: string): Promise<Alert> {
  return toAlert(await db.prisma.alert.findUniqueOrThrow({ where: { id } }));
}

/** A stored job's change as the dispatch services stream it: the job and its latest event. */
export async function streamedJobChange(db: Db, id: string): Promise<DispatchJobChange> {
  const row = await db.prisma.dispatchJob.findUniqueOrThrow({
    where: { id },
    include: { ...jobInclude, events: { include: eventInclude, orderBy: { at: 'desc' } } },
  });
  const [event] = row.events;
  if (!event) throw new Error(`job ${id} has no events`);
  return { job: toJob(row), event: toJobEvent(event) };
}
