import {
  ContainerSummarySchema,
  ContainerViewSchema,
  GetContainerInput,
  OverDwellInput,
  pageOf,
  RecordEquipmentEventInput,
  RecordEventResultSchema,
  SearchContainersInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { eventWriterTerminals } from '../../domains/containers/event-writers.ts';
import { recordEquipmentEventInTransaction } from '../../domains/containers/events.ts';
import {
  getContainerView,
  overDwellContainers,
  searchContainers,
} from '../../domains/containers/service.ts';
import { userContainerVisibility } from '../../domains/containers/visibility.ts';
import { authedProcedure } from '../trpc/init.ts';

/**
 * Containers as the port authority shares them (visibility.ts): port staff see all; another
 * organization lists and searches the ones it handles and gets any other one's current status
 * by its exact number. Operators record events (event-writers.ts).
 */
export const containersRouter = {
  get: authedProcedure
    .input(GetContainerInput)
    .output(ContainerViewSchema)
    .query(async ({ ctx, input }) =>
      getContainerView(ctx, await userContainerVisibility(ctx, ctx.user), input.number),
    ),

  recordEvent: authedProcedure
    .input(RecordEquipmentEventInput)
    .output(RecordEventResultSchema)
    .mutation(async ({ ctx, input }) => {
      const terminalIds = await eventWriterTerminals(ctx, ctx.user);
      return recordEquipmentEventInTransaction(
        ctx.db,
        input,
        { recordedById: ctx.user.id, terminalIds },
        { now: ctx.now() },
      );
    }),

  search: authedProcedure
    .input(SearchContainersInput)
    .output(pageOf(ContainerSummarySchema))
    .query(async ({ ctx, input }) =>
      searchContainers(ctx, await userContainerVisibility(ctx, ctx.user), input),
    ),

  overDwell: authedProcedure
    .input(OverDwellInput)
    .output(z.array(ContainerSummarySchema))
    .query(async ({ ctx, input }) =>
      overDwellContainers(ctx, await userContainerVisibility(ctx, ctx.user), input),
    ),
} satisfies TRPCRouterRecord;
