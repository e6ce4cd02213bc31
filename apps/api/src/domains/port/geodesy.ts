import type { LonLat } from '@harbor/shared';

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
