import {
  type LonLat,
  type QuayFrame,
  ringBounds,
  quayFrame as sharedQuayFrame,
} from '@harbor/shared';

/** A GeoJSON Polygon: one closed outer ring of [lon, lat] positions, counter-clockwise. */
export type Polygon = { type: 'Polygon'; coordinates: [number, number][][] };

/** The shared quay frame (@harbor/shared), its positions rounded to the seed's 7 decimals. */
export function quayFrame(start: LonLat, end: LonLat, land: 'left' | 'right'): QuayFrame {
  const frame = sharedQuayFrame(start, end, land);
  return {
    lengthM: frame.lengthM,
    at(s, t) {
      const [lon, lat] = frame.at(s, t);
      return [round(lon), round(lat)];
    },
  };
}

/** The rectangle from (s0, t0) to (s1, t1) in a quay frame. */
export function frameRect(
  frame: QuayFrame,
  s0: number,
  t0: number,
  s1: number,
  t1: number,
): Polygon {
  return ring([frame.at(s0, t0), frame.at(s1, t0), frame.at(s1, t1), frame.at(s0, t1)]);
}

/** A rectangle of `widthM` × `heightM` around a centre, aligned north-south. */
export function boxAround(centre: LonLat, widthM: number, heightM: number): Polygon {
  const frame = quayFrame(centre, [centre[0] + 0.01, centre[1]], 'left');
  return frameRect(frame, -widthM / 2, -heightM / 2, widthM / 2, heightM / 2);
}

/** A polygon from corner positions given in order; closes the ring and makes it counter-clockwise. */
export function ring(corners: [number, number][]): Polygon {
  const ordered = signedArea(corners) < 0 ? [...corners].reverse() : corners;
  const first = ordered[0];
  if (!first) throw new RangeError('a polygon needs corners');
  return { type: 'Polygon', coordinates: [[...ordered, first]] };
}

export function bbox(polygon: Polygon) {
  return ringBounds(polygon.coordinates[0] ?? []);
}

/** Shoelace formula in degrees: positive for a counter-clockwise ring. */
export function signedArea(points: [number, number][]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i] ?? [0, 0];
    const [x2, y2] = points[(i + 1) % points.length] ?? [0, 0];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Seven decimals of a degree is about a centimetre. */
function round(degrees: number): number {
  return Math.round(degrees * 1e7) / 1e7;
}
