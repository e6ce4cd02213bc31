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
import { userContainerVisibility } from '../../domains/containers/visibility.ts';
import {
  findFreeSlots,
  getYardBlock,
  listYardBlocks,
  yardOccupancy,
} from '../../domains/yard/service.ts';
import { authedProcedure } from '../trpc/init.ts';

/**
 * The yard's layout and occupancy are port data every logged-in user may read; the numbers
 * in a block's grid follow the containers' sharing rule (containers/visibility.ts).
 */
export const yardRouter = {
  blocks: authedProcedure
    .input(YardBlocksInput)
    .output(z.array(YardBlockSummarySchema))
    .query(({ ctx, input }) => listYardBlocks(ctx, input.terminalId)),

  block: authedProcedure
    .input(YardBlockInput)
    .output(YardBlockGridSchema)
    .query(async ({ ctx, input }) =>
      getYardBlock(ctx, await userContainerVisibility(ctx, ctx.user), input.yardBlockId),
    ),

  freeSlots: authedProcedure
    .input(FreeSlotsInput)
    .output(z.array(FreeSlotSchema))
    .query(({ ctx, input }) => findFreeSlots(ctx, input)),

  occupancy: authedProcedure
    .input(YardOccupancyInput)
    .output(YardOccupancySchema)
    .query(({ ctx, input }) => yardOccupancy(ctx, input.terminalId)),
} satisfies TRPCRouterRecord;
