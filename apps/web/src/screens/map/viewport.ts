import type { BoundingBox } from '@harbor/shared';

/** The map's visible area as the api's bounding box. */
export type { BoundingBox };
export type MapBounds = { south: number; west: number; north: number; east: number };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const DECIMALS = 1e4;
const floor4 = (value: number) => Math.floor(value * DECIMALS) / DECIMALS;
const ceil4 = (value: number) => Math.ceil(value * DECIMALS) / DECIMALS;

/**
 * The bounding box to ask for: the visible bounds grown by `padFraction` of their size on
 * every side (so a small pan stays inside), clamped to the globe (a view wider than the
 * world or wrapped past the antimeridian asks for every longitude), rounded outwards to
 * 4 decimals so that the same view gives the same box (and subscription key).
 */
export function viewportToBbox(bounds: MapBounds, padFraction = 0): BoundingBox {
  const latPad = (bounds.north - bounds.south) * padFraction;
  const lonPad = (bounds.east - bounds.west) * padFraction;
  let west = bounds.west - lonPad;
  let east = bounds.east + lonPad;
  if (east - west >= 360 || west < -180 || east > 180) {
    west = -180;
    east = 180;
  }
  return {
    minLat: clamp(floor4(bounds.south - latPad), -90, 90),
    minLon: clamp(floor4(west), -180, 180),
    maxLat: clamp(ceil4(bounds.north + latPad), -90, 90),
    maxLon: clamp(ceil4(east), -180, 180),
  };
}

export function bboxKey(box: BoundingBox): string {
  return `${box.minLat},${box.minLon},${box.maxLat},${box.maxLon}`;
}

export function bboxContains(box: BoundingBox, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;
}

/** The box around every zone's own bounding box; null without zones. */
export function zonesExtent(zones: readonly { bbox: BoundingBox }[]): BoundingBox | null {
  if (zones.length === 0) return null;
  return {
    minLat: Math.min(...zones.map((zone) => zone.bbox.minLat)),
    minLon: Math.min(...zones.map((zone) => zone.bbox.minLon)),
    maxLat: Math.max(...zones.map((zone) => zone.bbox.maxLat)),
    maxLon: Math.max(...zones.map((zone) => zone.bbox.maxLon)),
  };
}

const areaOf = (box: BoundingBox) => (box.maxLat - box.minLat) * (box.maxLon - box.minLon);

/**
 * The area the live subscription follows for a view: the one it follows already while the
 * view stays inside it and is not much smaller (zoomed in past `maxShrink` times its area),
 * else the view grown by `padFraction`. So most pans and zooms keep the stream as it is.
 */
export function followedBox(
  previous: BoundingBox | null,
  visible: MapBounds,
  padFraction = 0.5,
  maxShrink = 16,
): BoundingBox {
  const exact = viewportToBbox(visible, 0);
  if (
    previous &&
    bboxContains(previous, exact.minLat, exact.minLon) &&
    bboxContains(previous, exact.maxLat, exact.maxLon) &&
    areaOf(previous) <= Math.max(areaOf(exact), 1e-8) * maxShrink
  )
    return previous;
  return viewportToBbox(visible, padFraction);
}
