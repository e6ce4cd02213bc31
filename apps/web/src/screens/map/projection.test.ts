import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import { containerProjection } from './projection.ts';

describe('containerProjection', () => {
  it('places points where Leaflet does, also after a pan', () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const map = L.map(container, { zoomAnimation: false, fadeAnimation: false }).setView(
      [30.62, 122.05],
      13,
    );
    map.panBy([137, -55], { animate: false });
    const project = containerProjection(map);
    for (const [lat, lon] of [
      [30.62, 122.05],
      [30.7, 121.9],
      [31.36, 121.6],
    ] as const) {
      const expected = map.latLngToContainerPoint([lat, lon]);
      expect(project.x(lon)).toBeCloseTo(expected.x, 0);
      expect(project.y(lat)).toBeCloseTo(expected.y, 0);
    }
    map.remove();
  });
});
