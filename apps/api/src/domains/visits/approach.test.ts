import { type LonLat, METRES_PER_NM } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { approachEta } from './approach.ts';

// Along the equator a minute of longitude is one nautical mile (to 0.1 %), so positions
// read as distances: the berth at 0°, the vessel 10 nm east of it.
const BERTH: LonLat = [0, 0];
const nmEast = (nm: number): LonLat => [(nm * METRES_PER_NM) / 111_195.08, 0];
const base = {
  at: nmEast(10),
  fixAtMs: 0,
  speedKnots: 10,
  courseDeg: 270,
  terminal: BERTH,
  target: BERTH,
  previousDistanceM: undefined,
};

describe('approachEta', () => {
  it('is distance over speed for a vessel heading in', () => {
    const { predictedEtaMs, distanceM } = approachEta(base);
    expect(distanceM / METRES_PER_NM).toBeCloseTo(10, 3);
    expect(predictedEtaMs).toBeCloseTo(3_600_000, -3);
    // 60° off the bearing still counts as towards.
    expect(approachEta({ ...base, courseDeg: 210 }).predictedEtaMs).not.toBeNull();
  });

  it('is none heading away, drifting, or further than 50 nm', () => {
    expect(approachEta({ ...base, courseDeg: 90 }).predictedEtaMs).toBeNull();
    expect(approachEta({ ...base, speedKnots: 0.8 }).predictedEtaMs).toBeNull();
    expect(approachEta({ ...base, speedKnots: null }).predictedEtaMs).toBeNull();
    expect(approachEta({ ...base, at: nmEast(51) }).predictedEtaMs).toBeNull();
  });

  it('without a course, heading in means closer than at the previous fix', () => {
    const noCourse = { ...base, courseDeg: null };
    expect(approachEta(noCourse).predictedEtaMs).toBeNull();
    expect(
      approachEta({ ...noCourse, previousDistanceM: 11 * METRES_PER_NM }).predictedEtaMs,
    ).not.toBeNull();
    expect(
      approachEta({ ...noCourse, previousDistanceM: 9 * METRES_PER_NM }).predictedEtaMs,
    ).toBeNull();
  });
});
