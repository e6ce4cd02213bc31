import { LAND_MAX_SPAN_DEG, type Zone } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { LAND_MARGIN_DEG, landArea } from './land-area.ts';

const zone = (minLat: number, minLon: number, maxLat: number, maxLon: number) =>
  ({ bbox: { minLat, minLon, maxLat, maxLon } }) as Zone;

describe('landArea', () => {
  it('is the zones and a margin around them', () => {
    const area = landArea([zone(30.6, 122.0, 30.64, 122.09), zone(31.3, 121.55, 31.38, 121.65)]);
    expect(area?.minLat).toBeCloseTo(30.6 - LAND_MARGIN_DEG, 9);
    expect(area?.maxLat).toBeCloseTo(31.38 + LAND_MARGIN_DEG, 9);
    expect(area?.minLon).toBeCloseTo(121.55 - LAND_MARGIN_DEG, 9);
    expect(area?.maxLon).toBeCloseTo(122.09 + LAND_MARGIN_DEG, 9);
  });

  it('keeps within the widest area the api answers for, centred on the zones', () => {
    const area = landArea([zone(0, 100, 1, 101), zone(29, 120, 30, 140)]);
    expect(area).toEqual({
      minLat: 15 - LAND_MAX_SPAN_DEG / 2,
      maxLat: 15 + LAND_MAX_SPAN_DEG / 2,
      minLon: 120 - LAND_MAX_SPAN_DEG / 2,
      maxLon: 120 + LAND_MAX_SPAN_DEG / 2,
    });
  });

  it('has nothing to ask for without zones', () => {
    expect(landArea([])).toBeNull();
  });
});
