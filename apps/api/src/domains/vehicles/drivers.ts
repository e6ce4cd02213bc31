import type { Db, Prisma } from '@harbor/db';
import type {
  CreateDriverInput,
  Driver,
  ListDriversInput,
  SessionUser,
  UpdateDriverInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { organizationScope, targetOrganization } from '../auth/scope.ts';

type Deps = { db: Db };

const include = { currentVehicle: { select: { id: true, plate: true } } } as const;
type DriverRow = Prisma.DriverGetPayload<{ include: typeof include }>;

export function toDriver(row: DriverRow): Driver {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    phone: row.phone,
    licenseNumber: row.licenseNumber,
    currentVehicle: row.currentVehicle,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies Driver;
}

export async function listDrivers(deps: Deps, user: SessionUser, input: ListDriversInput) {
  const rows = await deps.db.prisma.driver.findMany({
    where: {
      AND: [
        organizationScope(user),
        input.organizationId ? { organizationId: input.organizationId } : {},
        input.search ? { name: { contains: input.search, mode: 'insensitive' } } : {},
      ],
    },
    include,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    ...pageArgs(input, organizationScope(user)),
  });
  return toPage(rows, input.limit, toDriver);
}

/** Another company's driver is NOT_FOUND, like a missing one. */
export async function findVisibleDriver(deps: Deps, user: SessionUser, id: string) {
  const row = await deps.db.prisma.driver.findFirst({
    where: { id, ...organizationScope(user) },
    include,
  });
  if (!row) throw new HarborError('not-found', 'driver.not-found', 'no such driver');
  return row;
}

export async function getDriver(deps: Deps, user: SessionUser, id: string): Promise<Driver> {
  return toDriver(await findVisibleDriver(deps, user, id));
}

/** A driver drives the organization's own trucks only. */
async function assertVehicleOf(deps: Deps, organizationId: string, vehicleId: string) {
  const vehicle = await deps.db.prisma.vehicle.findUnique({ where: { id: vehicleId } });
  if (!vehicle || vehicle.organizationId !== organizationId)
    throw new HarborError(
      'not-found',
      'vehicle.not-in-organization',
      "no such vehicle in the driver's organization",
    );
}

export async function createDriver(
  deps: Deps,
  user: SessionUser,
  input: CreateDriverInput,
): Promise<Driver> {
  const organizationId = targetOrganization(user, input.organizationId);
  if (input.currentVehicleId) await assertVehicleOf(deps, organizationId, input.currentVehicleId);
  const row = await deps.db.prisma.driver.create({
    data: {
      organizationId,
      name: input.name,
      phone: input.phone ?? null,
      licenseNumber: input.licenseNumber ?? null,
      currentVehicleId: input.currentVehicleId ?? null,
    },
    include,
  });
  return toDriver(row);
}

export async function updateDriver(
  deps: Deps,
  user: SessionUser,
  input: UpdateDriverInput,
): Promise<Driver> {
  const driver = await findVisibleDriver(deps, user, input.id);
  if (input.currentVehicleId)
    await assertVehicleOf(deps, driver.organizationId, input.currentVehicleId);
  const { id, ...data } = input;
  return toDriver(await deps.db.prisma.driver.update({ where: { id }, data, include }));
}

export async function deleteDriver(deps: Deps, user: SessionUser, id: string) {
  await findVisibleDriver(deps, user, id);
  // Shifts go with the driver (cascade); jobs keep their history with the driver cleared.
  await deps.db.prisma.driver.delete({ where: { id } });
  return { ok: true as const };
}
