/** A GeoJSON Polygon: one closed outer ring of [lon, lat] positions, counter-clockwise. */
export type Polygon = { type: 'Polygon'; coordinates: [number, number][][] };
export type LonLat = readonly [lon: number, lat: number];

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A local metric frame along a quay: `s` metres along the quay line from `start` towards
 * `end`, `t` metres across it towards the land. Berths, yard blocks and gates are laid out
 * in this frame, so a terminal is described by its quay line alone. Over a few kilometres
 * the flat-earth approximation is off by centimetres.
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
      return [
        round(start[0] + x / metresPerDegreeLon),
        round(start[1] + y / METRES_PER_DEGREE_LAT),
      ];
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
  const points = polygon.coordinates[0] ?? [];
  const lons = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  return {
    minLon: Math.min(...lons),
    maxLon: Math.max(...lons),
    minLat: Math.min(...lats),
    maxLat: Math.max(...lats),
  };
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
