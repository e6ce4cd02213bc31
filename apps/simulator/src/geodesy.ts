/** [lon, lat] in degrees, GeoJSON order. */
export type LonLat = readonly [lon: number, lat: number];

const EARTH_RADIUS_M = 6_371_008.8;
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

/** The point a fraction `f` of the way from a to b; over a few tens of kilometres a straight line is close enough. */
export function interpolate(a: LonLat, b: LonLat, f: number): LonLat {
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** A point moved `eastM` metres east and `northM` metres north (local flat-earth approximation). */
export function offsetM(point: LonLat, eastM: number, northM: number): LonLat {
  const metresPerDegLat = EARTH_RADIUS_M * RAD;
  const metresPerDegLon = metresPerDegLat * Math.cos(point[1] * RAD);
  return [point[0] + eastM / metresPerDegLon, point[1] + northM / metresPerDegLat];
}

export function normalizeDeg(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/**
 * A local metric frame along a quay line: `s` metres along the quay from `start` towards
 * `end`, `t` metres across it towards the land (negative: the water). The same frame
 * packages/db/src/seed/geometry.ts lays berths, yard blocks and gates out in.
 */
export type QuayFrame = { at(s: number, t: number): LonLat; lengthM: number };

export function quayFrame(start: LonLat, end: LonLat, land: 'left' | 'right'): QuayFrame {
  const metresPerDegLat = 111_320;
  const metresPerDegLon = metresPerDegLat * Math.cos(start[1] * RAD);
  const dx = (end[0] - start[0]) * metresPerDegLon;
  const dy = (end[1] - start[1]) * metresPerDegLat;
  const lengthM = Math.hypot(dx, dy);
  const [ux, uy] = [dx / lengthM, dy / lengthM];
  const [nx, ny] = land === 'left' ? [-uy, ux] : [uy, -ux];
  return {
    lengthM,
    at: (s, t) => [
      start[0] + (s * ux + t * nx) / metresPerDegLon,
      start[1] + (s * uy + t * ny) / metresPerDegLat,
    ],
  };
}
