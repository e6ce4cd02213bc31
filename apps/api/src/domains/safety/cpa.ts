import { EARTH_RADIUS_M, MPS_PER_KNOT } from '@harbor/shared';

/** A ship's reported motion: where it was when, its speed and course over ground. */
export type ShipMotion = {
  lat: number;
  lon: number;
  /** Fix time, epoch milliseconds. */
  atMs: number;
  speedKnots: number;
  /** Course over ground, degrees true; any value when the ship is not moving. */
  courseDeg: number;
};

export type Approach = {
  /** Distance between the ships at the closest point of approach, metres. */
  cpaM: number;
  /**
   * Seconds from `atMs` to the closest point of approach: negative once they have passed it
   * (diverging), null when they keep their distance (same speed and course: no closest point).
   */
  tcpaS: number | null;
  /** Distance between them at `atMs`, metres. */
  rangeM: number;
  /** The time the approach is measured from: the later of the two fixes. */
  atMs: number;
};

/** A ship's motion with its velocity over ground resolved, metres a second east and north. */
export type ShipTrack = {
  lat: number;
  lon: number;
  atMs: number;
  eastMps: number;
  northMps: number;
};

const RAD = Math.PI / 180;
const METRES_PER_DEG_LAT = EARTH_RADIUS_M * RAD;
/** Below this relative speed (0.01 kn) two ships keep their distance: TCPA is undefined. */
const SAME_MOTION_MPS2 = (0.01 * MPS_PER_KNOT) ** 2;

/**
 * The closest point of approach of two ships holding their course and speed, and the time
 * to it. Both are projected onto a local flat-earth (east, north) plane centred between
 * them (an equirectangular projection at their mean latitude): over the ranges a collision
 * watch looks at (a few nautical miles) it is off by centimetres (4 cm at 12 nm and 60°
 * north against the haversine distance; cpa.test.ts holds it under 10 cm at 6 nm); it is
 * not meant for ocean distances, the poles or a pair astride the 180th meridian. The earlier
 * fix is dead-reckoned to the later one's time first, so two ships reporting at different
 * seconds are compared at one instant.
 */
export function closestApproach(a: ShipMotion, b: ShipMotion): Approach {
  return approachBetween(trackOf(a), trackOf(b));
}

/** The motion's velocity resolved east and north. */
export function trackOf(ship: ShipMotion): ShipTrack {
  const mps = ship.speedKnots * MPS_PER_KNOT;
  const course = ship.courseDeg * RAD;
  return {
    lat: ship.lat,
    lon: ship.lon,
    atMs: ship.atMs,
    eastMps: mps * Math.sin(course),
    northMps: mps * Math.cos(course),
  };
}

/**
 * `closestApproach` on resolved tracks, written into `out` (a watch comparing thousands of
 * pairs a second reuses one object instead of making one per pair).
 */
export function approachBetween(
  a: ShipTrack,
  b: ShipTrack,
  out: Approach = { cpaM: 0, tcpaS: null, rangeM: 0, atMs: 0 },
): Approach {
  const atMs = Math.max(a.atMs, b.atMs);
  const metresPerDegLon = METRES_PER_DEG_LAT * Math.cos(((a.lat + b.lat) / 2) * RAD);
  const aLead = (atMs - a.atMs) / 1000;
  const bLead = (atMs - b.atMs) / 1000;
  // B relative to A at `atMs`, metres east and north.
  const rx = (b.lon - a.lon) * metresPerDegLon + b.eastMps * bLead - a.eastMps * aLead;
  const ry = (b.lat - a.lat) * METRES_PER_DEG_LAT + b.northMps * bLead - a.northMps * aLead;
  const wx = b.eastMps - a.eastMps;
  const wy = b.northMps - a.northMps;
  const rangeM = Math.sqrt(rx * rx + ry * ry);
  const w2 = wx * wx + wy * wy;
  out.rangeM = rangeM;
  out.atMs = atMs;
  if (w2 < SAME_MOTION_MPS2) {
    out.cpaM = rangeM;
    out.tcpaS = null;
    return out;
  }
  const tcpaS = -(rx * wx + ry * wy) / w2;
  const cx = rx + wx * tcpaS;
  const cy = ry + wy * tcpaS;
  out.cpaM = Math.sqrt(cx * cx + cy * cy);
  out.tcpaS = tcpaS;
  return out;
}
