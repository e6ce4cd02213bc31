import kinks from '@turf/kinks';
import { describe, expect, it } from 'vitest';
import { isClosedRing, isSelfIntersecting } from './polygon.ts';

const square: number[][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

describe('a zone outline', () => {
  it('is closed when the last position repeats the first', () => {
    expect(isClosedRing(square)).toBe(true);
    expect(isClosedRing(square.slice(0, 4))).toBe(false);
    expect(isClosedRing([])).toBe(false);
  });

  it('takes squares and concave shapes as they are', () => {
    expect(isSelfIntersecting(square)).toBe(false);
    const arrow = [
      [0, 0],
      [2, 1],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    expect(isSelfIntersecting(arrow)).toBe(false);
  });

  it('finds a bow tie, a touching vertex, a repeated point and an edge folding back', () => {
    const bowTie = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(isSelfIntersecting(bowTie)).toBe(true);
    // The fourth vertex lies on the first edge.
    const touching = [
      [0, 0],
      [2, 0],
      [2, 2],
      [1, 0],
      [0, 2],
      [0, 0],
    ];
    expect(isSelfIntersecting(touching)).toBe(true);
    const repeated = [
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(isSelfIntersecting(repeated)).toBe(true);
    // Out along the x axis and back over the same line.
    const spike = [
      [0, 0],
      [2, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(isSelfIntersecting(spike)).toBe(true);
    // The last edge runs back over the first.
    const wrapSpike = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, -1],
      [0, 0],
    ];
    expect(isSelfIntersecting(wrapSpike)).toBe(true);
  });

  it('agrees with @turf/kinks on random outlines', () => {
    const next = random(16);
    let crossing = 0;
    for (let n = 0; n < 2_000; n++) {
      const points = 3 + Math.floor(next() * 6);
      const ring = Array.from({ length: points }, () => [121 + next(), 30 + next()]);
      ring.push(ring[0] as number[]);
      const turf = kinks({ type: 'Polygon', coordinates: [ring] }).features.length > 0;
      expect(isSelfIntersecting(ring), JSON.stringify(ring)).toBe(turf);
      if (turf) crossing++;
    }
    // Both kinds were tried.
    expect(crossing).toBeGreaterThan(200);
    expect(crossing).toBeLessThan(1_800);
  });
});
