import { rethrowPrismaError } from '../../core/prisma-errors.ts';

/**
 * Unlike a plate or a VIN, a terminal phone number stays unique over Harbor: the JT/T 808
 * gateway knows a terminal by the phone in its message header alone (JT/T 808-2019 §4.4.3),
 * before it knows any organization. So a phone another organization holds cannot be
 * registered again, and the refusal must not say whose it is: every unavailable phone gets
 * this one answer, the caller's own organization's included.
 */
export const TERMINAL_PHONE_UNAVAILABLE = 'this terminal phone number is not available';

/**
 * For every write of `Device.terminalPhone` from a procedure: a duplicate becomes the one
 * CONFLICT above. Check the other unique key, `Device.vehicleId` (a vehicle of the caller's
 * own has a terminal already), before the write, so only a phone can collide here.
 */
export function rethrowTerminalPhoneConflict(error: unknown): never {
  rethrowPrismaError(error, {
    conflict: { code: 'device.phone-unavailable', message: TERMINAL_PHONE_UNAVAILABLE },
  });
}
