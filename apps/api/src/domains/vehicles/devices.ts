import type { Db, Prisma } from '@harbor/db';
import type {
  Device,
  ListDevicesInput,
  ResetDeviceBindingOutput,
  SessionUser,
} from '@harbor/shared';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { organizationScope } from '../auth/scope.ts';
import type { TerminalLinks } from './terminal-links.ts';

type Deps = {
  db: Pick<Db, 'prisma'>;
  now: () => Date;
  /** This process's JT/T 808 gateway, when it runs one. */
  terminalLinks: Pick<TerminalLinks, 'isOnline' | 'disconnect'>;
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

function toDevice(deps: Deps, row: DeviceRow): Device {
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
    bindingResetAt: row.bindingResetAt?.toISOString() ?? null,
    isOnline: deps.terminalLinks.isOnline(row.terminalPhone),
  } satisfies Device;
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
  return toPage(rows, input.limit, (row) => toDevice(deps, row));
}

/**
 * Resets a device's binding: the code stops working, the phone is open to the next
 * registration (which binds it to the registering terminal), and the terminal's live
 * connection on this process's gateway is closed. Null when the user sees no such device
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
  const wasDisconnected = deps.terminalLinks.disconnect(row.terminalPhone);
  return { device: toDevice(deps, row), wasDisconnected };
}
