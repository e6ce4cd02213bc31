import {
  ByIdInput,
  CreateVehicleInput,
  ListTerminalMediaInput,
  ListVehiclesInput,
  pageOf,
  TerminalMediaSchema,
  UpdateVehicleInput,
  VehicleSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { listTerminalMedia } from '../../domains/vehicles/media.ts';
import {
  createVehicle,
  getVehicle,
  listVehicles,
  updateVehicle,
} from '../../domains/vehicles/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Vehicles belong to a company: its people see and (ADMIN, DISPATCHER) manage them; port staff see all. */
export const vehiclesRouter = {
  list: authedProcedure
    .input(ListVehiclesInput)
    .output(pageOf(VehicleSchema))
    .query(({ ctx, input }) => listVehicles(ctx, ctx.user, input)),

  get: authedProcedure
    .input(ByIdInput)
    .output(VehicleSchema)
    .query(({ ctx, input }) => getVehicle(ctx, ctx.user, input.id)),

  /** Photos and recordings its terminal uploaded (JT/T 808 0x0801), newest first. */
  media: authedProcedure
    .input(ListTerminalMediaInput)
    .output(pageOf(TerminalMediaSchema))
    .query(({ ctx, input }) => listTerminalMedia(ctx, ctx.user, input)),

  create: roleProcedure('ADMIN', 'DISPATCHER')
    .input(CreateVehicleInput)
    .output(VehicleSchema)
    .mutation(({ ctx, input }) => createVehicle(ctx, ctx.user, input)),

  update: roleProcedure('ADMIN', 'DISPATCHER')
    .input(UpdateVehicleInput)
    .output(VehicleSchema)
    .mutation(({ ctx, input }) => updateVehicle(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
