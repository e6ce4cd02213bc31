import {
  ByIdInput,
  CreateDriverInput,
  DriverSchema,
  ListDriversInput,
  OkSchema,
  pageOf,
  UpdateDriverInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createDriver,
  deleteDriver,
  getDriver,
  listDrivers,
  updateDriver,
} from '../../domains/vehicles/drivers.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** A company's drivers: its people read them, ADMIN and DISPATCHER manage them; port staff read all. */
export const driversRouter = {
  list: authedProcedure
    .input(ListDriversInput)
    .output(pageOf(DriverSchema))
    .query(({ ctx, input }) => listDrivers(ctx, ctx.user, input)),
  get: authedProcedure
    .input(ByIdInput)
    .output(DriverSchema)
    .query(({ ctx, input }) => getDriver(ctx, ctx.user, input.id)),
  create: roleProcedure('ADMIN', 'DISPATCHER')
    .input(CreateDriverInput)
    .output(DriverSchema)
    .mutation(({ ctx, input }) => createDriver(ctx, ctx.user, input)),
  update: roleProcedure('ADMIN', 'DISPATCHER')
    .input(UpdateDriverInput)
    .output(DriverSchema)
    .mutation(({ ctx, input }) => updateDriver(ctx, ctx.user, input)),
  delete: roleProcedure('ADMIN', 'DISPATCHER')
    .input(ByIdInput)
    .output(OkSchema)
    .mutation(({ ctx, input }) => deleteDriver(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
