import { distanceM, knotsToKmh } from '@harbor/shared';

/** One stored position of a vehicle, in time order. */
export type TrackFix = {
  fixAtMs: number;
  lat: number;
  lon: number;
  speedKnots: number | null;
  /** The vehicle status the device reported: ACC_ON / ACC_OFF for JT/T 808 terminals. */
  status: string | null;
};

export type Place = { code: string; name: string; nameZh?: string | null };

/** Slower than this the vehicle stands still (GPS speed jitters around zero when parked). */
export const STOP_SPEED_KMH = 3;
/** Standing still at least this long is a stop; shorter (a traffic light, a gate queue) is part of a trip. */
export const MIN_STOP_MS = 5 * 60_000;
/** A step implying more than this is a GPS jump, not a truck. */
export const MAX_PLAUSIBLE_KMH = 150;

export type StopRow = {
  startMs: number;
  endMs: number;
  idleMs: number;
  lat: number;
  lon: number;
  place: Place | null;
};

export type TripRow = {
  startMs: number;
  endMs: number;
  distanceM: number;
  maxSpeedKmh: number;
  from: Place | null;
  to: Place | null;
};

export type TrackAnalysis = {
  fixes: number;
  /** Fixes dropped as GPS jumps. */
  jumps: number;
  distanceM: number;
  movingMs: number;
  stoppedMs: number;
  idleMs: number;
  stops: StopRow[];
  trips: TripRow[];
};

type GoodFix = TrackFix & { kmh: number; stepM: number };

const kmhOf = (metres: number, ms: number) =>
  ms > 0 ? metres / 1000 / (ms / 3_600_000) : Infinity;

/**
 * Drops GPS jumps: a fix further from the last good one than MAX_PLAUSIBLE_KMH allows is
 * set aside; if the next fix agrees with it rather than with the last good one, the vehicle
 * really is there (a gap in reporting, a ferry): both are kept, and the leap counts no distance.
 */
function withoutJumps(fixes: readonly TrackFix[]): { good: GoodFix[]; jumps: number } {
  const good: GoodFix[] = [];
  let pending: TrackFix | null = null;
  let jumps = 0;
  const keep = (fix: TrackFix, stepM: number, stepMs: number) =>
    good.push({
      ...fix,
      stepM,
      kmh:
        fix.speedKnots !== null
          ? knotsToKmh(fix.speedKnots)
          : stepMs > 0
            ? Math.min(kmhOf(stepM, stepMs), MAX_PLAUSIBLE_KMH)
            : 0,
    });
  for (const fix of fixes) {
    const last = good.at(-1);
    if (!last) {
      keep(fix, 0, 0);
      continue;
    }
    const stepM = distanceM([last.lon, last.lat], [fix.lon, fix.lat]);
    const stepMs = fix.fixAtMs - last.fixAtMs;
    if (stepM < 1 || kmhOf(stepM, stepMs) <= MAX_PLAUSIBLE_KMH) {
      keep(fix, stepM, stepMs);
      if (pending) jumps++;
      pending = null;
      continue;
    }
    if (pending) {
      const fromPendingM = distanceM([pending.lon, pending.lat], [fix.lon, fix.lat]);
      if (kmhOf(fromPendingM, fix.fixAtMs - pending.fixAtMs) <= MAX_PLAUSIBLE_KMH) {
        keep(pending, 0, 0);
        keep(fix, fromPendingM, fix.fixAtMs - pending.fixAtMs);
        pending = null;
        continue;
      }
      jumps++;
    }
    pending = fix;
  }
  if (pending) jumps++;
  return { good, jumps };
}

/**
 * Distance, stops, trips, moving and idle time of one vehicle's track. Each fix's state
 * (moving, or standing with the ignition on or off) holds until the next fix. A stop is a
 * run of standing fixes lasting MIN_STOP_MS or more, from its first fix to the first moving
 * fix after it; trips are the movement between stops. Distance sums great-circle steps
 * between good fixes (drift while parked included, GPS jumps not).
 */
export function analyseTrack(
  fixes: readonly TrackFix[],
  placeAt: (lon: number, lat: number) => Place | null = () => null,
): TrackAnalysis {
  const { good, jumps } = withoutJumps(fixes);
  const result: TrackAnalysis = {
    fixes: fixes.length,
    jumps,
    distanceM: 0,
    movingMs: 0,
    stoppedMs: 0,
    idleMs: 0,
    stops: [],
    trips: [],
  };
  const standing = (fix: GoodFix) => fix.kmh < STOP_SPEED_KMH;
  const at = (k: number) => good[k] as GoodFix;
  // A fix's state lasts until the next fix.
  const durationMs = (k: number) => (k + 1 < good.length ? at(k + 1).fixAtMs - at(k).fixAtMs : 0);
  for (let k = 0; k < good.length; k++) {
    result.distanceM += at(k).stepM;
    if (!standing(at(k))) result.movingMs += durationMs(k);
    else {
      result.stoppedMs += durationMs(k);
      if (at(k).status === 'ACC_ON') result.idleMs += durationMs(k);
    }
  }
  const stopRanges: [number, number][] = [];
  for (let i = 0; i < good.length; i++) {
    if (!standing(at(i))) continue;
    let j = i;
    while (j + 1 < good.length && standing(at(j + 1))) j++;
    const endMs = at(Math.min(j + 1, good.length - 1)).fixAtMs;
    if (endMs - at(i).fixAtMs >= MIN_STOP_MS) stopRanges.push([i, j]);
    i = j;
  }
  for (const [first, last] of stopRanges) {
    const start = at(first);
    const endMs = at(Math.min(last + 1, good.length - 1)).fixAtMs;
    let idleMs = 0;
    for (let k = first; k <= last; k++) if (at(k).status === 'ACC_ON') idleMs += durationMs(k);
    result.stops.push({
      startMs: start.fixAtMs,
      endMs,
      idleMs,
      lat: start.lat,
      lon: start.lon,
      place: placeAt(start.lon, start.lat),
    });
  }
  // Trips: the fixes between one stop's last fix and the next stop's first one.
  const bounds: [number, number][] = [];
  let from = 0;
  for (const [first, last] of stopRanges) {
    bounds.push([from, first]);
    from = last;
  }
  bounds.push([from, good.length - 1]);
  bounds.forEach(([a, b], index) => {
    let distance = 0;
    let maxKmh = 0;
    let moved = false;
    for (let k = a + 1; k <= b; k++) distance += at(k).stepM;
    for (let k = a; k <= b; k++) {
      if (standing(at(k))) continue;
      moved = true;
      maxKmh = Math.max(maxKmh, at(k).kmh);
    }
    if (!moved || b <= a) return;
    const before = index > 0 ? result.stops[index - 1] : undefined;
    const after = result.stops[index];
    result.trips.push({
      startMs: before ? before.endMs : at(a).fixAtMs,
      endMs: after ? after.startMs : at(b).fixAtMs,
      distanceM: distance,
      maxSpeedKmh: maxKmh,
      from: before?.place ?? null,
      to: after?.place ?? null,
    });
  });
  return result;
}
