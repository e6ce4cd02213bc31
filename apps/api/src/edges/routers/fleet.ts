import {
  ByIdInput,
  CreateDriverInput,
  CreateShiftInput,
  DeviceSchema,
  DriverSchema,
  ListDevicesInput,
  ListDriversInput,
  ListShiftsInput,
  pageOf,
  ResetDeviceBindingInput,
  ResetDeviceBindingOutput,
  ShiftSchema,
  UpdateDriverInput,
  UpdateShiftInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { HarborError } from '../../core/errors.ts';
import { listDevices, resetDeviceBinding } from '../../domains/vehicles/devices.ts';
import {
  createDriver,
  deleteDriver,
  getDriver,
  listDrivers,
  updateDriver,
} from '../../domains/vehicles/drivers.ts';
import {
  createShift,
  deleteShift,
  listShifts,
  updateShift,
} from '../../domains/vehicles/shifts.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

const Ok = z.object({ ok: z.literal(true) });

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
    .output(Ok)
    .mutation(({ ctx, input }) => deleteDriver(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;

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
    .output(Ok)
    .mutation(({ ctx, input }) => deleteShift(ctx, ctx.user, input.id)),
} satisfies TRPCRouterRecord;

/**
 * Trucks' JT/T 808 terminals and their bindings: ADMINs of the owning company, and port
 * authority ADMINs for every fleet, see them and reset a binding (a replaced or stolen
 * terminal); another company's device is NOT_FOUND.
 */
export const devicesRouter = {
  list: roleProcedure('ADMIN')
    .input(ListDevicesInput)
    .output(pageOf(DeviceSchema))
    .query(({ ctx, input }) => listDevices(ctx, ctx.user, input)),
  resetBinding: roleProcedure('ADMIN')
    .input(ResetDeviceBindingInput)
    .output(ResetDeviceBindingOutput)
    .mutation(async ({ ctx, input }) => {
      const reset = await resetDeviceBinding(ctx, ctx.user, input.id);
      if (!reset) throw new HarborError('not-found', 'device.not-found', 'no such device');
      return reset;
    }),
} satisfies TRPCRouterRecord;
