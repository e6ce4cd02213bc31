import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { FenceZone } from '../../pipeline/geofence-engine.ts';

export type NamedZone = Pick<
  FenceZone,
  'id' | 'code' | 'kind' | 'polygon' | 'minLon' | 'minLat' | 'maxLon' | 'maxLat'
> & { name: string; nameZh?: string | null };

/**
 * Which zone a point lies in, for naming the place of a stop. The same R-tree plus
 * point-in-polygon as the geofence engine, without its per-asset memory. Where zones nest
 * (a yard block inside a terminal area) the smallest box wins, being the most precise name.
 */
export class ZoneLocator {
  private readonly index: Flatbush | null;

  constructor(private readonly zones: readonly NamedZone[]) {
    if (zones.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(zones.length);
    for (const zone of zones) this.index.add(zone.minLon, zone.minLat, zone.maxLon, zone.maxLat);
    this.index.finish();
  }

  zoneAt(lon: number, lat: number): NamedZone | null {
    if (!this.index) return null;
    let best: NamedZone | null = null;
    let bestArea = Number.POSITIVE_INFINITY;
    for (const i of this.index.search(lon, lat, lon, lat)) {
      const zone = this.zones[i];
      if (!zone || !booleanPointInPolygon([lon, lat], zone.polygon)) continue;
      const area = (zone.maxLon - zone.minLon) * (zone.maxLat - zone.minLat);
      if (area < bestArea) {
        best = zone;
        bestArea = area;
      }
    }
    return best;
  }
}
