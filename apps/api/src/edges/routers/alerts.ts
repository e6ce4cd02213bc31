import {
  type Alert,
  AlertSchema,
  ByIdInput,
  IdSchema,
  ListAlertsInput,
  pageOf,
} from '@harbor/shared';
import { type TRPCRouterRecord, tracked } from '@trpc/server';
import { z } from 'zod';
import { acknowledgeAlert, alertScope, listAlerts, toAlert } from '../../domains/alerts/service.ts';
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

  acknowledge: roleProcedure('ADMIN', 'PORT_OPERATOR', 'DISPATCHER')
    .input(ByIdInput)
    .output(AlertSchema)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx, ctx.user, input.id, ctx.now())),

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
        for (const row of missed) {
          sent.add(row.id);
          yield tracked(row.id, toAlert(row));
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
