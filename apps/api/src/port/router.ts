import {
  BerthSchema,
  ListBerthsInput,
  ListZonesInput,
  TerminalSchema,
  ZoneSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure } from '../trpc/init.ts';
import { listBerths, listTerminals, listZones } from './service.ts';

/** Port geography the web's map draws: port data, read by every logged-in user. */
export const portRouter = {
  terminals: authedProcedure.output(z.array(TerminalSchema)).query(({ ctx }) => listTerminals(ctx)),

  berths: authedProcedure
    .input(ListBerthsInput)
    .output(z.array(BerthSchema))
    .query(({ ctx, input }) => listBerths(ctx, input)),

  zones: authedProcedure
    .input(ListZonesInput)
    .output(z.array(ZoneSchema))
    .query(({ ctx, input }) => listZones(ctx, input)),
} satisfies TRPCRouterRecord;
