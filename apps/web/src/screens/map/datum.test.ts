import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { configuredBaseMaps, rememberedBaseMap } from './base-maps.ts';
import { crsFor, fromDisplay, toDisplay } from './datum.ts';

// Published WGS-84/GCJ-02 pairs from gcoord's own tests (github.com/hujiulong/gcoord):
// Jinhua (金华市) from test/fixtures/china-cities.json, and GCJ-02 (123, 45) from
// test/unit/crs/GCJ02.spec.ts.
const JINHUA = { wgs84: [29.0820414, 119.6427465], gcj02: [29.0790641, 119.6474509] } as const;

describe('datum conversion', () => {
  it('moves a WGS-84 point to where GCJ-02 maps draw it, and back', () => {
    const [lat, lon] = toDisplay('GCJ02', JINHUA.wgs84[0], JINHUA.wgs84[1]);
    expect(lat).toBeCloseTo(JINHUA.gcj02[0], 4);
    expect(lon).toBeCloseTo(JINHUA.gcj02[1], 4);
    const [backLat, backLon] = fromDisplay('GCJ02', JINHUA.gcj02[0], JINHUA.gcj02[1]);
    expect(backLat).toBeCloseTo(JINHUA.wgs84[0], 4);
    expect(backLon).toBeCloseTo(JINHUA.wgs84[1], 4);
    const [wgsLat, wgsLon] = fromDisplay('GCJ02', 45, 123);
    expect(wgsLat).toBeCloseTo(44.99804071, 5);
    expect(wgsLon).toBeCloseTo(122.99395597, 5);
  });

  it('leaves WGS-84 maps and points outside China alone', () => {
    expect(toDisplay('WGS84', 30.63, 122.08)).toEqual([30.63, 122.08]);
    expect(toDisplay('GCJ02', 51.5, -0.12)).toEqual([51.5, -0.12]);
  });

  it("puts a point on a GCJ-02 map's pixels where Web Mercator puts its GCJ-02 position, and reads clicks back in WGS-84", () => {
    const crs = crsFor('GCJ02');
    const shown = crs.latLngToPoint(L.latLng(JINHUA.wgs84[0], JINHUA.wgs84[1]), 12);
    const expected = L.CRS.EPSG3857.latLngToPoint(L.latLng(JINHUA.gcj02[0], JINHUA.gcj02[1]), 12);
    expect(shown.x).toBeCloseTo(expected.x, 0);
    expect(shown.y).toBeCloseTo(expected.y, 0);
    const clicked = crs.pointToLatLng(expected, 12);
    expect(clicked.lat).toBeCloseTo(JINHUA.wgs84[0], 4);
    expect(clicked.lng).toBeCloseTo(JINHUA.wgs84[1], 4);
    expect(crsFor('WGS84')).toBe(L.CRS.EPSG3857);
  });
});

describe('base maps', () => {
  it('offers OpenStreetMap alone by default, and Tianditu and AMap when configured', () => {
    expect(configuredBaseMaps({}).map((map) => map.id)).toEqual(['standard']);
    const maps = configuredBaseMaps({ VITE_TIANDITU_KEY: 'browser-key', VITE_AMAP_TILES: 'on' });
    expect(maps.map((map) => [map.id, map.datum])).toEqual([
      ['standard', 'WGS84'],
      ['tianditu', 'WGS84'],
      ['amap', 'GCJ02'],
    ]);
    expect(maps[1]?.layers.map((layer) => layer.url)).toEqual([
      expect.stringContaining('vec_w/wmts?'),
      expect.stringContaining('cva_w/wmts?'),
    ]);
    expect(maps[1]?.layers[0]?.url).toContain('tk=browser-key');
    expect(configuredBaseMaps({ VITE_TILE_URL: 'none', VITE_AMAP_TILES: 'off' })).toEqual([]);
    expect(
      configuredBaseMaps({ VITE_AMAP_TILES: 'http://127.0.0.1:9/{z}/{x}/{y}.png' })[1]?.layers[0]
        ?.url,
    ).toBe('http://127.0.0.1:9/{z}/{x}/{y}.png');
  });

  it("remembers the user's choice while the build still offers it", () => {
    const maps = configuredBaseMaps({ VITE_AMAP_TILES: 'on' });
    expect(rememberedBaseMap(maps, { getItem: () => 'amap' })?.id).toBe('amap');
    expect(rememberedBaseMap(maps, { getItem: () => 'tianditu' })?.id).toBe('standard');
    expect(rememberedBaseMap(maps, { getItem: () => null })?.id).toBe('standard');
    expect(rememberedBaseMap([], null)).toBeNull();
  });
});
