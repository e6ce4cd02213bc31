import { kmhToKnots } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { analyseTrack, type TrackFix } from './trips.ts';

// A constructed truck track with known answers. Positions move due north along one meridian,
// where a haversine step is exactly R × Δlat, so 500 m is 500 m.
const LAT0 = 30.87;
const LON = 121.9;
const METRES_PER_DEG = (6_371_008.8 * Math.PI) / 180;
const T0 = Date.parse('2026-11-25T00:00:00Z');
const KNOTS_60_KMH = kmhToKnots(60);

function fix(
  seconds: number,
  northM: number,
  speedKnots: number | null,
  status = 'ACC_ON',
): TrackFix {
  return {
    fixAtMs: T0 + seconds * 1000,
    lat: LAT0 + northM / METRES_PER_DEG,
    lon: LON,
    speedKnots,
    status,
  };
}

/** Every 30 s from `from` to `to` seconds inclusive. */
const every30 = (from: number, to: number) =>
  Array.from({ length: (to - from) / 30 + 1 }, (_, i) => from + i * 30);

function day(): TrackFix[] {
  const B = 10_000;
  return [
    // 10 min parked at the depot, engine running.
    ...every30(0, 570).map((t) => fix(t, 0, 0)),
    // 10 km north at 60 km/h (500 m per 30 s), with one GPS jump 5 km off to the east at t = 900.
    ...every30(600, 1170).map((t) =>
      t === 900
        ? { ...fix(t, 5_500, KNOTS_60_KMH), lon: LON + 0.05 }
        : fix(t, ((t - 600) / 30 + 1) * 500, KNOTS_60_KMH),
    ),
    // 6.5 min stopped at the gate, engine off: a stop.
    ...every30(1200, 1560).map((t) => fix(t, B, 0, 'ACC_OFF')),
    // 3.5 km on, 2 min at a red light (engine on: idle, but no stop), 3 km more.
    ...every30(1590, 1770).map((t) => fix(t, B + ((t - 1590) / 30 + 1) * 500, KNOTS_60_KMH)),
    ...every30(1800, 1890).map((t) => fix(t, B + 3_500, 0.5)),
    ...every30(1920, 2070).map((t) =>
      fix(t, B + 3_500 + ((t - 1920) / 30 + 1) * 500, KNOTS_60_KMH),
    ),
  ];
}

describe('analyseTrack', () => {
  const places = (_lon: number, lat: number) =>
    lat < LAT0 + 1 / METRES_PER_DEG
      ? { code: 'LCG-DEPOT', name: 'depot' }
      : { code: 'YSP4-GATE', name: 'gate' };

  it('sums the distance without the GPS jump, and splits time into moving, stopped and idle', () => {
    const result = analyseTrack(day(), places);
    expect(result.fixes).toBe(day().length);
    expect(result.jumps).toBe(1);
    expect(result.distanceM).toBeCloseTo(16_500, 3);
    expect(result.movingMs).toBe(960_000);
    expect(result.stoppedMs).toBe(1_110_000);
    expect(result.idleMs).toBe(720_000);
  });

  it('finds the two stops of five minutes or more, with their place, and not the red light', () => {
    const { stops } = analyseTrack(day(), places);
    expect(stops).toEqual([
      expect.objectContaining({
        startMs: T0,
        endMs: T0 + 600_000,
        idleMs: 600_000,
        place: { code: 'LCG-DEPOT', name: 'depot' },
      }),
      expect.objectContaining({
        startMs: T0 + 1_200_000,
        endMs: T0 + 1_590_000,
        idleMs: 0,
        place: { code: 'YSP4-GATE', name: 'gate' },
      }),
    ]);
  });

  it('finds the trips between the stops', () => {
    const { trips } = analyseTrack(day(), places);
    expect(trips).toHaveLength(2);
    expect(trips[0]).toMatchObject({
      startMs: T0 + 600_000,
      endMs: T0 + 1_200_000,
      from: { code: 'LCG-DEPOT' },
      to: { code: 'YSP4-GATE' },
    });
    expect(trips[0]?.distanceM).toBeCloseTo(10_000, 3);
    expect(trips[0]?.maxSpeedKmh).toBeCloseTo(60, 6);
    expect(trips[1]).toMatchObject({
      startMs: T0 + 1_590_000,
      endMs: T0 + 2_070_000,
      from: { code: 'YSP4-GATE' },
      to: null,
    });
    expect(trips[1]?.distanceM).toBeCloseTo(6_500, 3);
  });

  it('derives speed from the positions when the device sends none', () => {
    const track = [
      ...every30(0, 330).map((t) => fix(t, 0, null)),
      ...every30(360, 600).map((t) => fix(t, ((t - 330) / 30) * 250, null)),
    ];
    const result = analyseTrack(track);
    expect(result.stops).toHaveLength(1);
    expect(result.stops[0]).toMatchObject({ startMs: T0, endMs: T0 + 360_000 });
    expect(result.trips).toHaveLength(1);
    expect(result.trips[0]?.maxSpeedKmh).toBeCloseTo(30, 6);
    expect(result.distanceM).toBeCloseTo(9 * 250, 3);
  });

  it('accepts a real leap (two fixes agreeing far away) without counting its distance', () => {
    const track = [
      fix(0, 0, 10),
      fix(30, 100, 10),
      fix(60, 50_000, 10),
      fix(90, 50_100, 10),
      fix(120, 50_200, 10),
    ];
    const result = analyseTrack(track);
    expect(result.jumps).toBe(0);
    expect(result.distanceM).toBeCloseTo(300, 3);
  });

  it('gives zeros for an empty track', () => {
    expect(analyseTrack([])).toEqual({
      fixes: 0,
      jumps: 0,
      distanceM: 0,
      movingMs: 0,
      stoppedMs: 0,
      idleMs: 0,
      stops: [],
      trips: [],
    });
  });
});
