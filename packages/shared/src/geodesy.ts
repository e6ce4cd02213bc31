import type { BoundingBox } from './positions.ts';

/** [lon, lat] in degrees, GeoJSON order. */
export type LonLat = readonly [lon: number, lat: number];

/** The mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** A nautical mile; a knot is one of them an hour. */
export const METRES_PER_NM = 1_852;
export const KMH_PER_KNOT = METRES_PER_NM / 1_000;
export const MPS_PER_KNOT = METRES_PER_NM / 3_600;

// Fixes carry knots (AIS's unit); JT/T 808 and HTTP devices send km/h, the simulator moves in m/s.
export const knotsToKmh = (knots: number): number => knots * KMH_PER_KNOT;
export const kmhToKnots = (kmh: number): number => kmh / KMH_PER_KNOT;
export const knotsToMps = (knots: number): number => knots * MPS_PER_KNOT;
export const mpsToKnots = (mps: number): number => mps / MPS_PER_KNOT;
const RAD = Math.PI / 180;

/** Great-circle distance (haversine), metres. */
export function distanceM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial true bearing from a to b, degrees in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const lat1 = a[1] * RAD;
  const lat2 = b[1] * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return normalizeDeg(Math.atan2(y, x) / RAD);
}

/** An angle in degrees brought into [0, 360). */
export function normalizeDeg(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/** The smallest box holding every position of a ring ([lon, lat] pairs); a loop, so rings of any length. */
export function ringBounds(ring: readonly (readonly number[])[]): BoundingBox {
  let [minLon, minLat, maxLon, maxLat] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [lon = 0, lat = 0] of ring) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return { minLon, minLat, maxLon, maxLat };
}

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A local metric frame along a quay: `s` metres along the quay line from `start` towards
 * `end`, `t` metres across it towards the land (negative: the water). The seed lays berths,
 * yard blocks and gates out in this frame, and the simulator drives ships and trucks to
 * them in the same one. Over a few kilometres the flat-earth approximation is off by
 * centimetres.
 */
export type QuayFrame = { at(s: number, t: number): [number, number]; lengthM: number };

export function quayFrame(start: LonLat, end: LonLat, land: 'left' | 'right'): QuayFrame {
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((start[1] * Math.PI) / 180);
  const dx = (end[0] - start[0]) * metresPerDegreeLon;
  const dy = (end[1] - start[1]) * METRES_PER_DEGREE_LAT;
  const lengthM = Math.hypot(dx, dy);
  const [ux, uy] = [dx / lengthM, dy / lengthM];
  // The landward normal: the quay direction turned a quarter left or right.
  const [nx, ny] = land === 'left' ? [-uy, ux] : [uy, -ux];
  return {
    lengthM,
    at(s, t) {
      const x = s * ux + t * nx;
      const y = s * uy + t * ny;
      return [start[0] + x / metresPerDegreeLon, start[1] + y / METRES_PER_DEGREE_LAT];
    },
  };
}
