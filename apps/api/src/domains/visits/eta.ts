import {
  bearingDeg,
  distanceM,
  type FairwayNetwork,
  type Fix,
  knotsToMps,
  type LonLat,
} from '@harbor/shared';
import { angleBetweenDeg } from '../port/geodesy.ts';
import { type FairwayRoute, type RouteTarget, routeToBerth } from './fairway-route.ts';

// Speeds along the route. At sea a ship keeps the speed it is making; from the pilot boarding
// ground in, the port sets the pace.

/**
 * Under pilotage in the channels: Yangshan's deep-water channel is limited to 10 kn (seed
 * zone YS-FAIRWAY) and deep-draught ships keep just under the limit. The simulator's ships
 * also make 9 kn from the anchorage in, which flatters the benchmark's last half hour.
 */
export const FAIRWAY_KNOTS = 9;
/** The mile before the turning point and the swing in: slow enough for tugs to make fast (5-6 kn). */
export const TUG_KNOTS = 5;
export const TUG_STRETCH_M = 1_852;
/** The last 500 m, pushed alongside by the tugs at walking pace. */
export const BERTHING_KNOTS = 1.5;
export const BERTHING_STRETCH_M = 500;
/** A stopped ship outside the boarding ground, once it gets going: a usual approach speed. */
export const DEFAULT_SEA_KNOTS = 12;
/** Heaving up the anchor (or letting go the lines) before a stopped ship can move: 20 min. */
export const WEIGH_ANCHOR_MS = 20 * 60_000;
/** Speed over ground is the mean of the reports of the last 10 minutes. */
export const SMOOTHING_MS = 10 * 60_000;
/** Below this a ship is stopped, whatever its status says. */
export const STOPPED_KNOTS = 1;
/** "At anchor" or "moored" counts up to this speed (swinging, drifting); above it the status is stale. */
export const RESTING_MAX_KNOTS = 3;
/** A declared arrival further ahead than this is taken for a mistake (a wrong date in type 5). */
export const MAX_DECLARED_AHEAD_MS = 7 * 86_400_000;

const RESTING_STATUSES = new Set(['AT_ANCHOR', 'MOORED']);

/** A fix as the predictor reads it; `status` is the AIS navigational status as Harbor stores it ('AT_ANCHOR', 'MOORED', 'UNDER_WAY_USING_ENGINE', ...). */
export type ArrivalFix = {
  atMs: number;
  lon: number;
  lat: number;
  speedKnots: number | null;
  courseDeg: number | null;
  status: string | null;
};

export type ArrivalInput = {
  /** The port's fairway network (Port.fairway); null when it has none: then straight lines. */
  fairway: FairwayNetwork | null;
  /** The berth the ship is going to: its centre, and its terminal's code (the network node of that id is its turning point). */
  berth: RouteTarget;
  /** The port's pilot boarding grounds (PILOT_BOARDING zone centres). */
  pilotBoardings: readonly LonLat[];
  /** The ship's recent fixes, oldest first, the latest last: the last hour or two. */
  fixes: readonly ArrivalFix[];
  /** The ETA of the ship's latest AIS static and voyage data (type 5), resolved to a time. */
  aisEtaMs: number | null;
  /** The schedule's planned arrival at the berth (the visit's ETA). */
  plannedEtaMs: number | null;
};

export type ArrivalMotion = 'UNDER_WAY' | 'STOPPED' | 'LEFT_ANCHORAGE';

export type ArrivalPrediction = {
  /** Predicted arrival at the berth. */
  berthEtaMs: number;
  /** Predicted arrival at the pilot boarding ground; null once passed (or none on the way). */
  pilotEtaMs: number | null;
  /** The earliest arrival the track allows, along the route at the speeds above. */
  earliestBerthMs: number;
  /** What gave `berthEtaMs`: the track, or a later declared arrival that the ship is taken to wait for. */
  basis: 'TRACK' | 'PLANNED' | 'AIS';
  motion: ArrivalMotion;
  /** Whether the ship's course points along its route (within 90°); null when stopped or without a course. */
  isHeadingIn: boolean | null;
  /** Metres still to go along the fairway network. */
  remainingM: number;
  route: FairwayRoute;
};

/**
 * Predicts when a ship reaches the pilot boarding ground and its berth, from what Harbor
 * receives: its AIS fixes, its type 5 ETA, the schedule. Times count from the latest fix.
 *
 * The way: along the fairway network (routeToBerth), never the straight line when there is
 * one. The pace: the ship's own speed over ground (mean of the last 10 min) at sea, up to the
 * pilot boarding ground; FAIRWAY_KNOTS from there (the whole way once the ground is passed);
 * TUG_KNOTS from a mile before the turning point; BERTHING_KNOTS for the last 500 m. That
 * gives the earliest arrival the track allows.
 *
 * A ship cannot arrive before that, but it may arrive later: it waits when its berth is not
 * free, and the track cannot show a wait. The declared arrival can: the schedule's planned
 * ETA, else the AIS ETA (ignored when more than 7 days ahead). So:
 * - under way: the later of the track's earliest arrival and the declared one; a ship that
 *   will wait is taken to wait past the boarding ground (Shanghai's anchorages lie inside
 *   them), so the pilot ETA stays the track's;
 * - stopped (under 1 kn, or at anchor or moored under 3 kn, by the latest fix or the mean of
 *   the last 10 minutes): the earliest is now plus 20 min to weigh anchor plus the transit
 *   from where it lies at the port's speeds; the prediction is the later of that and the
 *   declared arrival, and the ship waits where it lies, so the pilot ETA is the berth ETA
 *   less the transit from the boarding ground;
 * - under way after stopping within the fixes given (it left the anchorage): the track alone,
 *   since the wait is over.
 * Returns null without a fix.
 */
export function predictArrival(input: ArrivalInput): ArrivalPrediction | null {
  const latest = input.fixes.at(-1);
  if (!latest) return null;
  const position: LonLat = [latest.lon, latest.lat];
  const route = routeToBerth(input.fairway, position, input.berth, input.pilotBoardings);
  const speedKnots = smoothedSpeedKnots(input.fixes);
  // Stopped by its latest report (it may just have dropped anchor), or over the last minutes.
  const isStopped = isStoppedFix(latest) || isStoppedFix({ ...latest, speedKnots });
  const motion: ArrivalMotion = isStopped
    ? 'STOPPED'
    : input.fixes.some(isStoppedFix)
      ? 'LEFT_ANCHORAGE'
      : 'UNDER_WAY';

  // Open water up to the pilot boarding ground; none once it is passed; without a known
  // ground, up to the network; without a network, up to the mile before the final approach.
  const seaEndM = !route.hasNetwork
    ? Math.max(0, route.lengthM - BERTHING_STRETCH_M - TUG_STRETCH_M)
    : (route.pilotAtM ?? (route.hasPilotBoarding ? 0 : Math.min(route.joinM, route.lengthM)));
  const seaKnots = isStopped
    ? DEFAULT_SEA_KNOTS
    : Math.max(STOPPED_KNOTS, speedKnots ?? DEFAULT_SEA_KNOTS);
  const msTo = travelTime(route, seaEndM, seaKnots);
  const startMs = latest.atMs + (isStopped ? WEIGH_ANCHOR_MS : 0);
  const earliestBerthMs = startMs + msTo(route.lengthM);

  const declared = declaredArrival(input, latest.atMs);
  const waits = motion !== 'LEFT_ANCHORAGE' && declared !== null && declared.atMs > earliestBerthMs;
  const berthEtaMs = waits ? declared.atMs : earliestBerthMs;
  const pilotEtaMs =
    route.pilotAtM === null
      ? null
      : isStopped
        ? berthEtaMs - (msTo(route.lengthM) - msTo(route.pilotAtM))
        : startMs + msTo(route.pilotAtM);
  return {
    berthEtaMs,
    pilotEtaMs,
    earliestBerthMs,
    basis: waits ? declared.basis : 'TRACK',
    motion,
    isHeadingIn: isStopped ? null : headingIn(latest, route),
    remainingM: route.lengthM,
    route,
  };
}

/** A stored fix as the predictor's input. */
export function arrivalFix(fix: Fix): ArrivalFix {
  return {
    atMs: fix.fixAt.getTime(),
    lon: fix.lon,
    lat: fix.lat,
    speedKnots: fix.speedKnots,
    courseDeg: fix.courseDeg,
    status: fix.status,
  };
}

/** Milliseconds from the ship to a point `m` metres along the route, at the speeds of each stretch. */
function travelTime(route: FairwayRoute, seaEndM: number, seaKnots: number) {
  const berthingFromM = Math.max(0, route.lengthM - BERTHING_STRETCH_M);
  const tugFromM = Math.min(berthingFromM, Math.max(seaEndM, route.turningAtM - TUG_STRETCH_M));
  const stretches: [fromM: number, toM: number, knots: number][] = [
    [0, Math.min(seaEndM, berthingFromM), seaKnots],
    [seaEndM, tugFromM, FAIRWAY_KNOTS],
    [tugFromM, berthingFromM, TUG_KNOTS],
    [berthingFromM, route.lengthM, BERTHING_KNOTS],
  ];
  return (m: number): number => {
    let ms = 0;
    for (const [fromM, toM, knots] of stretches) {
      const overlapM = Math.min(toM, m) - fromM;
      if (overlapM > 0) ms += (overlapM / knotsToMps(knots)) * 1000;
    }
    return ms;
  };
}

function smoothedSpeedKnots(fixes: readonly ArrivalFix[]): number | null {
  const latest = fixes.at(-1);
  if (!latest) return null;
  const recent = fixes.filter((fix) => fix.atMs >= latest.atMs - SMOOTHING_MS);
  const speeds = recent.flatMap((fix) => (fix.speedKnots === null ? [] : [fix.speedKnots]));
  if (speeds.length > 0) return speeds.reduce((sum, knots) => sum + knots, 0) / speeds.length;
  // No speed reported: the distance made good over the same minutes, if they span one.
  const first = recent[0];
  if (!first || latest.atMs - first.atMs < 60_000) return null;
  const metres = distanceM([first.lon, first.lat], [latest.lon, latest.lat]);
  return metres / ((latest.atMs - first.atMs) / 1000) / knotsToMps(1);
}

function isStoppedFix(fix: Pick<ArrivalFix, 'speedKnots' | 'status'>): boolean {
  const knots = fix.speedKnots;
  const isResting = fix.status !== null && RESTING_STATUSES.has(fix.status);
  if (knots === null) return isResting;
  return knots < STOPPED_KNOTS || (isResting && knots < RESTING_MAX_KNOTS);
}

function declaredArrival(
  input: ArrivalInput,
  nowMs: number,
): { atMs: number; basis: 'PLANNED' | 'AIS' } | null {
  const plausible = (ms: number | null) => ms !== null && ms <= nowMs + MAX_DECLARED_AHEAD_MS;
  if (plausible(input.plannedEtaMs))
    return { atMs: input.plannedEtaMs as number, basis: 'PLANNED' };
  if (plausible(input.aisEtaMs)) return { atMs: input.aisEtaMs as number, basis: 'AIS' };
  return null;
}

/** Whether the course points within 90° of the way ahead: towards the first route point 200 m or more away. */
function headingIn(fix: ArrivalFix, route: FairwayRoute): boolean | null {
  if (fix.courseDeg === null) return null;
  const here: LonLat = [fix.lon, fix.lat];
  const ahead = route.path.slice(1).find((point) => distanceM(here, point) >= 200);
  if (!ahead) return true;
  return angleBetweenDeg(fix.courseDeg, bearingDeg(here, ahead)) <= 90;
}
