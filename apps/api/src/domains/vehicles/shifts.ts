import type { Db, Prisma } from '@harbor/db';
import type {
  CreateShiftInput,
  ListShiftsInput,
  SessionUser,
  Shift,
  UpdateShiftInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { organizationScope } from '../auth/scope.ts';
import { findVisibleDriver } from './drivers.ts';

type Deps = { db: Db };

const include = {
  driver: { select: { id: true, name: true } },
  vehicle: { select: { id: true, plate: true } },
} as const;
type ShiftRow = Prisma.ShiftGetPayload<{ include: typeof include }>;

export function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    organizationId: row.organizationId,
    driver: row.driver,
    vehicle: row.vehicle,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  } satisfies Shift;
}

export async function listShifts(deps: Deps, user: SessionUser, input: ListShiftsInput) {
  const rows = await deps.db.prisma.shift.findMany({
    where: {
      ...organizationScope(user),
      ...(input.driverId ? { driverId: input.driverId } : {}),
      ...(input.vehicleId ? { vehicleId: input.vehicleId } : {}),
      ...(input.to ? { startsAt: { lt: new Date(input.to) } } : {}),
      ...(input.from ? { endsAt: { gt: new Date(input.from) } } : {}),
    },
    include,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    ...pageArgs(input, organizationScope(user)),
  });
  return toPage(rows, input.limit, toShift);
}

async function findVisibleShift(deps: Deps, user: SessionUser, id: string) {
  const row = await deps.db.prisma.shift.findFirst({ where: { id, ...organizationScope(user) } });
  if (!row) throw new HarborError('not-found', 'shift.not-found', 'no such shift');
  return row;
}

type Planned = {
  organizationId: string;
  driverId: string;
  vehicleId: string | null;
  startsAt: Date;
  endsAt: Date;
};

/**
 * A driver works one shift at a time and a truck is driven in one shift at a time: a shift
 * overlapping another of the same driver or vehicle is refused, naming the other. Checked
 * and written in one transaction, so two overlapping shifts cannot both slip in at once on
 * PGlite (one connection); on PostgreSQL the window between check and write is one round trip.
 */
async function writeShift(deps: Deps, shift: Planned, replacing: string | null): Promise<Shift> {
  return deps.db.prisma.$transaction(async (tx) => {
    if (shift.vehicleId) {
      const vehicle = await tx.vehicle.findUnique({ where: { id: shift.vehicleId } });
      if (!vehicle || vehicle.organizationId !== shift.organizationId)
        throw new HarborError(
          'not-found',
          'vehicle.not-in-organization',
          "no such vehicle in the driver's organization",
        );
    }
    const clash = await tx.shift.findFirst({
      where: {
        ...(replacing ? { id: { not: replacing } } : {}),
        startsAt: { lt: shift.endsAt },
        endsAt: { gt: shift.startsAt },
        OR: [
          { driverId: shift.driverId },
          ...(shift.vehicleId ? [{ vehicleId: shift.vehicleId }] : []),
        ],
      },
      include,
    });
    if (clash) {
      const isDriver = clash.driverId === shift.driverId;
      const who = isDriver
        ? `driver ${clash.driver.name}`
        : `vehicle ${clash.vehicle?.plate ?? ''}`;
      const startsAt = clash.startsAt.toISOString();
      const endsAt = clash.endsAt.toISOString();
      throw new HarborError(
        'conflict',
        isDriver ? 'shift.driver-busy' : 'shift.vehicle-busy',
        `${who} already has a shift from ${startsAt} to ${endsAt}`,
        {
          params: isDriver
            ? { driver: clash.driver.name, startsAt, endsAt }
            : { plate: clash.vehicle?.plate ?? '', startsAt, endsAt },
        },
      );
    }
    const row = replacing
      ? await tx.shift.update({ where: { id: replacing }, data: shift, include })
      : await tx.shift.create({ data: shift, include });
    return toShift(row);
  });
}

export async function createShift(
  deps: Deps,
  user: SessionUser,
  input: CreateShiftInput,
): Promise<Shift> {
  const driver = await findVisibleDriver(deps, user, input.driverId);
  return writeShift(
    deps,
    {
      organizationId: driver.organizationId,
      driverId: driver.id,
      vehicleId: input.vehicleId ?? null,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    },
    null,
  );
}

export async function updateShift(
  deps: Deps,
  user: SessionUser,
  input: UpdateShiftInput,
): Promise<Shift> {
  const shift = await findVisibleShift(deps, user, input.id);
  const next: Planned = {
    organizationId: shift.organizationId,
    driverId: shift.driverId,
    vehicleId: input.vehicleId === undefined ? shift.vehicleId : input.vehicleId,
    startsAt: input.startsAt ? new Date(input.startsAt) : shift.startsAt,
    endsAt: input.endsAt ? new Date(input.endsAt) : shift.endsAt,
  };
  if (next.startsAt >= next.endsAt)
    throw new HarborError('invalid', 'shift.ends-before-start', 'a shift ends after it starts');
  return writeShift(deps, next, shift.id);
}

export async function deleteShift(deps: Deps, user: SessionUser, id: string) {
  await findVisibleShift(deps, user, id);
  await deps.db.prisma.shift.delete({ where: { id } });
  return { ok: true as const };
}
