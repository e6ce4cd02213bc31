import {
  ByIdInput,
  CreateVehicleInput,
  ListTerminalCommandsInput,
  ListTerminalMediaInput,
  ListVehiclesInput,
  pageOf,
  SendTerminalCommandInput,
  TerminalCommandSchema,
  TerminalMediaSchema,
  UpdateVehicleInput,
  VehicleSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  listTerminalCommands,
  sendTerminalCommand,
} from '../../domains/vehicles/command-service.ts';
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

  /**
   * A command to its terminal now (JT/T 808): its position, its reporting parameters read or
   * set, a photo, a restart (admins). Refused when the terminal is not connected.
   */
  sendCommand: roleProcedure('ADMIN', 'DISPATCHER')
    .input(SendTerminalCommandInput)
    .output(TerminalCommandSchema)
    .mutation(({ ctx, input }) => sendTerminalCommand(ctx, ctx.user, input)),

  /** Its commands, newest first, with the terminal's answers. */
  commands: authedProcedure
    .input(ListTerminalCommandsInput)
    .output(pageOf(TerminalCommandSchema))
    .query(({ ctx, input }) => listTerminalCommands(ctx, ctx.user, input)),

  create: roleProcedure('ADMIN', 'DISPATCHER')
    .input(CreateVehicleInput)
    .output(VehicleSchema)
    .mutation(({ ctx, input }) => createVehicle(ctx, ctx.user, input)),

  update: roleProcedure('ADMIN', 'DISPATCHER')
    .input(UpdateVehicleInput)
    .output(VehicleSchema)
    .mutation(({ ctx, input }) => updateVehicle(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
