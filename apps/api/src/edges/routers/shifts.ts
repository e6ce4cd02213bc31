import {
  ByIdInput,
  CreateShiftInput,
  ListShiftsInput,
  OkSchema,
  pageOf,
  ShiftSchema,
  UpdateShiftInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createShift,
  deleteShift,
  listShifts,
  updateShift,
} from '../../domains/vehicles/shifts.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/** Drivers' shifts, which decide when a truck is on duty; no overlaps per driver or vehicle. */
export const shiftsRouter = {
  list: authedProcedure
    .input(ListShiftsInput)
    .output(pageOf(ShiftSchema))
    .query(({ ctx, input }) => listShifts(ctx, ctx.user, input)),
  create: roleProcedure('ADMIN', 'DISPATCHER')
    .input(CreateShiftInput)
    .output(ShiftSchema)
    .mutation(({ ctx, input }) => createShift(ctx, ctx.user, input)),
  update: roleProcedure('ADMIN', 'DISPATCHER')
    .input(UpdateShiftInput)
    .output(ShiftSchema)
    .mutation(({ ctx, input }) => updateShift(ctx, ctx.user, input)),
  delete: roleProcedure('ADMIN', 'DISPATCHER')
    .input(ByIdInput)
    .output(OkSchema)
    .mutation(({ ctx, input }) => deleteShift(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;
