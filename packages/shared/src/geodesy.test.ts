import { describe, expect, it } from 'vitest';
import { kmhToKnots, knotsToKmh, knotsToMps, mpsToKnots } from './geodesy.ts';

describe('knots', () => {
  it('is a nautical mile (1852 m) an hour', () => {
    expect(knotsToKmh(10)).toBeCloseTo(18.52, 12);
    expect(kmhToKnots(18.52)).toBeCloseTo(10, 12);
    expect(knotsToMps(3600)).toBeCloseTo(1852, 9);
    expect(mpsToKnots(1852)).toBeCloseTo(3600, 9);
  });
});
