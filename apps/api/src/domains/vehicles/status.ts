import type { Prisma } from '@harbor/db';
import { ACTIVE_JOB_STATUSES, type VehicleStatus } from '@harbor/shared';

/**
 * A vehicle's status is derived, not stored: `Vehicle.status` is the dispatcher's manual
 * setting, and only MAINTENANCE and OFF_DUTY set by hand override what Harbor sees. Otherwise
 * the truck is ON_JOB while it has an active dispatch job, OFF_DUTY when no shift covers
 * now, else AVAILABLE. A shift covers a vehicle when it names the vehicle, or when it names
 * no vehicle and its driver currently drives this one.
 */
const MANUAL: VehicleStatus[] = ['MAINTENANCE', 'OFF_DUTY'];

export function coveringShift(now: Date): Prisma.ShiftWhereInput {
  return { startsAt: { lte: now }, endsAt: { gt: now } };
}

function onShift(now: Date): Prisma.VehicleWhereInput {
  return {
    OR: [
      { shifts: { some: coveringShift(now) } },
      { drivers: { some: { shifts: { some: { ...coveringShift(now), vehicleId: null } } } } },
    ],
  };
}

const onJob: Prisma.VehicleWhereInput = {
  dispatchJobs: { some: { status: { in: [...ACTIVE_JOB_STATUSES] } } },
};

/** A `where` selecting the vehicles whose derived status is `status`. */
export function derivedStatusWhere(status: VehicleStatus, now: Date): Prisma.VehicleWhereInput {
  const automatic: Prisma.VehicleWhereInput = { status: { notIn: MANUAL } };
  switch (status) {
    case 'MAINTENANCE':
      return { status: 'MAINTENANCE' };
    case 'ON_JOB':
      return { AND: [automatic, onJob] };
    case 'AVAILABLE':
      return { AND: [automatic, { NOT: onJob }, onShift(now)] };
    case 'OFF_DUTY':
      return {
        OR: [{ status: 'OFF_DUTY' }, { AND: [automatic, { NOT: onJob }, { NOT: onShift(now) }] }],
      };
  }
}

/** What `derivedStatus` needs loaded with each vehicle row. */
export function statusInclude(now: Date) {
  return {
    device: { select: { terminalPhone: true } },
    dispatchJobs: {
      where: { status: { in: [...ACTIVE_JOB_STATUSES] } },
      select: {
        id: true,
        reference: true,
        status: true,
        driver: { select: { id: true, name: true } },
      },
      take: 1,
    },
    shifts: {
      where: coveringShift(now),
      select: { driver: { select: { id: true, name: true } } },
      take: 1,
    },
    drivers: {
      select: {
        id: true,
        name: true,
        shifts: {
          where: { ...coveringShift(now), vehicleId: null },
          select: { id: true },
          take: 1,
        },
      },
      orderBy: { name: 'asc' },
    },
  } satisfies Prisma.VehicleInclude;
}

export type VehicleWithStatus = Prisma.VehicleGetPayload<{
  include: ReturnType<typeof statusInclude>;
}>;

export function derivedStatus(row: VehicleWithStatus): VehicleStatus {
  if (MANUAL.includes(row.status)) return row.status;
  if (row.dispatchJobs.length > 0) return 'ON_JOB';
  if (row.shifts.length > 0 || row.drivers.some((driver) => driver.shifts.length > 0))
    return 'AVAILABLE';
  return 'OFF_DUTY';
}

/** Who drives it now: the active job's driver, else the driver on shift, else its assigned driver. */
export function currentDriver(row: VehicleWithStatus): { id: string; name: string } | null {
  const job = row.dispatchJobs[0];
  if (job?.driver) return job.driver;
  const shift = row.shifts[0];
  if (shift) return shift.driver;
  const driver = row.drivers.find((d) => d.shifts.length > 0) ?? row.drivers[0];
  return driver ? { id: driver.id, name: driver.name } : null;
}
