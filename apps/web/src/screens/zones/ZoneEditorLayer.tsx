import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import type { Zone } from '@harbor/shared';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useMap } from 'react-leaflet';
import { localName } from '../../ui/local-name.ts';
import { latLngRings } from '../map/lat-lng-rings.ts';
import { zonePaint } from '../map/zone-style.ts';

/** A closed ring of [lon, lat] positions, as the api takes a zone's outline. */
export type Ring = [number, number][];

/** The outline being edited: `key` changes when it is replaced (another zone, a new drawing). */
export type Outline = { key: string; ring: Ring };

const SELECTED_STYLE: L.PathOptions = {
  color: '#0d47a1',
  weight: 3,
  fillColor: '#64b5f6',
  fillOpacity: 0.35,
};

/** Leaflet takes a string tooltip as HTML; a text node shows a zone's name as it is. */
function textContent(text: string): HTMLElement {
  const label = document.createElement('span');
  label.textContent = text;
  return label;
}

/** A Leaflet polygon's outer ring as [lon, lat] positions, closed, to the 6th decimal (0.1 m). */
function ringOf(layer: L.Polygon): Ring {
  const rings = layer.getLatLngs() as L.LatLng[][];
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const ring: Ring = (rings[0] ?? []).map((p) => [round(p.lng), round(p.lat)]);
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}

/**
 * The zones on the zones screen's map, drawn by kind as on the live map; a click selects one.
 * The selected outline is drawn apart and, for those who may edit, its corners dragged with
 * Leaflet-Geoman; `drawing` turns on Geoman's polygon drawing, whose result goes to `onDrawn`.
 * Each part adds its layers in one effect and removes them in its cleanup (StrictMode-safe).
 */
export function ZoneEditorLayer({
  zones,
  selectedId,
  outline,
  canEdit,
  drawing,
  language,
  handleLabels,
  onSelect,
  onShape,
  onDrawn,
}: {
  zones: readonly Zone[];
  selectedId: string | null;
  outline: Outline | null;
  canEdit: boolean;
  drawing: boolean;
  language: string;
  /** Names for the corner handles Geoman adds (a button each): moving one, adding one. */
  handleLabels: { corner: string; middle: string };
  onSelect: (id: string) => void;
  onShape: (ring: Ring) => void;
  onDrawn: (ring: Ring) => void;
}) {
  const map = useMap();
  const [group, setGroup] = useState<L.LayerGroup | null>(null);
  // The handlers change with every render; the layers read the latest through refs.
  const handlers = useRef({ onSelect, onShape, onDrawn });
  handlers.current = { onSelect, onShape, onDrawn };
  const ring = useRef(outline?.ring ?? null);
  ring.current = outline?.ring ?? null;

  useEffect(() => {
    const created = L.layerGroup().addTo(map);
    setGroup(created);
    return () => {
      created.remove();
    };
  }, [map]);

  useEffect(() => {
    map.pm.setLang(language === 'zh-CN' ? 'zh' : 'en');
    map.pm.setGlobalOptions({ allowSelfIntersection: false, snappable: false });
  }, [map, language]);

  // Leaflet makes each marker a keyboard button; Geoman's handles come without a name.
  const { corner, middle } = handleLabels;
  useEffect(() => {
    const name = (event: L.LayerEvent) => {
      if (!(event.layer instanceof L.Marker)) return;
      const element = event.layer.getElement();
      if (!element || element.hasAttribute('aria-label')) return;
      const isMiddle = element.classList.contains('marker-icon-middle');
      element.setAttribute('aria-label', isMiddle ? middle : corner);
    };
    map.on('layeradd', name);
    return () => {
      map.off('layeradd', name);
    };
  }, [map, corner, middle]);

  useEffect(() => {
    if (!group) return;
    group.clearLayers();
    for (const zone of zones) {
      if (zone.id === selectedId) continue;
      // While drawing, a click on a zone places a corner, not selects the zone.
      const polygon = L.polygon(latLngRings(zone.polygon), {
        ...zonePaint(zone.kind, undefined),
        interactive: !drawing,
        pmIgnore: true,
      });
      polygon.bindTooltip(textContent(`${zone.code} · ${localName(zone, language)}`), {
        sticky: true,
      });
      polygon.on('click', () => handlers.current.onSelect(zone.id));
      group.addLayer(polygon);
    }
  }, [group, zones, selectedId, language, drawing]);

  const outlineKey = outline?.key ?? null;
  useEffect(() => {
    const current = ring.current;
    if (outlineKey === null || !current) return;
    const polygon = L.polygon(
      current.map(([lon, lat]) => [lat, lon] as [number, number]),
      SELECTED_STYLE,
    ).addTo(map);
    if (canEdit) {
      polygon.pm.enable({ allowSelfIntersection: false, snappable: false });
      polygon.on('pm:edit', () => handlers.current.onShape(ringOf(polygon)));
    }
    return () => {
      if (canEdit) polygon.pm.disable();
      polygon.remove();
    };
  }, [map, outlineKey, canEdit]);

  useEffect(() => {
    if (!drawing) return;
    const created = (event: L.LeafletEvent) => {
      const layer = (event as L.LeafletEvent & { layer: L.Polygon }).layer;
      const drawn = ringOf(layer);
      layer.remove();
      handlers.current.onDrawn(drawn);
    };
    map.on('pm:create', created);
    map.pm.enableDraw('Polygon', { allowSelfIntersection: false, snappable: false });
    return () => {
      map.off('pm:create', created);
      map.pm.disableDraw();
    };
  }, [map, drawing]);

  return null;
}
