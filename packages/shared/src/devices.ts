import { z } from 'zod';
import { IdSchema, IsoDateTime, PageInput } from './common.ts';

/**
 * A truck's JT/T 808 terminal (a Device) as admins see it: the phone and the terminal it is
 * bound to. The auth code is never part of it, nor its hash.
 */
export const DeviceSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  vehicle: z.object({ id: IdSchema, plate: z.string() }).nullable(),
  /** The phone number of the message header (12 digits in 2013, 20 in 2019). */
  terminalPhone: z.string(),
  /** The terminal id (0x0100 body) the phone is bound to; null when not bound. */
  boundTerminalId: z.string().nullable(),
  manufacturerId: z.string().nullable(),
  terminalModel: z.string().nullable(),
  protocolVersion: z.enum(['V2013', 'V2019']).nullable(),
  /**
   * True for a new terminal and after a reset: the next registration binds the phone. False
   * once bound: only the bound terminal id may register again.
   */
  isRegistrationOpen: z.boolean(),
  registeredAt: IsoDateTime.nullable(),
  lastSeenAt: IsoDateTime.nullable(),
  bindingResetAt: IsoDateTime.nullable(),
  /** Connected and authenticated on the gateway of the process that answered. */
  isOnline: z.boolean(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const ListDevicesInput = PageInput.extend({
  /** Part of the terminal phone or of the truck's plate. */
  search: z.string().trim().max(50).optional(),
  organizationId: IdSchema.optional(),
});
export type ListDevicesInput = z.infer<typeof ListDevicesInput>;

export const ResetDeviceBindingInput = z.object({ id: IdSchema });
export type ResetDeviceBindingInput = z.infer<typeof ResetDeviceBindingInput>;

export const ResetDeviceBindingOutput = z.object({
  device: DeviceSchema,
  /** Whether a live connection of the terminal was closed on this process's gateway. */
  wasDisconnected: z.boolean(),
});
export type ResetDeviceBindingOutput = z.infer<typeof ResetDeviceBindingOutput>;
