import { distanceM, EARTH_RADIUS_M, METRES_PER_NM } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { closestApproach, type ShipMotion } from './cpa.ts';

// Constructed encounters off Yangshan. Each ship is placed in nautical miles east and north
// of one origin; the expected CPA and TCPA are worked out by hand in the comments, in
// nautical miles and knots: relative position r = B - A, relative velocity w = vB - vA,
// TCPA = -(r·w)/|w|² hours, CPA = |r + w·TCPA|.
const ORIGIN = { lat: 30.6, lon: 122.2 };
const T0 = Date.parse('2026-11-25T02:00:00Z');
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const nm = (miles: number) => miles * METRES_PER_NM;
const minutes = (m: number) => m * 60;

function ship(
  eastNm: number,
  northNm: number,
  speedKnots: number,
  courseDeg: number,
  atMs = T0,
): ShipMotion {
  return {
    lat: ORIGIN.lat + nm(northNm) / M_PER_DEG,
    lon: ORIGIN.lon + nm(eastNm) / (M_PER_DEG * Math.cos((ORIGIN.lat * Math.PI) / 180)),
    atMs,
    speedKnots,
    courseDeg,
  };
}

/** Metres and seconds to within what the flat-earth projection and the test's placing allow. */
function expectApproach(
  actual: ReturnType<typeof closestApproach>,
  cpaM: number,
  tcpaS: number | null,
) {
  expect(actual.cpaM).toBeCloseTo(cpaM, 0);
  if (tcpaS === null) expect(actual.tcpaS).toBeNull();
  else expect(actual.tcpaS).toBeCloseTo(tcpaS, 1);
}

describe('closest point of approach', () => {
  it('head-on, 0.2 nm apart abeam: closing at 20 kn over 2 nm, CPA 0.2 nm in 6 min', () => {
    // r = (0.2, 2), w = (0, -20): TCPA = 40/400 h = 6 min; r + w·0.1 = (0.2, 0).
    const a = ship(0, 0, 10, 0);
    const b = ship(0.2, 2, 10, 180);
    expectApproach(closestApproach(a, b), nm(0.2), minutes(6));
  });

  it('crossing at 90°: CPA 1.25·√2 nm in 8.75 min', () => {
    // A north at 12 kn; B 3 nm east and 0.5 nm north, heading west at 12 kn.
    // r = (3, 0.5), w = (-12, -12): TCPA = (36 + 6)/288 h = 8.75 min;
    // r + w·(42/288) = (3 - 1.75, 0.5 - 1.75) = (1.25, -1.25), CPA = 1.7678 nm.
    const a = ship(0, 0, 12, 0);
    const b = ship(3, 0.5, 12, 270);
    expectApproach(closestApproach(a, b), nm(1.25 * Math.SQRT2), minutes(8.75));
  });

  it('overtaking: 6 kn faster from 1 nm astern, 0.1 nm off: CPA 0.1 nm in 10 min', () => {
    // r = (0.1, -1), w = (0, 6): TCPA = 6/36 h = 10 min; r + w/6 = (0.1, 0).
    const a = ship(0, 0, 10, 0);
    const b = ship(0.1, -1, 16, 0);
    expectApproach(closestApproach(a, b), nm(0.1), minutes(10));
  });

  it('parallel at the same speed: the distance never changes, so there is no TCPA', () => {
    // w = (0, 0): the CPA is the present range, 0.5 nm, at no particular time.
    const a = ship(0, 0, 10, 0);
    const b = ship(0.5, 0, 10, 0);
    const approach = closestApproach(a, b);
    expectApproach(approach, nm(0.5), null);
    expect(approach.rangeM).toBeCloseTo(nm(0.5), 0);
  });

  it('diverging: the closest point lies behind them, TCPA negative', () => {
    // A south at 10 kn, B 1 nm north and 0.3 nm east going north at 10 kn.
    // r = (0.3, 1), w = (0, 20): TCPA = -20/400 h = -3 min; r + w·(-0.05) = (0.3, 0).
    const a = ship(0, 0, 10, 180);
    const b = ship(0.3, 1, 10, 0);
    expectApproach(closestApproach(a, b), nm(0.3), minutes(-3));
  });

  it('one ship at anchor (speed 0): the other passes 0.25 nm off in 15 min', () => {
    // A still; B 2 nm south and 0.25 nm west, north at 8 kn.
    // r = (-0.25, -2), w = (0, 8): TCPA = 16/64 h = 15 min; r + w/4 = (-0.25, 0).
    const a = ship(0, 0, 0, 123);
    const b = ship(-0.25, -2, 8, 0);
    expectApproach(closestApproach(a, b), nm(0.25), minutes(15));
    // The same seen from the other ship.
    expectApproach(closestApproach(b, a), nm(0.25), minutes(15));
  });

  it('dead-reckons the older fix to the newer one: a report a minute old gives the same encounter', () => {
    // B of the anchor case, a minute earlier: 8/60 nm further south.
    const a = ship(0, 0, 0, 0);
    const b = ship(-0.25, -2 - 8 / 60, 8, 0, T0 - 60_000);
    const approach = closestApproach(a, b);
    expectApproach(approach, nm(0.25), minutes(15));
    expect(approach.atMs).toBe(T0);
    expect(approach.rangeM).toBeCloseTo(Math.hypot(nm(0.25), nm(2)), 0);
  });

  it('measures within 10 cm of the great-circle distance at 6 nm', () => {
    for (const bearing of [0, 45, 90, 135]) {
      const rad = (bearing * Math.PI) / 180;
      const a = ship(0, 0, 0, 0);
      const b = ship(6 * Math.sin(rad), 6 * Math.cos(rad), 0, 0);
      const haversine = distanceM([a.lon, a.lat], [b.lon, b.lat]);
      expect(Math.abs(closestApproach(a, b).rangeM - haversine)).toBeLessThan(0.1);
    }
  });
});
