import {
  CreateDeviceInput,
  CreateDriverInput,
  CreateShiftInput,
  CreateVehicleInput,
  type Driver,
  type Shift,
  UpdateDeviceInput,
  UpdateDriverInput,
  UpdateShiftInput,
  UpdateVehicleInput,
  type Vehicle,
  type VehicleStatus,
  VehicleStatusSchema,
} from '@harbor/shared';
import type { z } from 'zod';
import { fromLocalInput, toLocalInput } from '../dispatch/format.ts';

/**
 * The fleet's forms as typed (every field a string, '' when empty), checked with the same
 * contracts the api parses them with, so a field is marked before the call and the api's
 * refusal of a field (`fieldErrors`) lands on the same field. Each field has one translated
 * message (`fleet:invalid.<field>`), whatever the contract's English wording.
 */
export type Checked<Input> =
  | { ok: true; input: Input }
  | { ok: false; invalid: Record<string, string> };

/** The field of each issue, with its message key (`invalid.plate`); the first issue wins. */
function invalidFields(error: z.ZodError): Record<string, string> {
  const invalid: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in invalid)) invalid[field] = `invalid.${field}`;
  }
  return invalid;
}

function check<S extends z.ZodType>(schema: S, raw: unknown): Checked<z.input<S>> {
  const parsed = schema.safeParse(raw);
  // The raw value goes to the api, which parses (trims, upper-cases) it the same way.
  return parsed.success
    ? { ok: true, input: raw as z.input<S> }
    : { ok: false, invalid: invalidFields(parsed.error) };
}

/** The api's field errors, each as its field's one translated message. */
export function invalidFromApi(fieldErrors: Record<string, string[]>): Record<string, string> {
  const invalid: Record<string, string> = {};
  for (const key of Object.keys(fieldErrors)) {
    const field = key.split('.')[0] ?? '';
    if (field) invalid[field] = `invalid.${field}`;
  }
  return invalid;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const clearable = (value: string) => (value.trim() === '' ? null : value.trim());

/** What a dispatcher sets by hand: AVAILABLE lets Harbor decide from shifts and jobs. */
export const MANUAL_STATUSES = VehicleStatusSchema.options.filter((status) => status !== 'ON_JOB');

export type VehicleForm = {
  plate: string;
  vin: string;
  model: string;
  modelZh: string;
  status: VehicleStatus;
};

export function vehicleForm(vehicle: Vehicle | null): VehicleForm {
  return {
    plate: vehicle?.plate ?? '',
    vin: vehicle?.vin ?? '',
    model: vehicle?.model ?? '',
    modelZh: vehicle?.modelZh ?? '',
    status: vehicle?.manualStatus ?? 'AVAILABLE',
  };
}

export function checkNewVehicle(form: VehicleForm): Checked<z.input<typeof CreateVehicleInput>> {
  return check(CreateVehicleInput, {
    plate: form.plate,
    vin: optional(form.vin),
    model: form.model,
    modelZh: form.modelZh,
    status: form.status,
  });
}

/** An edit sends every field: an emptied VIN or model clears it. */
export function checkVehicleEdit(
  id: string,
  form: VehicleForm,
): Checked<z.input<typeof UpdateVehicleInput>> {
  return check(UpdateVehicleInput, {
    id,
    plate: form.plate,
    vin: clearable(form.vin),
    model: form.model,
    modelZh: form.modelZh,
    status: form.status,
  });
}

export type DriverForm = {
  name: string;
  phone: string;
  licenseNumber: string;
  currentVehicleId: string;
};

export function driverForm(driver: Driver | null): DriverForm {
  return {
    name: driver?.name ?? '',
    phone: driver?.phone ?? '',
    licenseNumber: driver?.licenseNumber ?? '',
    currentVehicleId: driver?.currentVehicle?.id ?? '',
  };
}

export function checkNewDriver(form: DriverForm): Checked<z.input<typeof CreateDriverInput>> {
  return check(CreateDriverInput, {
    name: form.name,
    phone: optional(form.phone),
    licenseNumber: optional(form.licenseNumber),
    currentVehicleId: optional(form.currentVehicleId),
  });
}

export function checkDriverEdit(
  id: string,
  form: DriverForm,
): Checked<z.input<typeof UpdateDriverInput>> {
  return check(UpdateDriverInput, {
    id,
    name: form.name,
    phone: clearable(form.phone),
    licenseNumber: clearable(form.licenseNumber),
    currentVehicleId: clearable(form.currentVehicleId),
  });
}

export type TerminalForm = { terminalPhone: string; vehicleId: string };

export function checkNewTerminal(form: TerminalForm): Checked<z.input<typeof CreateDeviceInput>> {
  return check(CreateDeviceInput, {
    terminalPhone: form.terminalPhone,
    vehicleId: optional(form.vehicleId),
  });
}

export function checkTerminalEdit(
  id: string,
  form: TerminalForm,
): Checked<z.input<typeof UpdateDeviceInput>> {
  return check(UpdateDeviceInput, { id, vehicleId: clearable(form.vehicleId) });
}

/** Start and end as `datetime-local` values, in the browser's time zone like every time shown. */
export type ShiftForm = { driverId: string; vehicleId: string; startsAt: string; endsAt: string };

/** A new shift on `day` (`2026-11-25`): 08:00 to 16:00 there; an existing one as it is. */
export function shiftForm(shift: Shift | null, day: string): ShiftForm {
  if (shift)
    return {
      driverId: shift.driver.id,
      vehicleId: shift.vehicle?.id ?? '',
      startsAt: toLocalInput(new Date(shift.startsAt)),
      endsAt: toLocalInput(new Date(shift.endsAt)),
    };
  return { driverId: '', vehicleId: '', startsAt: `${day}T08:00`, endsAt: `${day}T16:00` };
}

/** The end's message says which rule it breaks: before the start, or longer than a day. */
function shiftTimes(form: ShiftForm, invalid: Record<string, string>) {
  const startsAt = fromLocalInput(form.startsAt);
  const endsAt = fromLocalInput(form.endsAt);
  if (!startsAt) invalid.startsAt = 'invalid.startsAt';
  if (!endsAt) invalid.endsAt = 'invalid.endsAt';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    invalid.endsAt = 'invalid.endsBeforeStart';
  else if (startsAt && Date.parse(endsAt) - Date.parse(startsAt) > 24 * 3_600_000)
    invalid.endsAt = 'invalid.tooLong';
  return { startsAt, endsAt };
}

export function checkNewShift(form: ShiftForm): Checked<z.input<typeof CreateShiftInput>> {
  const invalid: Record<string, string> = {};
  if (!form.driverId) invalid.driverId = 'invalid.driverId';
  const { startsAt, endsAt } = shiftTimes(form, invalid);
  if (Object.keys(invalid).length > 0) return { ok: false, invalid };
  return check(CreateShiftInput, {
    driverId: form.driverId,
    vehicleId: optional(form.vehicleId),
    startsAt,
    endsAt,
  });
}

export function checkShiftEdit(
  id: string,
  form: ShiftForm,
): Checked<z.input<typeof UpdateShiftInput>> {
  const invalid: Record<string, string> = {};
  const { startsAt, endsAt } = shiftTimes(form, invalid);
  if (Object.keys(invalid).length > 0) return { ok: false, invalid };
  return check(UpdateShiftInput, { id, vehicleId: clearable(form.vehicleId), startsAt, endsAt });
}

/** The local day `2026-11-25` as the instants it runs between, in the browser's time zone. */
export function dayRange(day: string): { from: string; to: string } {
  const start = new Date(`${day}T00:00`);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Today in the browser's time zone, as a `date` input's value. */
export function localDay(at: Date): string {
  return toLocalInput(at).slice(0, 10);
}

/** The model in the user's language: the Chinese form in zh-CN where there is one. */
export function localModel(vehicle: Pick<Vehicle, 'model' | 'modelZh'>, language: string) {
  return (language === 'zh-CN' && vehicle.modelZh ? vehicle.modelZh : vehicle.model) ?? '';
}

/**
 * When Harbor last heard from a terminal: the later of its last authentication and its latest
 * position report (the device row records only the authentication).
 */
export function lastHeardAt(device: { lastSeenAt: string | null; lastFixAt: string | null }) {
  const { lastSeenAt, lastFixAt } = device;
  if (!lastSeenAt || !lastFixAt) return lastSeenAt ?? lastFixAt;
  return Date.parse(lastFixAt) > Date.parse(lastSeenAt) ? lastFixAt : lastSeenAt;
}
