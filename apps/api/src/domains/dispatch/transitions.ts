import type { Db, Prisma } from '@harbor/db';
import {
  type DispatchJob,
  type DispatchJobEvent,
  type DispatchJobStatus,
  jobTransitionProblem,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { type ContainerMove, recordContainerMove } from './container-moves.ts';
import { eventInclude, jobInclude, toJob, toJobEvent } from './jobs.ts';

/** Who made a change: a user, a geofence (the zone is named in the note), or Harbor itself. */
export type Actor = { kind: 'USER'; userId: string } | { kind: 'GEOFENCE' } | { kind: 'SYSTEM' };

/**
 * One change; `actor` overrides the call's actor (a truck starting to move is SYSTEM, a zone
 * entry GEOFENCE); `where` is the truck's position then, when known.
 */
export type Step = {
  to: DispatchJobStatus;
  at: Date;
  note: string;
  actor?: Actor;
  where?: { lat: number; lon: number } | null;
};

export type AppliedSteps = {
  job: DispatchJob;
  events: DispatchJobEvent[];
  /** Container events the containers service refused (the job changed anyway). */
  refusedContainerEvents: string[];
};

type Tx = Prisma.TransactionClient;

/**
 * Applies status changes to one job in one transaction: each step is checked against the
 * state machine and recorded as a DispatchJobEvent; reaching LOADED writes the container's
 * gate-out at the pickup and reaching DELIVERED its gate-in at the drop-off, in the same
 * transaction. The job must still be in `expectedFrom`, so two writers racing on one job
 * cannot both advance it (the loser gets a conflict).
 */
export async function applySteps(
  db: Pick<Db, 'prisma'>,
  jobId: string,
  expectedFrom: DispatchJobStatus,
  steps: readonly Step[],
  actor: Actor,
  now: Date = new Date(),
): Promise<AppliedSteps> {
  return db.prisma.$transaction(async (tx) => {
    const job = await tx.dispatchJob.findUniqueOrThrow({
      where: { id: jobId },
      include: moveInclude,
    });
    if (job.status !== expectedFrom)
      throw new HarborError(
        'conflict',
        'job.changed-meanwhile',
        `the job is now ${job.status}, not ${expectedFrom}: it changed meanwhile`,
        { params: { status: job.status, expected: expectedFrom } },
      );
    let lastAt = (await lastEventAt(tx, jobId)) ?? Number.NEGATIVE_INFINITY;
    let status = job.status;
    const eventIds: string[] = [];
    const refused: string[] = [];
    let deliveredAt: Date | null = null;
    for (const step of steps) {
      const problem = jobTransitionProblem(status, step.to);
      if (problem)
        throw new HarborError('invalid', 'job.transition-not-allowed', problem, {
          params: { from: status, to: step.to },
        });
      // Events of one job are ordered by time; two steps of one fix are kept 1 ms apart.
      const at = new Date(Math.max(step.at.getTime(), lastAt + 1));
      lastAt = at.getTime();
      let note = step.note;
      const move = containerMoveFor(job, step.to, at);
      if (move) {
        // A move the truck's own fixes date is as current as those fixes: the check that an
        // event is not in the future guards what people type, so it counts from the fix.
        const asOf = new Date(Math.max(now.getTime(), at.getTime()));
        const outcome = await withSavepoint(tx, () => recordContainerMove(tx, move, asOf));
        if (!outcome.ok) {
          refused.push(outcome.message);
          note += `; ${move.eventType} of the container not recorded: ${outcome.message}`;
        }
      }
      const by = step.actor ?? actor;
      const event = await tx.dispatchJobEvent.create({
        data: {
          jobId,
          fromStatus: status,
          toStatus: step.to,
          at,
          actorKind: by.kind,
          actorUserId: by.kind === 'USER' ? by.userId : null,
          note,
          lat: step.where?.lat ?? null,
          lon: step.where?.lon ?? null,
        },
      });
      eventIds.push(event.id);
      if (step.to === 'DELIVERED') deliveredAt = at;
      status = step.to;
    }
    const updated = await tx.dispatchJob.update({
      where: { id: jobId },
      data: { status, ...(deliveredAt ? { deliveredAt } : {}) },
      include: jobInclude,
    });
    const events = await tx.dispatchJobEvent.findMany({
      where: { id: { in: eventIds } },
      include: eventInclude,
      orderBy: { at: 'asc' },
    });
    return { job: toJob(updated), events: events.map(toJobEvent), refusedContainerEvents: refused };
  });
}

/**
 * A job's history is read in time order, so each event is recorded at least 1 ms after the
 * one before it (a fixed clock, or two changes from one fix, would otherwise tie).
 */
export async function lastEventAt(tx: Tx, jobId: string): Promise<number | null> {
  const last = await tx.dispatchJobEvent.findFirst({
    where: { jobId },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  return last?.at.getTime() ?? null;
}

/** The container event a status change implies: out of the pickup gate loaded, into the drop-off on delivery. */
const zoneSite = { select: { id: true, terminalId: true } } as const;
const moveInclude = {
  container: { select: { number: true } },
  pickupZone: zoneSite,
  dropoffZone: zoneSite,
} as const;

function containerMoveFor(
  job: Prisma.DispatchJobGetPayload<{ include: typeof moveInclude }>,
  to: DispatchJobStatus,
  at: Date,
): ContainerMove | null {
  if (!job.container || !job.vehicleId) return null;
  const base = {
    containerNumber: job.container.number,
    vehicleId: job.vehicleId,
    dispatchJobId: job.id,
    // An empty pickup or return moves an empty box; a container move a laden one.
    emptyIndicator: job.kind === 'CONTAINER_MOVE' ? ('LADEN' as const) : ('EMPTY' as const),
    eventAt: at,
  };
  if (to === 'LOADED') return { ...base, eventType: 'GTOT', zone: job.pickupZone };
  if (to === 'DELIVERED') return { ...base, eventType: 'GTIN', zone: job.dropoffZone };
  return null;
}

/**
 * Runs `work` inside a savepoint: a refused container event (a rule of the containers
 * service, or a constraint of the database) rolls back only its own writes, never the
 * job's change, which PostgreSQL would otherwise refuse after any failed statement.
 */
async function withSavepoint(
  tx: Tx,
  work: () => Promise<unknown>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  await tx.$executeRawUnsafe('SAVEPOINT container_move');
  try {
    await work();
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT container_move');
    return { ok: true };
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT container_move');
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
