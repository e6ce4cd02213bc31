/**
 * Checks on a drawn zone's outline, a closed ring of [lon, lat] positions. Written here rather
 * than taken from @turf/kinks because `shared` depends on zod alone (it runs in the browser and
 * the api); polygon.test.ts holds it to @turf/kinks on random rings. A ring of at most 1,000
 * points is checked pair by pair (half a million segment pairs, a few milliseconds), once, at
 * the edge.
 */

type Point = readonly number[];

/** Whether the ring's last position repeats its first, as GeoJSON requires (RFC 7946 §3.1.6). */
export function isClosedRing(ring: readonly Point[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
}

/** The sign of the turn a → b → c: positive left, negative right, 0 in line. */
function turn(a: Point, b: Point, c: Point): number {
  const cross =
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0));
  return cross > 0 ? 1 : cross < 0 ? -1 : 0;
}

/** For p in line with a–b: whether it lies on the segment (ends included). */
function isWithin(a: Point, b: Point, p: Point): boolean {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const [px = 0, py = 0] = p;
  return (
    Math.min(ax, bx) <= px &&
    px <= Math.max(ax, bx) &&
    Math.min(ay, by) <= py &&
    py <= Math.max(ay, by)
  );
}

function isOnSegment(a: Point, b: Point, p: Point): boolean {
  return turn(a, b, p) === 0 && isWithin(a, b, p);
}

/** Whether segments a–b and c–d share any point, touching and overlapping included. */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = turn(c, d, a);
  const d2 = turn(c, d, b);
  const d3 = turn(a, b, c);
  const d4 = turn(a, b, d);
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  return (
    (d1 === 0 && isWithin(c, d, a)) ||
    (d2 === 0 && isWithin(c, d, b)) ||
    (d3 === 0 && isWithin(a, b, c)) ||
    (d4 === 0 && isWithin(a, b, d))
  );
}

/**
 * Whether a closed ring crosses or touches itself: two edges that are not neighbours share a
 * point, or neighbours fold back over each other, or a position repeats. Such an outline has no
 * one inside, so point-in-polygon answers would depend on the algorithm.
 */
export function isSelfIntersecting(ring: readonly Point[]): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    const a = ring[i] as Point;
    const b = ring[i + 1] as Point;
    if (a[0] === b[0] && a[1] === b[1]) return true;
    for (let j = i + 1; j < edges; j++) {
      const c = ring[j] as Point;
      const d = ring[j + 1] as Point;
      const isNext = j === i + 1;
      const isWrap = i === 0 && j === edges - 1;
      if (isNext) {
        // Neighbours share one end (b = c); they meet elsewhere only by folding back in line.
        if (isOnSegment(a, b, d) || isOnSegment(c, d, a)) return true;
        continue;
      }
      if (isWrap) {
        // The last edge ends where the first starts (d = a).
        if (isOnSegment(a, b, c) || isOnSegment(c, d, b)) return true;
        continue;
      }
      if (segmentsMeet(a, b, c, d)) return true;
    }
  }
  return false;
}
