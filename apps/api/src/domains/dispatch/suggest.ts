import type { Db } from '@harbor/db';
import type { Position, SessionUser, SuggestTrucksInput, TruckSuggestion } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { organizationScope } from '../auth/scope.ts';
import type { LatestPositionCache } from '../positions/latest-cache.ts';
import { derivedStatusWhere } from '../vehicles/status.ts';
import { etaMinutes, explain, type LatLon, roadEstimate } from './routing.ts';

const HOUR_MS = 3_600_000;

type Deps = {
  db: Db;
  now: () => Date;
  latestPositions: Pick<LatestPositionCache, 'all' | 'ownerOf'>;
};

/**
 * The company's trucks with a known position (references into the cache, nothing copied)
 * and each one's ETA to `pickup`.
 */
function locatedTrucks(
  deps: Deps,
  organizationId: string,
  pickup: LatLon,
): { positions: Position[]; eta: Float64Array } {
  const positions: Position[] = [];
  for (const position of deps.latestPositions.all())
    if (
      position.assetKind === 'VEHICLE' &&
      deps.latestPositions.ownerOf('VEHICLE', position.assetKey) === organizationId
    )
      positions.push(position);
  const eta = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i++) eta[i] = etaMinutes(positions[i] as Position, pickup);
  return { positions, eta };
}

/**
 * Indexes of the `count` smallest values, smallest first, skipping `taken`: one pass with a
 * short sorted list for the first rounds (O(n) for a small count), a full sort for later ones.
 */
function smallest(eta: Float64Array, count: number, taken: Set<number>): number[] {
  const byEta = (a: number, b: number) => (eta[a] as number) - (eta[b] as number);
  if (count > 64) {
    const rest: number[] = [];
    for (let i = 0; i < eta.length; i++) if (!taken.has(i)) rest.push(i);
    return rest.sort(byEta).slice(0, count);
  }
  const best: number[] = [];
  for (let i = 0; i < eta.length; i++) {
    if (taken.has(i)) continue;
    const value = eta[i] as number;
    if (best.length === count && value >= (eta[best[count - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (eta[best[at - 1] as number] as number) > value) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The company's available trucks ranked by estimated driving time to the job's pickup zone
 * (its centre), by road: over the Donghai Bridge when the truck and the pickup are on
 * different sides of the water (routing.ts). Every located truck is estimated in memory
 * (a few microseconds each), then availability, which needs the database (shifts, jobs,
 * manual status), is checked for the best ones only, in growing rounds until `limit` are found.
 * When the job has a booked slot at the gates, the trucks that can make it come first.
 */
export async function suggestTrucks(
  deps: Deps,
  user: SessionUser,
  input: SuggestTrucksInput,
): Promise<TruckSuggestion[]> {
  const job = await deps.db.prisma.dispatchJob.findFirst({
    where: { id: input.jobId, ...organizationScope(user) },
    select: {
      id: true,
      organizationId: true,
      status: true,
      pickupZone: { select: { minLat: true, maxLat: true, minLon: true, maxLon: true } },
    },
  });
  if (!job) throw new HarborError('not-found', 'job.not-found', 'no such dispatch job');
  if (job.status !== 'PLANNED' && job.status !== 'ASSIGNED')
    throw new HarborError(
      'invalid',
      'job.not-suggestable',
      `the job is ${job.status}: trucks are suggested for PLANNED or ASSIGNED jobs`,
      { params: { status: job.status } },
    );
  const zone = job.pickupZone;
  const pickup: LatLon = {
    lat: (zone.minLat + zone.maxLat) / 2,
    lon: (zone.minLon + zone.maxLon) / 2,
  };
  const { positions, eta } = locatedTrucks(deps, job.organizationId, pickup);
  // The job's booked hour at the gates, if it has one: trucks that can make it come first.
  const slot = await deps.db.prisma.truckAppointment.findFirst({
    where: { dispatchJobId: job.id, status: 'BOOKED' },
    orderBy: { slotStart: 'asc' },
    select: { slotStart: true },
  });
  // With a slot, a few more than asked are looked at, so that trucks booked elsewhere for
  // that hour can give way to the next ones by time.
  const wanted = slot ? input.limit * 2 : input.limit;

  const now = deps.now();
  const chosen: TruckSuggestion[] = [];
  const taken = new Set<number>();
  let round = Math.max(20, wanted * 4);
  while (chosen.length < wanted && taken.size < positions.length) {
    const slice = smallest(eta, round, taken).map((i) => {
      taken.add(i);
      return positions[i] as Position;
    });
    round *= 4;
    const available = await deps.db.prisma.vehicle.findMany({
      where: {
        AND: [
          { organizationId: job.organizationId },
          { device: { terminalPhone: { in: slice.map((p) => p.assetKey) } } },
          // The truck already on this job counts as available for it.
          {
            OR: [derivedStatusWhere('AVAILABLE', now), { dispatchJobs: { some: { id: job.id } } }],
          },
        ],
      },
      select: { id: true, plate: true, status: true, device: { select: { terminalPhone: true } } },
    });
    const byPhone = new Map(available.map((v) => [v.device?.terminalPhone, v]));
    for (const position of slice) {
      const vehicle = byPhone.get(position.assetKey);
      if (!vehicle || vehicle.status === 'MAINTENANCE' || vehicle.status === 'OFF_DUTY') continue;
      const estimate = roadEstimate(position, pickup);
      chosen.push({
        arrivesAt: new Date(now.getTime() + estimate.etaMinutes * 60_000).toISOString(),
        makesSlot: null,
        vehicleId: vehicle.id,
        plate: vehicle.plate,
        terminalPhone: position.assetKey,
        fixAt: position.fixAt,
        etaMinutes: Math.round(estimate.etaMinutes * 10) / 10,
        distanceKm: Math.round(estimate.distanceKm * 10) / 10,
        straightLineKm: Math.round(estimate.straightLineKm * 10) / 10,
        viaBridge: estimate.viaBridge,
        why: explain(estimate),
      });
      if (chosen.length === wanted) break;
    }
  }
  return slot ? preferSlotMakers(deps, job.id, slot.slotStart, chosen, input.limit) : chosen;
}

/**
 * Ranks first the trucks that can make the job's slot: there before its hour is over, and not
 * booked at another terminal or for another job for the same hour. The rest follow, each
 * group by time to the pickup.
 */
async function preferSlotMakers(
  deps: Deps,
  jobId: string,
  slotStart: Date,
  chosen: TruckSuggestion[],
  limit: number,
): Promise<TruckSuggestion[]> {
  const slotEnd = slotStart.getTime() + HOUR_MS;
  const bookedElsewhere = new Set(
    (
      await deps.db.prisma.truckAppointment.findMany({
        where: {
          vehicleId: { in: chosen.map((s) => s.vehicleId) },
          slotStart,
          status: 'BOOKED',
          OR: [{ dispatchJobId: null }, { dispatchJobId: { not: jobId } }],
        },
        select: { vehicleId: true },
      })
    ).map((row) => row.vehicleId),
  );
  const judged = chosen.map((s) => ({
    ...s,
    makesSlot: Date.parse(s.arrivesAt) < slotEnd && !bookedElsewhere.has(s.vehicleId),
  }));
  return [...judged.filter((s) => s.makesSlot), ...judged.filter((s) => !s.makesSlot)].slice(
    0,
    limit,
  );
}
