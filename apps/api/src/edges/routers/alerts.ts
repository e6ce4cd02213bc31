import {
  AcknowledgeAlertsInput,
  AcknowledgeAlertsResult,
  type Alert,
  AlertSchema,
  IdSchema,
  ListAlertsInput,
  MarkAlertsSeenInput,
  OkSchema,
  pageOf,
  UnreadAlertsSchema,
} from '@harbor/shared';
import { type TRPCRouterRecord, tracked } from '@trpc/server';
import { z } from 'zod';
import { describeAlerts } from '../../domains/alerts/describe.ts';
import {
  acknowledgeAlerts,
  alertScope,
  countUnreadAlerts,
  listAlerts,
  markAlertsSeen,
} from '../../domains/alerts/service.ts';
import { canSee } from '../../domains/auth/scope.ts';
import { authedProcedure, roleProcedure, sessionStreamProcedure } from '../trpc/init.ts';

const LiveAlertsInput = z
  .object({
    /** The last alert id this client saw: alerts raised after it are sent first. */
    lastEventId: IdSchema.nullish(),
    organizationId: IdSchema.optional(),
  })
  .optional();

/** Alerts: read by everyone in scope, acknowledged by anyone who works (not viewers). */
export const alertsRouter = {
  list: authedProcedure
    .input(ListAlertsInput)
    .output(pageOf(AlertSchema))
    .query(({ ctx, input }) => listAlerts(ctx, ctx.user, input)),

  /** Several alerts at once (up to 500), with an optional comment on each. */
  acknowledge: roleProcedure('ADMIN', 'PORT_OPERATOR', 'DISPATCHER')
    .input(AcknowledgeAlertsInput)
    .output(AcknowledgeAlertsResult)
    .mutation(({ ctx, input }) => acknowledgeAlerts(ctx, ctx.user, input, ctx.now())),

  /** The navigation's badge: open alerts raised since the user last opened the alerts. */
  unreadCount: authedProcedure
    .output(UnreadAlertsSchema)
    .query(({ ctx }) => countUnreadAlerts(ctx, ctx.user)),

  /** The alerts screen showed the alerts raised until `upTo` (or until now): those are read. */
  markSeen: authedProcedure
    .input(MarkAlertsSeenInput)
    .output(OkSchema)
    .mutation(({ ctx, input }) =>
      markAlertsSeen(ctx, ctx.user, ctx.now(), input?.upTo ? new Date(input.upTo) : undefined),
    ),

  /**
   * New and newly acknowledged alerts as they happen, over SSE. Each event carries the
   * alert's id, so a reconnecting client (EventSource's Last-Event-ID) first gets what it
   * missed.
   */
  live: sessionStreamProcedure.input(LiveAlertsInput).subscription(async function* ({
    ctx,
    input,
  }) {
    const live = ctx.live;
    const user = ctx.user;
    const visible = (alert: Alert) =>
      canSee(user, alert.organizationId) &&
      (!input?.organizationId || alert.organizationId === input.organizationId);
    // Listen first, then read what was missed, so nothing falls between the two.
    const stream = live.alerts.listen(ctx.streamSignal, { accept: visible });
    const sent = new Set<string>();
    if (input?.lastEventId) {
      const last = await ctx.db.prisma.alert.findUnique({ where: { id: input.lastEventId } });
      if (last) {
        const missed = await ctx.db.prisma.alert.findMany({
          where: {
            ...alertScope(user, input.organizationId),
            raisedAt: { gt: last.raisedAt },
          },
          orderBy: { raisedAt: 'asc' },
          take: 1_000,
        });
        for (const alert of await describeAlerts(ctx.db.prisma, missed)) {
          sent.add(alert.id);
          yield tracked(alert.id, alert);
        }
      }
    }
    for await (const alert of stream) {
      // An alert replayed above and also heard live goes out once; an acknowledgement always does.
      if (sent.delete(alert.id) && alert.acknowledgedAt === null) continue;
      yield tracked(alert.id, alert);
    }
  }),
} satisfies TRPCRouterRecord;
