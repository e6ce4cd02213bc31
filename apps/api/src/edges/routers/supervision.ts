import {
  AnswerInspectionInput,
  ListSupervisionRequestsInput,
  SaveSupervisionLinkInput,
  ShareVehiclesInput,
  SupervisionLinkSchema,
  SupervisionRequestSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  answerInspection,
  saveSupervisionLink,
  shareVehicles,
  supervisionLink,
  supervisionRequests,
} from '../../domains/supervision/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/**
 * The company's JT/T 809 link to its road-transport supervision platform: its settings and
 * status, the vehicles it reports, and what the platform sent (inspections to answer).
 */
export const supervisionRouter = {
  link: authedProcedure
    .output(SupervisionLinkSchema.nullable())
    .query(({ ctx }) => supervisionLink(ctx, ctx.user)),

  save: roleProcedure('ADMIN')
    .input(SaveSupervisionLinkInput)
    .output(SupervisionLinkSchema)
    .mutation(({ ctx, input }) => saveSupervisionLink(ctx, ctx.user, input)),

  share: roleProcedure('ADMIN')
    .input(ShareVehiclesInput)
    .output(SupervisionLinkSchema)
    .mutation(({ ctx, input }) => shareVehicles(ctx, ctx.user, input)),

  requests: authedProcedure
    .input(ListSupervisionRequestsInput)
    .output(z.array(SupervisionRequestSchema))
    .query(({ ctx, input }) => supervisionRequests(ctx, ctx.user, input)),

  answer: roleProcedure('ADMIN', 'DISPATCHER')
    .input(AnswerInspectionInput)
    .output(SupervisionRequestSchema)
    .mutation(({ ctx, input }) => answerInspection(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
