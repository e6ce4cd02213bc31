import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { AssetCanvasLayer } from './AssetCanvasLayer.ts';
import { crsFor, toDisplay } from './datum.ts';
import { PositionStore } from './position-store.ts';

// Yangshan Phase I's yard (WGS-84).
const YARD = { lat: 30.6295, lon: 122.0808 };

function mapWith(crs: L.CRS) {
  const container = document.createElement('div');
  Object.defineProperty(container, 'clientWidth', { value: 800 });
  Object.defineProperty(container, 'clientHeight', { value: 600 });
  document.body.appendChild(container);
  const map = L.map(container, { crs, zoomAnimation: false, fadeAnimation: false });
  map.setView([30.63, 122.06], 15);
  map.panBy([137, -55], { animate: false });
  const store = new PositionStore();
  store.applyBatch([
    {
      assetKind: 'VEHICLE',
      assetKey: 'T1',
      lat: YARD.lat,
      lon: YARD.lon,
      fixAt: '2026-12-05T06:00:00.000Z',
      speedKnots: 0,
      courseDeg: null,
      headingDeg: null,
      status: null,
      source: 'JT808',
    },
  ]);
  const layer = new AssetCanvasLayer(store).addTo(map);
  return { map, layer };
}

describe('AssetCanvasLayer', () => {
  it('draws an asset where Leaflet places its position, after a pan', () => {
    const { map, layer } = mapWith(crsFor('WGS84'));
    const expected = map.latLngToContainerPoint([YARD.lat, YARD.lon]);
    const drawn = layer.containerPointOf('VEHICLE:T1');
    expect(drawn?.x).toBeCloseTo(expected.x, 0);
    expect(drawn?.y).toBeCloseTo(expected.y, 0);
    expect(layer.assetAt(expected.x + 3, expected.y - 2)).toBe('VEHICLE:T1');
    expect(layer.assetAt(expected.x + 30, expected.y)).toBeNull();
    map.remove();
  });

  it('draws an asset at its GCJ-02 position on a GCJ-02 base map', () => {
    const { map, layer } = mapWith(crsFor('GCJ02'));
    const [gcjLat, gcjLon] = toDisplay('GCJ02', YARD.lat, YARD.lon);
    // Where plain Web Mercator puts the converted point, in this map's pixels.
    const project = (lat: number, lon: number) =>
      L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lon), map.getZoom())
        .subtract(map.getPixelOrigin())
        .add(map.layerPointToContainerPoint([0, 0]));
    const expected = project(gcjLat, gcjLon);
    const drawn = layer.containerPointOf('VEHICLE:T1');
    expect(drawn?.x).toBeCloseTo(expected.x, 1);
    expect(drawn?.y).toBeCloseTo(expected.y, 1);
    // Hundreds of metres from the WGS-84 spot: tens of pixels at zoom 15.
    const unshifted = project(YARD.lat, YARD.lon);
    expect(
      Math.hypot((drawn?.x ?? 0) - unshifted.x, (drawn?.y ?? 0) - unshifted.y),
    ).toBeGreaterThan(50);
    map.remove();
  });
});
