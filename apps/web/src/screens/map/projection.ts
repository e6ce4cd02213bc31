import type L from 'leaflet';

const MAX_LATITUDE = 85.0511287798;

/**
 * Longitude and latitude to the map container's pixels, as Leaflet's spherical Mercator
 * places them, without allocating per point (thousands of assets per frame).
 */
export function containerProjection(map: L.Map): {
  x: (lon: number) => number;
  y: (lat: number) => number;
} {
  const scale = 256 * 2 ** map.getZoom();
  const origin = map.getPixelOrigin();
  const containerOrigin = map.containerPointToLayerPoint([0, 0]);
  const offsetX = origin.x + containerOrigin.x;
  const offsetY = origin.y + containerOrigin.y;
  return {
    x: (lon) => scale * (0.5 + lon / 360) - offsetX,
    y: (lat) => {
      const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
      return scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) - offsetY;
    },
  };
}
