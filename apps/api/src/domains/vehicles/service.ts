import type { Db, Prisma } from '@harbor/db';
import type {
  CreateVehicleInput,
  ListVehiclesInput,
  Position,
  SessionUser,
  UpdateVehicleInput,
  Vehicle,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs } from '../../core/pagination.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { organizationScope, targetOrganization } from '../auth/scope.ts';
import type { LatestPositionCache } from '../positions/latest-cache.ts';
import {
  currentDriver,
  derivedStatus,
  derivedStatusWhere,
  statusInclude,
  type VehicleWithStatus,
} from './status.ts';

type Deps = {
  db: Db;
  now: () => Date;
  latestPositions: Pick<LatestPositionCache, 'get'>;
};

export function toVehicle(row: VehicleWithStatus, position: Position | null): Vehicle {
  const job = row.dispatchJobs[0];
  return {
    id: row.id,
    organizationId: row.organizationId,
    plate: row.plate,
    vin: row.vin,
    model: row.model,
    modelZh: row.modelZh,
    status: derivedStatus(row),
    manualStatus: row.status,
    terminalPhone: row.device?.terminalPhone ?? null,
    position,
    currentJob: job ? { id: job.id, reference: job.reference, status: job.status } : null,
    driver: currentDriver(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies Vehicle;
}

/** Latest positions of the vehicles' terminals, from the in-memory cache the bus feeds. */
function positionsOf(deps: Deps, phones: string[]): Map<string, Position> {
  const found = new Map<string, Position>();
  for (const phone of phones) {
    const position = deps.latestPositions.get('VEHICLE', phone);
    if (position) found.set(phone, position);
  }
  return found;
}

async function toVehicles(deps: Deps, rows: VehicleWithStatus[]): Promise<Vehicle[]> {
  const phones = rows.flatMap((row) => (row.device ? [row.device.terminalPhone] : []));
  const positions = positionsOf(deps, phones);
  return rows.map((row) =>
    toVehicle(row, row.device ? (positions.get(row.device.terminalPhone) ?? null) : null),
  );
}

export async function listVehicles(deps: Deps, user: SessionUser, input: ListVehiclesInput) {
  const now = deps.now();
  const where: Prisma.VehicleWhereInput = {
    // All must hold: a requested organization narrows the caller's scope, never widens it.
    AND: [
      organizationScope(user),
      input.organizationId ? { organizationId: input.organizationId } : {},
      input.status ? derivedStatusWhere(input.status, now) : {},
      input.search ? { plate: { contains: input.search.toUpperCase() } } : {},
    ],
  };
  const rows = await deps.db.prisma.vehicle.findMany({
    where,
    include: statusInclude(now),
    orderBy: [{ plate: 'asc' }, { id: 'asc' }],
    ...pageArgs(input, organizationScope(user)),
  });
  const page = rows.slice(0, input.limit);
  return {
    items: await toVehicles(deps, page),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Another company's vehicle is NOT_FOUND, exactly like a missing one: its existence is not leaked. */
export async function findVisibleVehicle(deps: Pick<Deps, 'db'>, user: SessionUser, id: string) {
  const row = await deps.db.prisma.vehicle.findFirst({ where: { id, ...organizationScope(user) } });
  if (!row) throw new HarborError('not-found', 'vehicle.not-found', 'no such vehicle');
  return row;
}

/**
 * A truck its own company may send to (texts, commands), with its JT/T 808 terminal's phone:
 * another company's truck is refused even where the user sees it (port staff), one without a
 * terminal has nothing to send to.
 */
export async function findOwnTruckTerminal(
  deps: Pick<Deps, 'db'>,
  user: SessionUser,
  vehicleId: string,
) {
  const vehicle = await findVisibleVehicle(deps, user, vehicleId);
  if (vehicle.organizationId !== user.organization.id)
    throw new HarborError(
      'forbidden',
      'vehicle.other-company',
      "only the truck's own company may send to its terminal",
    );
  const device = await deps.db.prisma.device.findUnique({
    where: { vehicleId: vehicle.id },
    select: { terminalPhone: true },
  });
  if (!device)
    throw new HarborError(
      'invalid',
      'vehicle.no-terminal',
      `${vehicle.plate} has no JT/T 808 terminal`,
      {
        params: { plate: vehicle.plate },
      },
    );
  return { vehicle, terminalPhone: device.terminalPhone };
}

export async function getVehicle(deps: Deps, user: SessionUser, id: string): Promise<Vehicle> {
  await findVisibleVehicle(deps, user, id);
  const row = await deps.db.prisma.vehicle.findUniqueOrThrow({
    where: { id },
    include: statusInclude(deps.now()),
  });
  const [vehicle] = await toVehicles(deps, [row]);
  return vehicle as Vehicle;
}

/**
 * Plate and VIN are unique within an organization only (two companies may each register
 * an owner-operator's truck), so a duplicate is always one of the organization's own
 * vehicles, which its people can list anyway.
 */
function duplicateInFleet(input: { plate?: string | undefined; vin?: string | null | undefined }) {
  const keys = [input.plate ? `plate ${input.plate}` : null, input.vin ? 'this VIN' : null];
  return {
    code: 'vehicle.plate-or-vin-taken',
    message: `this organization already has a vehicle with ${keys.filter(Boolean).join(' or ')}`,
    params: input.plate ? { plate: input.plate } : undefined,
  } as const;
}

export async function createVehicle(
  deps: Deps,
  user: SessionUser,
  input: CreateVehicleInput,
): Promise<Vehicle> {
  const organizationId = targetOrganization(user, input.organizationId);
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: organizationId },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  try {
    const row = await deps.db.prisma.vehicle.create({
      data: { ...input, organizationId },
      include: statusInclude(deps.now()),
    });
    return toVehicle(row, null);
  } catch (error) {
    rethrowPrismaError(error, { conflict: duplicateInFleet(input) });
  }
}

export async function updateVehicle(
  deps: Deps,
  user: SessionUser,
  input: UpdateVehicleInput,
): Promise<Vehicle> {
  await findVisibleVehicle(deps, user, input.id);
  const { id, ...data } = input;
  try {
    await deps.db.prisma.vehicle.update({ where: { id }, data });
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: duplicateInFleet(input),
      notFound: { code: 'vehicle.not-found', message: 'no such vehicle' },
    });
  }
  return getVehicle(deps, user, id);
}
