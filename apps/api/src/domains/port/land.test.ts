import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { landIn } from './land.ts';

const SHANGHAI = { minLat: 30.4, minLon: 120.9, maxLat: 31.9, maxLon: 122.6 };

async function isLand(lon: number, lat: number): Promise<boolean> {
  const polygons = await landIn(SHANGHAI);
  return polygons.some((polygon) => booleanPointInPolygon([lon, lat], polygon));
}

describe('land for the offline base map', () => {
  it('puts the city and the airport on land, the sea off Nanhui and Yangshan at sea', async () => {
    expect(await isLand(121.4737, 31.2304)).toBe(true); // People's Square
    expect(await isLand(121.8083, 31.1443)).toBe(true); // Pudong airport
    expect(await isLand(121.5, 31.62)).toBe(true); // Chongming Island
    expect(await isLand(122.3, 31.0)).toBe(false); // the East China Sea east of Nanhui
    expect(await isLand(122.4, 30.6)).toBe(false); // east of Yangshan
  });

  it("puts Yangshan's terminals on land (the port's own, from the seed), the channel at sea", async () => {
    expect(await isLand(122.0808, 30.6295)).toBe(true); // Phase I's yard, behind its quay
    expect(await isLand(122.0436, 30.6275)).toBe(true); // Phase III's yard
    expect(await isLand(122.0163, 30.6235)).toBe(true); // Phase IV's yard
    expect(await isLand(121.6101, 31.3495)).toBe(true); // Waigaoqiao Phase IV, south bank
    expect(await isLand(122.05, 30.612)).toBe(false); // the deep-water channel off the quays
  });

  it('clips every ring to the area and closes it', async () => {
    const polygons = await landIn(SHANGHAI);
    expect(polygons.length).toBeGreaterThan(3);
    for (const polygon of polygons)
      for (const ring of polygon.coordinates) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring.at(-1));
        for (const [lon = 0, lat = 0] of ring) {
          expect(lon).toBeGreaterThanOrEqual(SHANGHAI.minLon);
          expect(lon).toBeLessThanOrEqual(SHANGHAI.maxLon);
          expect(lat).toBeGreaterThanOrEqual(SHANGHAI.minLat);
          expect(lat).toBeLessThanOrEqual(SHANGHAI.maxLat);
        }
      }
  });

  it('has no land in the open Pacific', async () => {
    expect(await landIn({ minLat: 20, minLon: -150, maxLat: 25, maxLon: -145 })).toEqual([]);
  });
});
