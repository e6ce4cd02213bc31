import simplify from 'simplify-js';

/** Metres per degree of latitude (and of longitude at the equator), close enough for display. */
const M_PER_DEG = 111_320;
/** Steps of the binary search over tolerance: the bracket shrinks 2^20 times (to well under a metre). */
const SEARCH_STEPS = 20;

type Projected = { x: number; y: number; i: number };

/**
 * Projects the track onto a local plane in metres (equirectangular about its mean latitude),
 * so a tolerance is a distance in metres. Longitudes are unwrapped along the track, so a
 * vessel crossing the antimeridian does not jump 360° across the plane.
 */
function project(track: Shape): Projected[] {
  const { length, lat, lon } = track;
  let latSum = 0;
  for (let i = 0; i < length; i++) latSum += lat[i] as number;
  const kx = Math.cos(((latSum / length) * Math.PI) / 180) * M_PER_DEG;
  let shift = 0;
  let previous = lon[0] ?? 0;
  return Array.from({ length }, (_, i) => {
    const x = lon[i] as number;
    const step = x - previous;
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    previous = x;
    return { x: (x + shift) * kx, y: (lat[i] as number) * M_PER_DEG, i };
  });
}

/** A track's positions as columns (TrackColumns fits), or any arrays of them. */
export type Shape = {
  length: number;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
};

/** Every k-th point, always with the first and the last, `maxPoints` in all. */
function thinEvenly<T>(points: readonly T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return [...points];
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)] as T);
}

/**
 * The fixes of a track kept for display, at most `maxPoints`, by Douglas-Peucker
 * (simplify-js), which keeps its shape: the corners and the turns stay, the points along a
 * straight leg go. Returns their indices: the first and last fixes and a subset of the
 * others, in their original (time) order. A track
 * of `maxPoints` points or fewer comes back as it is.
 *
 * The tolerance (in metres) is the smallest that fits: a binary search between 0 and the
 * track's bounding-box diagonal (at which only the endpoints remain), since the output shrinks
 * (monotonically enough) as the tolerance grows. Should a search end without a fit, the largest
 * tolerance's result is thinned evenly.
 *
 * Cost: each Douglas-Peucker pass is O(n log n) on a typical track (O(n²) at worst), and the
 * search makes SEARCH_STEPS + 2 of them: a day of 10 s fixes (~8,640 points, even a noisy
 * random walk) takes ~10-20 ms. simplify-js recurses once per split; a pathological track
 * too deep for the stack is thinned evenly instead.
 */
export function keptForDisplay(track: Shape, maxPoints: number): number[] {
  const all = Array.from({ length: track.length }, (_, i) => i);
  if (track.length <= maxPoints) return all;
  const limit = Math.max(2, Math.floor(maxPoints));
  const plane = project(track);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of plane) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const pick = (kept: readonly Projected[]): number[] => kept.map((p) => p.i);
  try {
    const run = (tolerance: number) => simplify(plane, tolerance, true) as Projected[];
    let lo = 0;
    let hi = Math.hypot(maxX - minX, maxY - minY);
    const exact = run(lo);
    if (exact.length <= limit) return pick(exact);
    let best = run(hi);
    if (best.length > limit) return pick(thinEvenly(best, limit));
    for (let step = 0; step < SEARCH_STEPS; step++) {
      const mid = (lo + hi) / 2;
      const kept = run(mid);
      if (kept.length <= limit) {
        best = kept;
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return pick(best);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return thinEvenly(all, limit);
  }
}
