import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { BaseMap } from './base-maps.ts';
import { crsFor, type Datum } from './datum.ts';
import { TileHealth } from './tile-health.ts';

/**
 * The chosen base map's tiles; `onOffline` once its tile server has proved unreachable.
 * Without tiles the map keeps its coastlines (LandLayer) and the port's zones, so it works
 * offline.
 */
export function TileBaseLayer({
  baseMap,
  onOffline,
}: {
  baseMap: BaseMap | null;
  onOffline: () => void;
}) {
  const map = useMap();
  useEffect(() => {
    if (baseMap === null) return;
    const health = new TileHealth();
    const layers = baseMap.layers.map((layer) =>
      L.tileLayer(layer.url, {
        attribution: layer.attribution,
        maxZoom: 19,
        ...(layer.subdomains ? { subdomains: layer.subdomains } : {}),
      }),
    );
    const [first] = layers;
    first?.on('tileload', () => health.tileLoaded());
    first?.on('tileerror', () => {
      if (!health.tileFailed()) return;
      for (const layer of layers) layer.remove();
      onOffline();
    });
    for (const layer of layers) layer.addTo(map);
    return () => {
      for (const layer of layers) layer.remove();
    };
  }, [map, baseMap, onOffline]);
  return null;
}

/** Leaflet's `setView` option (not in its types) that re-projects every layer at once. */
const RESET_VIEW = { reset: true, animate: false };

/**
 * Puts the map in the base map's datum: the CRS converts every WGS-84 coordinate on the way
 * to the screen and back (datum.ts), and the view stays on the same WGS-84 centre.
 */
export function MapDatum({ datum }: { datum: Datum }) {
  const map = useMap();
  useEffect(() => {
    const crs = crsFor(datum);
    if (map.options.crs === crs) return;
    const centre = map.getCenter();
    map.options.crs = crs;
    map.setView(centre, map.getZoom(), RESET_VIEW);
  }, [map, datum]);
  return null;
}
