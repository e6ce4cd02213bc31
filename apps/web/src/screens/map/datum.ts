import gcoord from 'gcoord';
import L from 'leaflet';

/**
 * The datum a base map's tiles are drawn in. Harbor's positions, zones, tracks and land are
 * WGS-84 (GPS, AIS, the seed); OpenStreetMap and Tianditu draw in WGS-84 (Tianditu in
 * CGCS2000, within centimetres of it), while AMap/Gaode and Tencent draw in GCJ-02, China's
 * obfuscated datum, some hundreds of metres off.
 */
export type Datum = 'WGS84' | 'GCJ02';

/** A WGS-84 point where a map in `datum` draws it, as [lat, lon]. */
export function toDisplay(datum: Datum, lat: number, lon: number): [number, number] {
  if (datum === 'WGS84') return [lat, lon];
  const [gcjLon = lon, gcjLat = lat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
  return [gcjLat, gcjLon];
}

/** A point read off a map in `datum` (a click, the view's centre) back in WGS-84, as [lat, lon]. */
export function fromDisplay(datum: Datum, lat: number, lon: number): [number, number] {
  if (datum === 'WGS84') return [lat, lon];
  const [wgsLon = lon, wgsLat = lat] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return [wgsLat, wgsLon];
}

const mercator = L.Projection.SphericalMercator;

/**
 * Leaflet's Web Mercator with the datum shift inside its projection: the one place the map
 * converts. Every layer keeps WGS-84 coordinates (markers, zones, tracks, land, the asset
 * canvas through `map.options.crs`), the map projects them onto GCJ-02 tiles, and what it
 * reads back (clicks, bounds, the centre) unprojects to WGS-84.
 */
const GCJ02_CRS: L.CRS = L.Util.extend({}, L.CRS.EPSG3857, {
  code: 'EPSG:3857-GCJ02',
  projection: {
    bounds: mercator.bounds,
    project(latlng: L.LatLng): L.Point {
      const [lat, lon] = toDisplay('GCJ02', latlng.lat, latlng.lng);
      return mercator.project(L.latLng(lat, lon));
    },
    unproject(point: L.Point): L.LatLng {
      const shown = mercator.unproject(point);
      const [lat, lon] = fromDisplay('GCJ02', shown.lat, shown.lng);
      return L.latLng(lat, lon);
    },
  },
});

export function crsFor(datum: Datum): L.CRS {
  return datum === 'GCJ02' ? GCJ02_CRS : L.CRS.EPSG3857;
}
