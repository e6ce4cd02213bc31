import type { Position, Zone, ZoneKind } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { openingView, terminalsExtent } from './opening-view.ts';

let next = 0;
function zone(kind: ZoneKind, terminalId: string | null, lon: number, lat: number): Zone {
  next++;
  const box = { minLat: lat, minLon: lon, maxLat: lat + 0.002, maxLon: lon + 0.004 };
  return {
    id: `zone-${next}`,
    portId: 'port',
    terminalId,
    code: `Z${next}`,
    name: `zone ${next}`,
    nameZh: null,
    kind,
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [box.minLon, box.minLat],
          [box.maxLon, box.minLat],
          [box.maxLon, box.maxLat],
          [box.minLon, box.maxLat],
          [box.minLon, box.minLat],
        ],
      ],
    },
    bbox: box,
    speedLimitKnots: null,
    speedLimitKmh: null,
  };
}

// Yangshan's phases side by side (9 berths), Waigaoqiao 60 km north (4), and the bay's
// anchorage and fairway, which reach far out to sea.
const zones = [
  zone('BERTH', 'ysp1', 122.07, 30.62),
  zone('BERTH', 'ysp1', 122.075, 30.62),
  zone('YARD_BLOCK', 'ysp1', 122.07, 30.625),
  ...[0, 1, 2, 3, 4, 5, 6].map((i) => zone('BERTH', 'ysp4', 122.004 + i * 0.004, 30.62)),
  ...[0, 1, 2, 3].map((i) => zone('BERTH', 'wgq4', 121.6 + i * 0.004, 31.35)),
  zone('ANCHORAGE', null, 122.3, 30.5),
  zone('FAIRWAY', null, 121.9, 30.9),
];

describe('the opening view', () => {
  it('shows port staff the terminal area with the most berths, not the whole bay', () => {
    const extent = terminalsExtent(zones);
    expect(extent?.minLat).toBeCloseTo(30.62);
    expect(extent?.maxLat).toBeCloseTo(30.627);
    expect(extent?.minLon).toBeCloseTo(122.004);
    expect(extent?.maxLon).toBeCloseTo(122.079);
    expect(openingView(zones, null)).toEqual(terminalsExtent(zones));
  });

  it('shows a fleet where its trucks are, else the terminals', () => {
    const truck = (lat: number, lon: number): Position => ({
      assetKind: 'VEHICLE',
      assetKey: `${lat}`,
      fixAt: '2026-11-25T08:00:00.000Z',
      lat,
      lon,
      speedKnots: 0,
      courseDeg: null,
      headingDeg: null,
      status: null,
      source: 'JT808',
    });
    expect(openingView(zones, [truck(30.87, 121.9), truck(30.9, 121.95)])).toEqual({
      minLat: 30.87,
      minLon: 121.9,
      maxLat: 30.9,
      maxLon: 121.95,
    });
    const one = openingView(zones, [truck(30.87, 121.9)]);
    expect(one?.maxLat).toBeCloseTo(30.88);
    expect(one?.minLon).toBeCloseTo(121.89);
    expect(openingView(zones, [])).toEqual(terminalsExtent(zones));
  });
});
