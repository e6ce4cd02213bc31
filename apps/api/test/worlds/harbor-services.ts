import type { Db } from '@harbor/db';
import type { Alert, DispatchJobChange, Fix, SessionUser } from '@harbor/shared';
import { describeAlert } from '../../src/domains/alerts/describe.ts';
import { eventInclude, jobInclude, toJob, toJobEvent } from '../../src/domains/dispatch/jobs.ts';
import { type Context, createContext, type Services } from '../../src/edges/trpc/context.ts';
import { testServices } from '../services.ts';

/**
 * A running Harbor's services around a test database (test/services.ts), with the tracker's
 * latest positions loaded from it, and what a table of calls needs of them written once:
 * the context of a call (contextFor) and the live side (liveSide).
 */
export async function startHarborServices(db: Db, now: () => Date): Promise<Services> {
  const services = testServices(db, { now });
  await services.latestPositions.load();
  return services;
}

/** The one place a call's context is made, for `user` (null: nobody logged in). */
export function contextFor(services: Services, user: SessionUser | null): Context {
  return createContext(services, { user });
}

export type LiveSide = ReturnType<typeof liveSide>;

/**
 * The live side, and the only code here that touches the hubs: what the tracker does with
 * committed fixes (the cache finds each truck's owner, the hub fans out what moved), alerts
 * and job changes published as their services publish them, and how many subscriptions
 * listen to each hub.
 */
export function liveSide(services: Services) {
  const { latestPositions, live, jobChanges } = services;
  return {
    async publish(events: { fixes?: Fix[]; alerts?: Alert[]; jobChanges?: DispatchJobChange[] }) {
      if (events.fixes) live.positions.publish(await latestPositions.apply(events.fixes));
      for (const alert of events.alerts ?? []) live.alerts.publish(alert);
      for (const change of events.jobChanges ?? []) jobChanges.publish(change);
    },
    listeners: () => ({
      positions: live.subscribers.positions,
      alerts: live.subscribers.alerts,
      jobs: jobChanges.subscribers,
    }),
  };
}

/** A stored alert as the alert service streams it. */
export async function streamedAlert(db: Db, id: string): Promise<Alert> {
  return describeAlert(db.prisma, await db.prisma.alert.findUniqueOrThrow({ where: { id } }));
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
