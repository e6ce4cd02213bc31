import type { Db } from '@harbor/db';
import { ACTIVE_JOB_STATUSES, type DispatchJob, type Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import { isHarborError } from '../../core/errors.ts';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { DispatchEngine, type WatchedJob } from './engine.ts';
import type { JobChangeTopic } from './job-changes.ts';
import { applySteps } from './transitions.ts';

export type DispatchMonitorStats = {
  /** Status changes made by the engine. */
  advanced: number;
  /** Jobs changed by someone else between the engine's read and its write: skipped. */
  conflicts: number;
  failedWrites: number;
  /** Container gate events the containers service refused; the job advanced anyway. */
  refusedContainerEvents: number;
};

type ActiveJobRow = {
  id: string;
  status: WatchedJob['status'];
  terminalPhone: string;
  pickupZoneId: string;
  pickupZoneCode: string;
  pickupZoneKind: string;
  pickupZoneTerminalId: string | null;
  dropoffZoneId: string;
  dropoffZoneCode: string;
};

// The active jobs of the batch's trucks, in one statement with the phones as one array: it runs
// for every committed batch, and Prisma's `in` over thousands of phones costs more than the
// query (one bound parameter per phone, compiled each time).
const ACTIVE_JOBS = `SELECT j.id, j.status, d."terminalPhone",
  p.id AS "pickupZoneId", p.code AS "pickupZoneCode", p.kind AS "pickupZoneKind",
  p."terminalId" AS "pickupZoneTerminalId", o.id AS "dropoffZoneId", o.code AS "dropoffZoneCode"
FROM "DispatchJob" j
JOIN "Device" d ON d."vehicleId" = j."vehicleId"
JOIN "Zone" p ON p.id = j."pickupZoneId"
JOIN "Zone" o ON o.id = j."dropoffZoneId"
WHERE j.status = ANY($1::text[]::"DispatchJobStatus"[]) AND d."terminalPhone" = ANY($2::text[])`;

/**
 * Advances dispatch jobs from the tracker's committed batches: finds the active job of each
 * truck (by its device's terminal phone, the fixes' asset key), lets the engine decide, and
 * writes the changes (with the container's gate events) and streams them to `dispatch.live`.
 */
export class DispatchMonitor {
  readonly stats: DispatchMonitorStats = {
    advanced: 0,
    conflicts: 0,
    failedWrites: 0,
    refusedContainerEvents: 0,
  };
  private readonly engine = new DispatchEngine();
  private lastPruneMs = 0;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma' | 'sql'>;
      now: () => Date;
      jobChanges?: JobChangeTopic | undefined;
      logger?: Logger | undefined;
      /** Told of a job the engine delivered that asks for proof (a photo at the drop-off). */
      onDelivered?: ((job: DispatchJob) => Promise<unknown>) | undefined;
    },
  ) {}

  /** The tracker's after-write step. */
  async observe(
    fixes: readonly Fix[],
    transitions: readonly GeofenceTransition[],
  ): Promise<number> {
    const fixesOf = new Map<string, Fix[]>();
    for (const fix of fixes) {
      if (fix.assetKind !== 'VEHICLE') continue;
      const list = fixesOf.get(fix.assetKey);
      if (list) list.push(fix);
      else fixesOf.set(fix.assetKey, [fix]);
    }
    const transitionsOf = new Map<string, GeofenceTransition[]>();
    for (const transition of transitions) {
      if (transition.assetKind !== 'VEHICLE') continue;
      const list = transitionsOf.get(transition.assetKey);
      if (list) list.push(transition);
      else transitionsOf.set(transition.assetKey, [transition]);
    }
    this.pruneStanding();
    const phones = [...new Set([...fixesOf.keys(), ...transitionsOf.keys()])];
    if (phones.length === 0) return 0;
    const jobs = await this.activeJobs(phones, transitionsOf);
    let advanced = 0;
    for (const job of jobs) {
      const steps = this.engine.plan(
        job,
        fixesOf.get(job.terminalPhone) ?? [],
        transitionsOf.get(job.terminalPhone) ?? [],
      );
      if (steps.length === 0) continue;
      try {
        const applied = await applySteps(
          this.deps.db,
          job.id,
          job.status,
          steps,
          { kind: 'GEOFENCE' },
          this.deps.now(),
        );
        advanced += applied.events.length;
        this.stats.refusedContainerEvents += applied.refusedContainerEvents.length;
        for (const message of applied.refusedContainerEvents)
          this.deps.logger?.warn({ job: job.id, reason: message }, 'container event refused');
        for (const event of applied.events)
          this.deps.jobChanges?.publish({ job: applied.job, event });
        const isDelivered = applied.events.some((event) => event.toStatus === 'DELIVERED');
        if (isDelivered && applied.job.requiresProofPhoto && this.deps.onDelivered)
          // In the background: the tracker's next batch does not wait on a terminal.
          void this.deps.onDelivered(applied.job).catch((error: unknown) => {
            this.deps.logger?.error({ err: error, job: job.id }, 'proof photo not requested');
          });
      } catch (error) {
        if (isHarborError(error, 'conflict')) {
          this.stats.conflicts++;
          continue;
        }
        this.stats.failedWrites++;
        this.deps.logger?.error({ err: error, job: job.id }, 'dispatch job not advanced');
      }
    }
    this.stats.advanced += advanced;
    return advanced;
  }

  /** At most every 10 minutes, forgets where trucks stood more than 12 hours ago. */
  private pruneStanding(): void {
    const nowMs = this.deps.now().getTime();
    if (nowMs - this.lastPruneMs < 600_000) return;
    this.lastPruneMs = nowMs;
    this.engine.prune(new Date(nowMs - 12 * 3_600_000));
  }

  private async activeJobs(
    phones: string[],
    transitionsOf: ReadonlyMap<string, readonly GeofenceTransition[]>,
  ): Promise<WatchedJob[]> {
    const { rows } = await this.deps.db.sql.query<ActiveJobRow>(ACTIVE_JOBS, [
      [...ACTIVE_JOB_STATUSES],
      phones,
    ]);
    const jobs: WatchedJob[] = [];
    for (const row of rows) {
      const job: WatchedJob = {
        id: row.id,
        status: row.status,
        terminalPhone: row.terminalPhone,
        pickupZone: { id: row.pickupZoneId, code: row.pickupZoneCode },
        dropoffZone: { id: row.dropoffZoneId, code: row.dropoffZoneCode },
        pickupIsTerminalGate: row.pickupZoneKind === 'GATE' && row.pickupZoneTerminalId !== null,
      };
      if (
        job.pickupIsTerminalGate &&
        job.status === 'AT_PICKUP' &&
        !this.engine.knowsGateExits(job.id)
      )
        job.pickupExitsSoFar = await this.gateExitsSinceAtPickup(
          job,
          transitionsOf.get(job.terminalPhone) ?? [],
        );
      jobs.push(job);
    }
    return jobs;
  }

  /**
   * After a restart: the truck's exits from the pickup gate since the job reached AT_PICKUP,
   * from the stored geofence events. The batch's own transitions are stored already (the
   * monitor runs after the commit) and are left out: the engine counts them as it plans.
   */
  private async gateExitsSinceAtPickup(
    job: WatchedJob,
    batch: readonly GeofenceTransition[],
  ): Promise<number> {
    const batchStart = Math.min(...batch.map((transition) => transition.at.getTime()));
    const atPickup = await this.deps.db.prisma.dispatchJobEvent.findFirst({
      where: { jobId: job.id, toStatus: 'AT_PICKUP' },
      orderBy: { at: 'desc' },
      select: { at: true },
    });
    if (!atPickup) return 0;
    return this.deps.db.prisma.geofenceEvent.count({
      where: {
        zoneId: job.pickupZone.id,
        assetKind: 'VEHICLE',
        assetKey: job.terminalPhone,
        transition: 'EXIT',
        at: Number.isFinite(batchStart)
          ? { gt: atPickup.at, lt: new Date(batchStart) }
          : { gt: atPickup.at },
      },
    });
  }
}
