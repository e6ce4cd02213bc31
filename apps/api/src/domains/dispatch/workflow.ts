import type { Db } from '@harbor/db';
import {
  ACTIVE_JOB_STATUSES,
  type AssignJobInput,
  type DispatchJob,
  type SessionUser,
  type TransitionJobInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import type { JobChangeTopic } from './job-changes.ts';
import { eventInclude, findOwnJob, jobInclude, toJob, toJobEvent } from './jobs.ts';
import { type AppliedSteps, applySteps, lastEventAt } from './transitions.ts';

type Deps = { db: Db; now: () => Date; jobChanges?: JobChangeTopic | undefined };

function publish(deps: Deps, applied: Pick<AppliedSteps, 'job' | 'events'>) {
  for (const event of applied.events) deps.jobChanges?.publish({ job: applied.job, event });
}

/** A truck's latest position (by its terminal), for a change made by hand: where it was then. */
async function truckPosition(
  db: Pick<Db, 'sql'>,
  vehicleId: string,
): Promise<{ lat: number; lon: number } | null> {
  const { rows } = await db.sql.query<{ lat: number; lon: number }>(
    `SELECT p.lat, p.lon FROM "LatestPosition" p
     JOIN "Device" d ON p."assetKind" = 'VEHICLE' AND p."assetKey" = d."terminalPhone"
     WHERE d."vehicleId" = $1`,
    [vehicleId],
  );
  return rows[0] ?? null;
}

/** A status change made by hand, checked against the state machine of docs/architecture.md. */
export async function transitionJob(
  deps: Deps,
  user: SessionUser,
  input: TransitionJobInput,
): Promise<DispatchJob> {
  const job = await findOwnJob(deps, user, input.id);
  if (input.to === 'ASSIGNED' && job.status === 'PLANNED')
    throw new HarborError(
      'invalid',
      'job.assign-needs-vehicle',
      'a job is assigned with dispatch.assign, which names the truck',
    );
  const where = job.vehicle ? await truckPosition(deps.db, job.vehicle.id) : null;
  const applied = await applySteps(
    deps.db,
    job.id,
    job.status,
    [{ to: input.to, at: deps.now(), note: input.note ?? `set by ${user.name}`, where }],
    { kind: 'USER', userId: user.id },
    deps.now(),
  );
  publish(deps, applied);
  return applied.job;
}

/**
 * Puts a truck (and optionally a driver) on a PLANNED job, or another truck on an ASSIGNED
 * one. The truck must be the job's company's own, not in maintenance and not on another
 * active job; checked and written in one transaction.
 */
export async function assignJob(
  deps: Deps,
  user: SessionUser,
  input: AssignJobInput,
): Promise<DispatchJob> {
  const job = await findOwnJob(deps, user, input.id);
  const now = deps.now();
  const result = await deps.db.prisma.$transaction(async (tx) => {
    const current = await tx.dispatchJob.findUniqueOrThrow({ where: { id: job.id } });
    if (current.status !== 'PLANNED' && current.status !== 'ASSIGNED')
      throw new HarborError(
        'invalid',
        'job.not-assignable',
        `a ${current.status} job cannot be (re)assigned; only PLANNED or ASSIGNED ones`,
        { params: { status: current.status } },
      );
    const vehicle = await tx.vehicle.findUnique({ where: { id: input.vehicleId } });
    // Another company's truck is reported exactly like a missing one.
    if (!vehicle || vehicle.organizationId !== current.organizationId)
      throw new HarborError(
        'not-found',
        'vehicle.not-in-organization',
        "no such vehicle in the job's company",
      );
    if (vehicle.status === 'MAINTENANCE')
      throw new HarborError(
        'conflict',
        'vehicle.in-maintenance',
        `${vehicle.plate} is in maintenance`,
        { params: { plate: vehicle.plate } },
      );
    const busy = await tx.dispatchJob.findFirst({
      where: {
        vehicleId: vehicle.id,
        id: { not: job.id },
        status: { in: [...ACTIVE_JOB_STATUSES] },
      },
      select: { reference: true, status: true },
    });
    if (busy)
      throw new HarborError(
        'conflict',
        'vehicle.on-another-job',
        `${vehicle.plate} is on job ${busy.reference} (${busy.status})`,
        { params: { plate: vehicle.plate, reference: busy.reference, status: busy.status } },
      );
    let driverName: string | null = null;
    if (input.driverId) {
      const driver = await tx.driver.findUnique({ where: { id: input.driverId } });
      if (!driver || driver.organizationId !== current.organizationId)
        throw new HarborError(
          'not-found',
          'driver.not-in-organization',
          "no such driver in the job's company",
        );
      driverName = driver.name;
    }
    const updated = await tx.dispatchJob.update({
      where: { id: job.id },
      data: { vehicleId: vehicle.id, driverId: input.driverId ?? null, status: 'ASSIGNED' },
      include: jobInclude,
    });
    const previous = await lastEventAt(tx, job.id);
    const event = await tx.dispatchJobEvent.create({
      data: {
        jobId: job.id,
        fromStatus: current.status,
        toStatus: 'ASSIGNED',
        at: new Date(Math.max(now.getTime(), (previous ?? 0) + 1)),
        actorKind: 'USER',
        actorUserId: user.id,
        note: `${current.status === 'ASSIGNED' ? 'reassigned' : 'assigned'} to ${vehicle.plate}${driverName ? ` driven by ${driverName}` : ''}`,
      },
      include: eventInclude,
    });
    return { job: toJob(updated), events: [toJobEvent(event)] };
  });
  publish(deps, result);
  return result.job;
}
