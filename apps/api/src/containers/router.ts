import {
  ContainerSchema,
  ContainerSummarySchema,
  GetContainerInput,
  OverDwellInput,
  pageOf,
  RecordEquipmentEventInput,
  RecordEventResultSchema,
  SearchContainersInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure } from '../trpc/init.ts';
import { eventWriterTerminals } from './event-writers.ts';
import { recordEquipmentEventInTransaction } from './events.ts';
import { getContainerByNumber, overDwellContainers, searchContainers } from './service.ts';

/** Containers are port data every logged-in user may look up; operators record their events. */
export const containersRouter = {
  get: authedProcedure
    .input(GetContainerInput)
    .output(ContainerSchema)
    .query(({ ctx, input }) => getContainerByNumber(ctx, input.number)),

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
    .query(({ ctx, input }) => searchContainers(ctx, input)),

  overDwell: authedProcedure
    .input(OverDwellInput)
    .output(z.array(ContainerSummarySchema))
    .query(({ ctx, input }) => overDwellContainers(ctx, input)),
} satisfies TRPCRouterRecord;
