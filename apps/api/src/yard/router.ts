import {
  FreeSlotSchema,
  FreeSlotsInput,
  YardBlockGridSchema,
  YardBlockInput,
  YardBlockSummarySchema,
  YardBlocksInput,
  YardOccupancyInput,
  YardOccupancySchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure } from '../trpc/init.ts';
import { findFreeSlots, getYardBlock, listYardBlocks, yardOccupancy } from './service.ts';

/** The container yard is port data: every logged-in user may read it. */
export const yardRouter = {
  blocks: authedProcedure
    .input(YardBlocksInput)
    .output(z.array(YardBlockSummarySchema))
    .query(({ ctx, input }) => listYardBlocks(ctx, input.terminalId)),

  block: authedProcedure
    .input(YardBlockInput)
    .output(YardBlockGridSchema)
    .query(({ ctx, input }) => getYardBlock(ctx, input.yardBlockId)),

  freeSlots: authedProcedure
    .input(FreeSlotsInput)
    .output(z.array(FreeSlotSchema))
    .query(({ ctx, input }) => findFreeSlots(ctx, input)),

  occupancy: authedProcedure
    .input(YardOccupancyInput)
    .output(YardOccupancySchema)
    .query(({ ctx, input }) => yardOccupancy(ctx, input.terminalId)),
} satisfies TRPCRouterRecord;
