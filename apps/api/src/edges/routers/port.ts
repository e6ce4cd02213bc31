import {
  BerthSchema,
  LandInput,
  LandSchema,
  ListBerthsInput,
  ListZonesInput,
  TerminalSchema,
  ZoneSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { landIn } from '../../domains/port/land.ts';
import { listBerths, listTerminals, listZones } from '../../domains/port/service.ts';
import { authedProcedure } from '../trpc/init.ts';

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

  /** Coastlines for the map's offline base layer (Natural Earth land, clipped to the area). */
  land: authedProcedure
    .input(LandInput)
    .output(LandSchema)
    .query(({ input }) => landIn(input.bbox)),
} satisfies TRPCRouterRecord;
