import type { Zone } from '@harbor/shared';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import { latLngRings } from './lat-lng-rings.ts';
import { zonePaint } from './zone-style.ts';

/**
 * Leaflet takes a string tooltip as HTML: a zone named `<img src=x onerror=...>` would run
 * its script. A text node is shown as the characters it holds.
 */
function textContent(text: string): HTMLElement {
  const label = document.createElement('span');
  label.textContent = text;
  return label;
}

/** The port's zones, styled by kind; yard blocks filled by how full they are (when known). */
export function ZonesLayer({
  zones,
  occupancy,
}: {
  zones: readonly Zone[];
  occupancy: ReadonlyMap<string, number>;
}) {
  const map = useMap();
  const [group, setGroup] = useState<L.LayerGroup | null>(null);

  useEffect(() => {
    const created = L.layerGroup().addTo(map);
    setGroup(created);
    return () => {
      created.remove();
    };
  }, [map]);

  useEffect(() => {
    if (!group) return;
    group.clearLayers();
    for (const zone of zones) {
      const rings = latLngRings(zone.polygon);
      const ratio = occupancy.get(zone.id);
      const polygon = L.polygon(rings, { ...zonePaint(zone.kind, ratio), interactive: true });
      const share = ratio === undefined ? '' : ` · ${Math.round(ratio * 100)}%`;
      polygon.bindTooltip(textContent(`${zone.code} · ${zone.name}${share}`), { sticky: true });
      group.addLayer(polygon);
    }
  }, [group, zones, occupancy]);

  return null;
}
