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
  /** When the terminal last authenticated (0x0102). */
  lastSeenAt: IsoDateTime.nullable(),
  /** The time of the terminal's latest position report, from the latest-position cache. */
  lastFixAt: IsoDateTime.nullable(),
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

/**
 * The phone number of a JT/T 808 message header: 6 BCD bytes, 12 digits, in 2013; 10 bytes, 20
 * digits, in 2019 (JT/T 808-2019 §4.4.3). Written as the gateway decodes it, leading zeros kept.
 */
export const TerminalPhoneSchema = z
  .string()
  .trim()
  .regex(/^(?:[0-9]{12}|[0-9]{20})$/, 'terminal phone is 12 digits (2013) or 20 digits (2019)');

/**
 * A new terminal, open to its first registration (which binds the phone to the registering
 * terminal id); optionally fitted to one of the organization's vehicles.
 */
export const CreateDeviceInput = z.object({
  /** Defaults to the caller's own organization. */
  organizationId: IdSchema.optional(),
  terminalPhone: TerminalPhoneSchema,
  vehicleId: IdSchema.optional(),
});
export type CreateDeviceInput = z.infer<typeof CreateDeviceInput>;

/** Fits the terminal to another of the organization's vehicles, or (null) to none. */
export const UpdateDeviceInput = z.object({
  id: IdSchema,
  vehicleId: IdSchema.nullable(),
});
export type UpdateDeviceInput = z.infer<typeof UpdateDeviceInput>;

export const ResetDeviceBindingInput = z.object({ id: IdSchema });
export type ResetDeviceBindingInput = z.infer<typeof ResetDeviceBindingInput>;

export const ResetDeviceBindingOutput = z.object({
  device: DeviceSchema,
  /** Whether a live connection of the terminal was closed on this process's gateway. */
  wasDisconnected: z.boolean(),
});
export type ResetDeviceBindingOutput = z.infer<typeof ResetDeviceBindingOutput>;
