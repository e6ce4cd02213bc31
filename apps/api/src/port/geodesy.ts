/** [lon, lat] in degrees, GeoJSON order. */
export type LonLat = readonly [lon: number, lat: number];

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
export const METRES_PER_NM = 1_852;
export const KMH_PER_KNOT = 1.852;

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
  const deg = (Math.atan2(y, x) / RAD) % 360;
  return deg < 0 ? deg + 360 : deg;
}

/** Smallest angle between two directions, degrees in [0, 180]. */
export function angleBetweenDeg(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** Mean of a polygon's outer ring vertices (closing vertex once): a centre good enough for berths. */
export function ringCentre(polygon: { coordinates: number[][][] }): LonLat {
  const ring = polygon.coordinates[0] ?? [];
  const open = ring.length > 1 && samePoint(ring[0], ring.at(-1)) ? ring.slice(0, -1) : ring;
  let lon = 0;
  let lat = 0;
  for (const [x = 0, y = 0] of open) {
    lon += x;
    lat += y;
  }
  return open.length === 0 ? [0, 0] : [lon / open.length, lat / open.length];
}

function samePoint(a: number[] | undefined, b: number[] | undefined): boolean {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}
