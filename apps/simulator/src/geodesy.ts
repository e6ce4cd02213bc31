import { EARTH_RADIUS_M, type LonLat } from '@harbor/shared';

const RAD = Math.PI / 180;

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
