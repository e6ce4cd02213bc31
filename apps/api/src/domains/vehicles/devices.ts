import type { Db, Prisma } from '@harbor/db';
import type {
  CreateDeviceInput,
  Device,
  ListDevicesInput,
  ResetDeviceBindingOutput,
  SessionUser,
  UpdateDeviceInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { organizationScope, targetOrganization } from '../auth/scope.ts';
import type { LatestPositionCache } from '../positions/latest-cache.ts';
import type { TerminalLinks } from './terminal-links.ts';
import { rethrowTerminalPhoneConflict } from './terminal-phone.ts';

type Deps = {
  db: Pick<Db, 'prisma'>;
  now: () => Date;
  /** The JT/T 808 gateways: this process's, when it runs one, and those of the others. */
  terminalLinks: Pick<TerminalLinks, 'isOnline' | 'disconnect'>;
  /** The latest position of each terminal: when it last reported one. */
  latestPositions: Pick<LatestPositionCache, 'get'>;
};

/**
 * What a device row shows: never the auth code hash. A `select`, not the whole row, so a
 * column added later stays out of the api until someone chooses to show it.
 */
const deviceSelect = {
  id: true,
  organizationId: true,
  terminalPhone: true,
  boundTerminalId: true,
  manufacturerId: true,
  terminalModel: true,
  protocolVersion: true,
  isRegistrationOpen: true,
  registeredAt: true,
  lastSeenAt: true,
  bindingResetAt: true,
  vehicle: { select: { id: true, plate: true } },
} satisfies Prisma.DeviceSelect;

type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof deviceSelect }>;

function toDevice(deps: Deps, row: DeviceRow, isOnline: boolean): Device {
  return {
    id: row.id,
    organizationId: row.organizationId,
    vehicle: row.vehicle,
    terminalPhone: row.terminalPhone,
    boundTerminalId: row.boundTerminalId,
    manufacturerId: row.manufacturerId,
    terminalModel: row.terminalModel,
    protocolVersion: row.protocolVersion,
    isRegistrationOpen: row.isRegistrationOpen,
    registeredAt: row.registeredAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    lastFixAt: deps.latestPositions.get('VEHICLE', row.terminalPhone)?.fixAt ?? null,
    bindingResetAt: row.bindingResetAt?.toISOString() ?? null,
    isOnline,
  } satisfies Device;
}

/** A device as shown, asking the gateways whether its terminal is online. */
async function deviceOf(deps: Deps, row: DeviceRow): Promise<Device> {
  return toDevice(deps, row, await deps.terminalLinks.isOnline(row.terminalPhone));
}

/** The devices the user's organization owns (port authority: every fleet's), by phone. */
export async function listDevices(deps: Deps, user: SessionUser, input: ListDevicesInput) {
  const where: Prisma.DeviceWhereInput = {
    // All must hold: a requested organization narrows the caller's scope, never widens it.
    AND: [
      organizationScope(user),
      input.organizationId ? { organizationId: input.organizationId } : {},
      input.search
        ? {
            OR: [
              { terminalPhone: { contains: input.search } },
              { vehicle: { plate: { contains: input.search.toUpperCase() } } },
            ],
          }
        : {},
    ],
  };
  const rows = await deps.db.prisma.device.findMany({
    where,
    select: deviceSelect,
    orderBy: [{ terminalPhone: 'asc' }, { id: 'asc' }],
    ...pageArgs(input, organizationScope(user)),
  });
  // The page's terminals asked all at once: an offline one answers at once ("no responders").
  const online = new Map(
    await Promise.all(
      rows
        .slice(0, input.limit)
        .map(
          async (row) => [row.id, await deps.terminalLinks.isOnline(row.terminalPhone)] as const,
        ),
    ),
  );
  return toPage(rows, input.limit, (row) => toDevice(deps, row, online.get(row.id) ?? false));
}

/**
 * Resets a device's binding: the code stops working, the phone is open to the next
 * registration (which binds it to the registering terminal), and the terminal's live
 * connection is closed, on whichever gateway holds it. Null when the user sees no such device
 * (another organization's is the same as a missing one).
 */
export async function resetDeviceBinding(
  deps: Deps,
  user: SessionUser,
  id: string,
): Promise<ResetDeviceBindingOutput | null> {
  const { count } = await deps.db.prisma.device.updateMany({
    where: { id, ...organizationScope(user) },
    data: {
      authCodeHash: null,
      boundTerminalId: null,
      isRegistrationOpen: true,
      bindingResetAt: deps.now(),
    },
  });
  if (count === 0) return null;
  const row = await deps.db.prisma.device.findUniqueOrThrow({
    where: { id },
    select: deviceSelect,
  });
  const wasDisconnected = await deps.terminalLinks.disconnect(row.terminalPhone);
  return { device: await deviceOf(deps, row), wasDisconnected };
}

/** A device is fitted to one of its own organization's vehicles, one terminal per vehicle. */
async function assertFreeVehicleOf(
  deps: Deps,
  organizationId: string,
  vehicleId: string,
  deviceId: string | null,
) {
  const vehicle = await deps.db.prisma.vehicle.findUnique({
    where: { id: vehicleId },
    select: { organizationId: true, plate: true, device: { select: { id: true } } },
  });
  if (!vehicle || vehicle.organizationId !== organizationId)
    throw new HarborError(
      'not-found',
      'vehicle.not-in-organization',
      "no such vehicle in the device's organization",
    );
  if (vehicle.device && vehicle.device.id !== deviceId)
    throw new HarborError(
      'conflict',
      'vehicle.has-terminal',
      `${vehicle.plate} has a terminal already`,
      { params: { plate: vehicle.plate } },
    );
}

/**
 * A new terminal, open to registration: the first 0x0100 with its phone binds it to the
 * registering terminal id. A phone is unique over Harbor (terminal-phone.ts).
 */
export async function createDevice(
  deps: Deps,
  user: SessionUser,
  input: CreateDeviceInput,
): Promise<Device> {
  const organizationId = targetOrganization(user, input.organizationId);
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: organizationId },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  if (input.vehicleId) await assertFreeVehicleOf(deps, organizationId, input.vehicleId, null);
  try {
    const row = await deps.db.prisma.device.create({
      data: {
        organizationId,
        terminalPhone: input.terminalPhone,
        vehicleId: input.vehicleId ?? null,
      },
      select: deviceSelect,
    });
    return deviceOf(deps, row);
  } catch (error) {
    rethrowTerminalPhoneConflict(error);
  }
}

/** Fits a device to another of its organization's vehicles, or to none; its binding stays. */
export async function updateDevice(
  deps: Deps,
  user: SessionUser,
  input: UpdateDeviceInput,
): Promise<Device> {
  const device = await deps.db.prisma.device.findFirst({
    where: { id: input.id, ...organizationScope(user) },
    select: { id: true, organizationId: true },
  });
  if (!device) throw new HarborError('not-found', 'device.not-found', 'no such device');
  if (input.vehicleId)
    await assertFreeVehicleOf(deps, device.organizationId, input.vehicleId, device.id);
  try {
    const row = await deps.db.prisma.device.update({
      where: { id: device.id },
      data: { vehicleId: input.vehicleId },
      select: deviceSelect,
    });
    return deviceOf(deps, row);
  } catch (error) {
    rethrowTerminalPhoneConflict(error);
  }
}
