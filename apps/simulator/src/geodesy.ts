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
