import type { Db, Prisma } from '@harbor/db';
import type {
  CreateVehicleInput,
  ListVehiclesInput,
  SessionUser,
  UpdateVehicleInput,
  Vehicle,
} from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { organizationScope, targetOrganization } from '../auth/scope.ts';
import { pageArgs, toPage } from '../trpc/pagination.ts';
import { rethrowPrismaError } from '../trpc/prisma-errors.ts';

type VehicleRow = Omit<Vehicle, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

export function toVehicle(row: VehicleRow): Vehicle {
  return {
    id: row.id,
    organizationId: row.organizationId,
    plate: row.plate,
    vin: row.vin,
    model: row.model,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies Vehicle;
}

type Deps = { db: Db };

export async function listVehicles(deps: Deps, user: SessionUser, input: ListVehiclesInput) {
  const where: Prisma.VehicleWhereInput = {
    // Both must hold: a requested organization narrows the caller's scope, never widens it.
    AND: [
      organizationScope(user),
      input.organizationId ? { organizationId: input.organizationId } : {},
    ],
    ...(input.status ? { status: input.status } : {}),
    ...(input.search ? { plate: { contains: input.search.toUpperCase() } } : {}),
  };
  const rows = await deps.db.prisma.vehicle.findMany({
    where,
    orderBy: [{ plate: 'asc' }, { id: 'asc' }],
    ...pageArgs(input),
  });
  return toPage(rows, input.limit, toVehicle);
}

/** Another company's vehicle is NOT_FOUND, exactly like a missing one: its existence is not leaked. */
async function findVisibleVehicle(deps: Deps, user: SessionUser, id: string) {
  const row = await deps.db.prisma.vehicle.findFirst({ where: { id, ...organizationScope(user) } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such vehicle' });
  return row;
}

export async function getVehicle(deps: Deps, user: SessionUser, id: string): Promise<Vehicle> {
  return toVehicle(await findVisibleVehicle(deps, user, id));
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
  if (!organization) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such organization' });
  try {
    const row = await deps.db.prisma.vehicle.create({ data: { ...input, organizationId } });
    return toVehicle(row);
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: `a vehicle with plate ${input.plate} or this VIN already exists`,
    });
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
    return toVehicle(await deps.db.prisma.vehicle.update({ where: { id }, data }));
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: `a vehicle with plate ${input.plate ?? '(unchanged)'} or this VIN already exists`,
      notFound: 'no such vehicle',
    });
  }
}
