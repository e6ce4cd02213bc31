import type { Db } from '@harbor/db';
import type {
  SessionUser,
  VehicleReport,
  VehicleReportInput,
  VehicleReportsInput,
  VehicleSummary,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { organizationScope } from '../auth/scope.ts';
import { readTrack } from '../history/track-store.ts';
import { ZoneLocator } from '../port/zone-locator.ts';
import { analyseTrack, type TrackAnalysis, type TrackFix } from './trips.ts';

type Deps = { db: Pick<Db, 'prisma' | 'sql'> };

/** Without a list, a report covers the first vehicles by plate, at most this many. */
export const MAX_REPORT_VEHICLES = 500;

/** The most fixes one vehicle's report reads: one a second over the longest period (31 days). */
const MAX_REPORT_FIXES = 31 * 86_400;

type Vehicle = { id: string; plate: string; device: { terminalPhone: string } | null };

async function vehiclesFor(deps: Deps, user: SessionUser, ids: string[] | undefined) {
  return deps.db.prisma.vehicle.findMany({
    where: { ...organizationScope(user), ...(ids ? { id: { in: ids } } : {}) },
    select: { id: true, plate: true, device: { select: { terminalPhone: true } } },
    orderBy: { plate: 'asc' },
    take: MAX_REPORT_VEHICLES,
  });
}

/** One vehicle's fixes of the period (about 3,000 a truck-day). */
async function historyOf(
  deps: Deps,
  phone: string | undefined,
  from: Date,
  to: Date,
): Promise<TrackFix[]> {
  if (!phone) return [];
  // The end is exclusive here; the track store's is inclusive, so read to a millisecond before.
  const points = await readTrack(deps.db, {
    assetKind: 'VEHICLE',
    assetKey: phone,
    from,
    to: new Date(to.getTime() - 1),
    limit: MAX_REPORT_FIXES,
  });
  return points.map((point) => ({
    fixAtMs: point.fixAt,
    lat: point.lat,
    lon: point.lon,
    speedKnots: point.speedKnots,
    status: point.status,
  }));
}

/** Jobs of the period: their window overlaps it, or they were delivered in it. */
async function jobsOf(deps: Deps, vehicleIds: string[], from: Date, to: Date) {
  return deps.db.prisma.dispatchJob.findMany({
    where: {
      vehicleId: { in: vehicleIds },
      OR: [
        { windowStart: { lt: to }, windowEnd: { gte: from } },
        { deliveredAt: { gte: from, lt: to } },
      ],
    },
    select: { vehicleId: true, status: true, deliveredAt: true, windowEnd: true },
  });
}

async function zoneLocator(deps: Deps): Promise<ZoneLocator> {
  const zones = await deps.db.prisma.zone.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      nameZh: true,
      kind: true,
      polygon: true,
      minLon: true,
      minLat: true,
      maxLon: true,
      maxLat: true,
    },
  });
  return new ZoneLocator(
    zones.flatMap((zone) => {
      const polygon = zone.polygon as { type?: string; coordinates?: unknown };
      return polygon?.type === 'Polygon' && Array.isArray(polygon.coordinates)
        ? [{ ...zone, polygon: polygon as { type: 'Polygon'; coordinates: number[][][] } }]
        : [];
    }),
  );
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

function summary(
  vehicle: Vehicle,
  track: TrackAnalysis,
  jobs: Awaited<ReturnType<typeof jobsOf>>,
): VehicleSummary {
  const own = jobs.filter((job) => job.vehicleId === vehicle.id);
  const delivered = own.filter((job) => job.status === 'DELIVERED' && job.deliveredAt);
  const onTime = delivered.filter((job) => job.deliveredAt && job.deliveredAt <= job.windowEnd);
  return {
    vehicleId: vehicle.id,
    plate: vehicle.plate,
    terminalPhone: vehicle.device?.terminalPhone ?? null,
    fixes: track.fixes,
    distanceKm: Math.round(track.distanceM / 10) / 100,
    movingMinutes: minutes(track.movingMs),
    stoppedMinutes: minutes(track.stoppedMs),
    idleMinutes: minutes(track.idleMs),
    tripCount: track.trips.length,
    stopCount: track.stops.length,
    jobs: own.length,
    jobsDelivered: delivered.length,
    jobsOnTime: onTime.length,
    onTimeRate: delivered.length === 0 ? null : onTime.length / delivered.length,
  };
}

/** A summary row per vehicle the user may see (a company: its own; port staff: all). */
export async function vehicleSummaries(
  deps: Deps,
  user: SessionUser,
  input: VehicleReportsInput,
): Promise<VehicleSummary[]> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  const vehicles = await vehiclesFor(deps, user, input.vehicleIds);
  const jobs = await jobsOf(
    deps,
    vehicles.map((v) => v.id),
    from,
    to,
  );
  const locator = await zoneLocator(deps);
  const placeAt = (lon: number, lat: number) => locator.zoneAt(lon, lat);
  // A vehicle at a time, so only one vehicle's history is ever held in memory.
  const rows: VehicleSummary[] = [];
  for (const vehicle of vehicles) {
    const history = await historyOf(deps, vehicle.device?.terminalPhone, from, to);
    rows.push(summary(vehicle, analyseTrack(history, placeAt), jobs));
  }
  return rows;
}

/** One vehicle's summary with its trips and stops; another company's vehicle is NOT_FOUND. */
export async function vehicleReport(
  deps: Deps,
  user: SessionUser,
  input: VehicleReportInput,
): Promise<VehicleReport> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  const [vehicle] = await vehiclesFor(deps, user, [input.vehicleId]);
  if (!vehicle) throw new HarborError('not-found', 'vehicle.not-found', 'no such vehicle');
  const history = await historyOf(deps, vehicle.device?.terminalPhone, from, to);
  const locator = await zoneLocator(deps);
  const track = analyseTrack(history, (lon, lat) => locator.zoneAt(lon, lat));
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...summary(vehicle, track, await jobsOf(deps, [vehicle.id], from, to)),
    from: input.from,
    to: input.to,
    stops: track.stops.map((stop) => ({
      startAt: iso(stop.startMs),
      endAt: iso(stop.endMs),
      durationMinutes: minutes(stop.endMs - stop.startMs),
      idleMinutes: minutes(stop.idleMs),
      lat: stop.lat,
      lon: stop.lon,
      zoneCode: stop.place?.code ?? null,
      zoneName: stop.place?.name ?? null,
      zoneNameZh: stop.place?.nameZh ?? null,
    })),
    trips: track.trips.map((trip) => ({
      startAt: iso(trip.startMs),
      endAt: iso(trip.endMs),
      durationMinutes: minutes(trip.endMs - trip.startMs),
      distanceKm: Math.round(trip.distanceM / 10) / 100,
      maxSpeedKmh: Math.round(trip.maxSpeedKmh * 10) / 10,
      fromZoneCode: trip.from?.code ?? null,
      toZoneCode: trip.to?.code ?? null,
    })),
  };
}
