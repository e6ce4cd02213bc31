import type { GeoJsonPolygon } from '@harbor/shared';

/** A GeoJSON polygon's rings ([lon, lat] positions) as Leaflet's [lat, lng] pairs. */
export function latLngRings(polygon: GeoJsonPolygon): [number, number][][] {
  return polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [lat ?? 0, lon ?? 0]));
}
