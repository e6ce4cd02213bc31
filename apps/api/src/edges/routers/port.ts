import {
  BerthSchema,
  ByIdInput,
  CreateZoneInput,
  LandInput,
  LandSchema,
  ListBerthsInput,
  ListZonesInput,
  OkSchema,
  TerminalSchema,
  UpdateZoneInput,
  ZoneSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { landIn } from '../../domains/port/land.ts';
import { listBerths, listTerminals, listZones } from '../../domains/port/service.ts';
import { createZone, deleteZone, updateZone } from '../../domains/port/zones.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Only port authority admins and operators change zones (checked again by the domain). */
const zoneWriter = roleProcedure('ADMIN', 'PORT_OPERATOR');

/**
 * Port geography the web's map draws: port data, read by every logged-in user; zones drawn
 * and changed by port authority staff.
 */
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

  createZone: zoneWriter
    .input(CreateZoneInput)
    .output(ZoneSchema)
    .mutation(({ ctx, input }) => createZone(ctx, ctx.user, input)),

  updateZone: zoneWriter
    .input(UpdateZoneInput)
    .output(ZoneSchema)
    .mutation(({ ctx, input }) => updateZone(ctx, ctx.user, input)),

  deleteZone: zoneWriter
    .input(ByIdInput)
    .output(OkSchema)
    .mutation(({ ctx, input }) => deleteZone(ctx, ctx.user, input.id)),

  /** Coastlines for the map's offline base layer (Natural Earth land, clipped to the area). */
  land: authedProcedure
    .input(LandInput)
    .output(LandSchema)
    .query(({ input }) => landIn(input.bbox)),
} satisfies TRPCRouterRecord;
