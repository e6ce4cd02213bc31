import type { Db } from '@harbor/db';
import {
  ACTIVE_JOB_STATUSES,
  type DispatchJobStatus,
  type JobEta,
  type JobEtasInput,
  type SessionUser,
} from '@harbor/shared';
import { organizationScope } from '../auth/scope.ts';
import type { LatestPositionCache } from '../positions/latest-cache.ts';
import { type LatLon, roadEstimate } from './routing.ts';

type Deps = {
  db: Db;
  now: () => Date;
  latestPositions: Pick<LatestPositionCache, 'get'>;
};

/**
 * Time at the pickup between arriving and driving off loaded (queue at the gate, the crane's
 * lift, papers): an assumption, stated in docs/architecture.md, until terminals report it.
 */
export const PICKUP_HANDLING_MINUTES = 20;

/** Statuses in which the truck still has to reach the pickup. */
const BEFORE_PICKUP: readonly DispatchJobStatus[] = ['ASSIGNED', 'EN_ROUTE_PICKUP', 'AT_PICKUP'];

type Box = { minLat: number; maxLat: number; minLon: number; maxLon: number };
const centre = (box: Box): LatLon => ({
  lat: (box.minLat + box.maxLat) / 2,
  lon: (box.minLon + box.maxLon) / 2,
});
const zoneBox = { select: { minLat: true, maxLat: true, minLon: true, maxLon: true } } as const;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The active jobs in scope (or one of them) whose truck has a known position, each with the
 * road ETA to its next stop (routing.ts, to the zone's centre) and to the drop-off. From the
 * position cache, one query for the jobs; a job without a located truck is left out.
 */
export async function jobEtas(
  deps: Deps,
  user: SessionUser,
  input: JobEtasInput,
): Promise<JobEta[]> {
  const jobs = await deps.db.prisma.dispatchJob.findMany({
    where: {
      ...organizationScope(user),
      ...(input?.jobId ? { id: input.jobId } : {}),
      status: { in: [...ACTIVE_JOB_STATUSES] },
      vehicleId: { not: null },
    },
    select: {
      id: true,
      status: true,
      vehicleId: true,
      vehicle: { select: { device: { select: { terminalPhone: true } } } },
      pickupZone: zoneBox,
      dropoffZone: zoneBox,
    },
  });
  const now = deps.now().getTime();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  return jobs.flatMap((job): JobEta[] => {
    const phone = job.vehicle?.device?.terminalPhone;
    const position = phone ? deps.latestPositions.get('VEHICLE', phone) : null;
    if (!position || !job.vehicleId) return [];
    const pickup = centre(job.pickupZone);
    const dropoff = centre(job.dropoffZone);
    const beforePickup = BEFORE_PICKUP.includes(job.status);
    const next = roadEstimate(position, beforePickup ? pickup : dropoff);
    const dropoffMinutes = beforePickup
      ? next.etaMinutes + PICKUP_HANDLING_MINUTES + roadEstimate(pickup, dropoff).etaMinutes
      : next.etaMinutes;
    return [
      {
        jobId: job.id,
        vehicleId: job.vehicleId,
        position: { lat: position.lat, lon: position.lon, fixAt: position.fixAt },
        target: beforePickup ? 'PICKUP' : 'DROPOFF',
        etaMinutes: round1(next.etaMinutes),
        distanceKm: round1(next.distanceKm),
        viaBridge: next.viaBridge,
        arrivalAt: at(next.etaMinutes),
        dropoffArrivalAt: at(dropoffMinutes),
      },
    ];
  });
}
