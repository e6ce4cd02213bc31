import {
  CreateDeviceInput,
  DeviceSchema,
  ListDevicesInput,
  pageOf,
  ResetDeviceBindingInput,
  ResetDeviceBindingOutput,
  UpdateDeviceInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { HarborError } from '../../core/errors.ts';
import {
  createDevice,
  listDevices,
  resetDeviceBinding,
  updateDevice,
} from '../../domains/vehicles/devices.ts';
import { roleProcedure } from '../trpc/init.ts';

/**
 * Trucks' JT/T 808 terminals and their bindings: ADMINs of the owning company, and port
 * authority ADMINs for every fleet, see them, add one (open to its first registration), fit
 * it to a truck and reset a binding (a replaced or stolen terminal); another company's
 * device is NOT_FOUND.
 */
export const devicesRouter = {
  list: roleProcedure('ADMIN')
    .input(ListDevicesInput)
    .output(pageOf(DeviceSchema))
    .query(({ ctx, input }) => listDevices(ctx, ctx.user, input)),
  create: roleProcedure('ADMIN')
    .input(CreateDeviceInput)
    .output(DeviceSchema)
    .mutation(({ ctx, input }) => createDevice(ctx, ctx.user, input)),
  update: roleProcedure('ADMIN')
    .input(UpdateDeviceInput)
    .output(DeviceSchema)
    .mutation(({ ctx, input }) => updateDevice(ctx, ctx.user, input)),
  resetBinding: roleProcedure('ADMIN')
    .input(ResetDeviceBindingInput)
    .output(ResetDeviceBindingOutput)
    .mutation(async ({ ctx, input }) => {
      const reset = await resetDeviceBinding(ctx, ctx.user, input.id);
      if (!reset) throw new HarborError('not-found', 'device.not-found', 'no such device');
      return reset;
    }),
} satisfies TRPCRouterRecord;
