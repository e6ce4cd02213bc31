import type { Zone } from '@harbor/shared';
import { render } from '@testing-library/react';
import L from 'leaflet';
import { MapContainer } from 'react-leaflet';
import { describe, expect, it } from 'vitest';
import { ZonesLayer } from './ZonesLayer.tsx';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

const zone: Zone = {
  id: '00000000-0000-4000-8000-000000000001',
  portId: '00000000-0000-4000-8000-000000000002',
  terminalId: null,
  code: 'Y01<b>',
  name: HOSTILE_NAME,
  kind: 'YARD_BLOCK',
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [122.0, 30.6],
        [122.01, 30.6],
        [122.01, 30.61],
        [122.0, 30.61],
        [122.0, 30.6],
      ],
    ],
  },
  bbox: { minLat: 30.6, minLon: 122.0, maxLat: 30.61, maxLon: 122.01 },
  nameZh: null,
  speedLimitKnots: null,
  speedLimitKmh: null,
};

describe('the zones layer', () => {
  it("shows a zone's code and name as text in its tooltip, never as HTML", () => {
    const rendered: { map?: L.Map } = {};
    render(
      <MapContainer
        center={[30.605, 122.005]}
        zoom={14}
        ref={(instance) => {
          if (instance) rendered.map = instance;
        }}
      >
        <ZonesLayer zones={[zone]} occupancy={new Map([[zone.id, 0.42]])} />
      </MapContainer>,
    );
    const polygons: L.Polygon[] = [];
    rendered.map?.eachLayer((layer) => {
      if (layer instanceof L.Polygon) polygons.push(layer);
    });
    expect(polygons).toHaveLength(1);
    polygons[0]?.openTooltip([30.605, 122.005]);

    const tooltip = document.querySelector('.leaflet-tooltip');
    expect(tooltip?.textContent).toBe(`Y01<b> · ${HOSTILE_NAME} · 42%`);
    expect(tooltip?.querySelector('img, b')).toBeNull();
  });
});
