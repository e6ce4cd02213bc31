import { LAND_MAX_SPAN_DEG, type Zone } from '@harbor/shared';
import { type BoundingBox, zonesExtent } from './viewport.ts';

/** How far beyond the port's zones the offline base map draws land, in degrees. */
export const LAND_MARGIN_DEG = 2.5;

/**
 * The area whose land the map asks for: the port's zones and a margin around them, within
 * the widest area the api answers for (centred on the zones where they spread wider).
 */
export function landArea(zones: readonly Zone[]): BoundingBox | null {
  const extent = zonesExtent(zones);
  if (!extent) return null;
  const span = (min: number, max: number, limit: number) => {
    const [low, high] = [min - LAND_MARGIN_DEG, max + LAND_MARGIN_DEG];
    if (high - low <= LAND_MAX_SPAN_DEG) return [Math.max(-limit, low), Math.min(limit, high)];
    const centre = (min + max) / 2;
    return [
      Math.max(-limit, centre - LAND_MAX_SPAN_DEG / 2),
      Math.min(limit, centre + LAND_MAX_SPAN_DEG / 2),
    ];
  };
  const [minLat = 0, maxLat = 0] = span(extent.minLat, extent.maxLat, 90);
  const [minLon = 0, maxLon = 0] = span(extent.minLon, extent.maxLon, 180);
  return { minLat, minLon, maxLat, maxLon };
}
