import { describe, expect, it } from 'vitest';
import { keptForDisplay } from './simplify.ts';

type Fix = { fixAt: number; lat: number; lon: number; speedKnots: number };

const T0 = Date.parse('2026-11-25T00:00:00Z');
/** A fix every 10 s; a step of 1e-4° is about 11 m. */
const track = (coords: readonly (readonly [lat: number, lon: number])[]): Fix[] =>
  coords.map(([lat, lon], i) => ({ fixAt: T0 + i * 10_000, lat, lon, speedKnots: i % 13 }));

/** A deterministic noise source in [-1, 1), so a failure reproduces. */
const noise = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return (seed / 2_147_483_648) * 2 - 1;
};

/** The fixes keptForDisplay keeps, as the objects themselves. */
const simplifyTrack = (points: readonly Fix[], maxPoints: number): Fix[] =>
  keptForDisplay(
    { length: points.length, lat: points.map((p) => p.lat), lon: points.map((p) => p.lon) },
    maxPoints,
  ).map((i) => points[i] as Fix);

const expectSubsequenceOf = (kept: readonly Fix[], points: readonly Fix[]) => {
  const indices = kept.map((p) => points.indexOf(p));
  expect(indices.every((i) => i >= 0)).toBe(true);
  expect(indices).toEqual([...indices].sort((a, b) => a - b));
  expect(new Set(indices).size).toBe(indices.length);
};

describe('keptForDisplay', () => {
  it('keeps the corner of an L-shaped track and both its ends', () => {
    const north = Array.from({ length: 500 }, (_, i) => [30 + i * 1e-4, 122] as const);
    const east = Array.from(
      { length: 500 },
      (_, i) => [30 + 499e-4, 122 + (i + 1) * 1e-4] as const,
    );
    const points = track([...north, ...east]);
    const corner = points[499] as Fix;

    const kept = simplifyTrack(points, 50);

    expect(kept.length).toBeLessThanOrEqual(50);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(kept).toContain(corner);
    expect(kept.find((p) => p.lat === corner.lat && p.lon === corner.lon)).toBe(corner);
    // Nothing but the corner is needed to draw the L: the straight legs collapse.
    expect(kept).toEqual([points[0], corner, points.at(-1)]);
    expectSubsequenceOf(kept, points);
  });

  it('collapses a straight line to its two ends', () => {
    const points = track(Array.from({ length: 1_000 }, (_, i) => [30 + i * 1e-4, 122 + i * 2e-4]));
    const kept = simplifyTrack(points, 10);
    expect(kept).toEqual([points[0], points.at(-1)]);
    expect(kept[0]).toBe(points[0]);
    expect(kept[1]).toBe(points[999]);
  });

  it('collapses a straight line across the antimeridian to its two ends', () => {
    const points = track(
      Array.from({ length: 1_000 }, (_, i) => {
        const lon = 179.95 + i * 1e-4;
        return [-17 + i * 1e-4, lon > 180 ? lon - 360 : lon] as const;
      }),
    );
    expect(simplifyTrack(points, 10)).toEqual([points[0], points.at(-1)]);
  });

  it('keeps a noisy zig-zag within maxPoints, in time order, using most of the budget', () => {
    const jitter = noise(42);
    const points = track(
      Array.from({ length: 8_640 }, (_, i) => [
        30 + (i % 40 < 20 ? i % 20 : 20 - (i % 20)) * 1e-3 + jitter() * 5e-5,
        122 + i * 1e-4 + jitter() * 5e-5,
      ]),
    );
    for (const maxPoints of [2, 3, 50, 500, 5_000]) {
      const kept = simplifyTrack(points, maxPoints);
      expect(kept.length).toBeLessThanOrEqual(maxPoints);
      expect(kept.length).toBeGreaterThan(maxPoints / 2);
      expect(kept[0]).toBe(points[0]);
      expect(kept.at(-1)).toBe(points.at(-1));
      expectSubsequenceOf(kept, points);
      const times = kept.map((p) => p.fixAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('keeps the original objects, with their times and speeds', () => {
    const points = track(
      Array.from({ length: 300 }, (_, i) => [30 + (i % 2) * 1e-3, 122 + i * 1e-4]),
    );
    const kept = simplifyTrack(points, 100);
    expect(kept.length).toBeLessThanOrEqual(100);
    for (const p of kept) expect(points).toContain(p);
    expectSubsequenceOf(kept, points);
  });

  it('returns a track of maxPoints or fewer as it is', () => {
    expect(simplifyTrack([], 2)).toEqual([]);
    const one = track([[30, 122]]);
    expect(simplifyTrack(one, 2)).toEqual(one);
    const points = track(Array.from({ length: 50 }, (_, i) => [30 + i * 1e-4, 122]));
    for (const maxPoints of [50, 51, 5_000]) {
      const kept = simplifyTrack(points, maxPoints);
      expect(kept).toHaveLength(50);
      for (const [i, p] of kept.entries()) expect(p).toBe(points[i]);
    }
  });
});
