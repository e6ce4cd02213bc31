import type { Fix } from '@harbor/shared';

export const FLEET_T0 = Date.parse('2026-11-25T02:00:00Z');

/**
 * Fixes of a fleet for tracker tests: `assets` trucks (`${prefix}` and a zero-padded number),
 * each reporting every 30 s from `t0` (FLEET_T0 unless given) for `perAsset` reports,
 * starting at report `fromStep`, moving east 1/10,000° a report; in time order, all trucks
 * per report.
 */
export function fleetFixes(options: {
  assets: number;
  perAsset: number;
  prefix?: string;
  digits?: number;
  fromStep?: number;
  t0?: number;
}): Fix[] {
  const { assets, perAsset, prefix = '0138', digits = 8, fromStep = 0, t0 = FLEET_T0 } = options;
  return Array.from({ length: assets * perAsset }, (_, n) => {
    const i = n + fromStep * assets;
    const step = Math.floor(i / assets);
    return {
      assetKind: 'VEHICLE' as const,
      assetKey: `${prefix}${String(i % assets).padStart(digits, '0')}`,
      fixAt: new Date(t0 + step * 30_000),
      receivedAt: new Date(t0 + step * 30_000 + 500),
      lat: 30.6 + (i % assets) / 1e4,
      lon: 121.9 + step / 1e4,
      speedKnots: 25,
      courseDeg: 90,
      headingDeg: null,
      altitudeM: null,
      status: null,
      source: 'SIM' as const,
    };
  });
}

/**
 * Fix `i` of a mixed fleet for bus tests: ships and trucks among 40 assets, one a second
 * from FLEET_T0, every field set the way a codec must carry it.
 */
export function busFix(i: number): Fix {
  return {
    assetKind: i % 3 === 0 ? 'VESSEL' : 'VEHICLE',
    assetKey: `asset${i % 40}`,
    fixAt: new Date(FLEET_T0 + i * 1000),
    receivedAt: new Date(FLEET_T0 + i * 1000 + 250),
    lat: 30.6 + i / 1e5,
    lon: 122.05,
    speedKnots: 12.5,
    courseDeg: 270,
    headingDeg: 268,
    altitudeM: null,
    status: 'UNDER_WAY',
    source: 'AIS',
  };
}
