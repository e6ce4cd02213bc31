import { knotsToKmh, type Zone, type ZoneKind } from '@harbor/shared';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-leaflet';
import { localName, type Named } from '../../ui/local-name.ts';
import { latLngRings } from './lat-lng-rings.ts';
import { zonePaint } from './zone-style.ts';

/** From this zoom a berth is wide enough on screen to carry its label. */
export const LABEL_ZOOM = 15;
/** Zones trucks drive in: their speed limit reads in km/h, a vessel zone's in knots. */
const LAND_KINDS: ReadonlySet<ZoneKind> = new Set(['YARD_BLOCK', 'GATE', 'DEPOT', 'WAREHOUSE']);
const NO_KINDS: ReadonlySet<string> = new Set();
const NO_TERMINALS: ReadonlyMap<string, Named> = new Map();

/**
 * Leaflet takes a string tooltip as HTML: a zone named `<img src=x onerror=...>` would run
 * its script. A text node is shown as the characters it holds.
 */
function textElement(text: string, tag = 'span', className?: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

/**
 * The port's zones, styled by kind; yard blocks filled by how full they are (when known).
 * A hidden kind is left out; from LABEL_ZOOM each zone carries its label (a terminal's zone
 * its code, another its name); a click opens its details: kind, terminal, speed limit.
 */
export function ZonesLayer({
  zones,
  occupancy,
  hiddenKinds = NO_KINDS,
  terminals = NO_TERMINALS,
}: {
  zones: readonly Zone[];
  occupancy: ReadonlyMap<string, number>;
  hiddenKinds?: ReadonlySet<string>;
  terminals?: ReadonlyMap<string, Named>;
}) {
  const map = useMap();
  const { t, i18n } = useTranslation('map');
  const language = i18n.language;
  const [layers, setLayers] = useState<{ zones: L.LayerGroup; labels: L.LayerGroup } | null>(null);

  useEffect(() => {
    const created = { zones: L.layerGroup().addTo(map), labels: L.layerGroup() };
    const showLabels = () => {
      if (map.getZoom() >= LABEL_ZOOM) created.labels.addTo(map);
      else created.labels.remove();
    };
    map.on('zoomend', showLabels);
    showLabels();
    setLayers(created);
    return () => {
      map.off('zoomend', showLabels);
      created.zones.remove();
      created.labels.remove();
    };
  }, [map]);

  useEffect(() => {
    if (!layers) return;
    layers.zones.clearLayers();
    layers.labels.clearLayers();
    for (const zone of zones) {
      if (hiddenKinds.has(zone.kind)) continue;
      const rings = latLngRings(zone.polygon);
      const ratio = occupancy.get(zone.id);
      const polygon = L.polygon(rings, {
        ...zonePaint(zone.kind, ratio),
        className: `map-zone map-zone-${zone.kind}`,
        interactive: true,
      });
      const name = localName(zone, language);
      const share = ratio === undefined ? '' : ` · ${Math.round(ratio * 100)}%`;
      polygon.bindTooltip(textElement(`${zone.code} · ${name}${share}`), { sticky: true });
      polygon.bindPopup(() => zoneDetails(zone, name, terminals, t), { maxWidth: 280 });
      layers.zones.addLayer(polygon);
      const label = zone.terminalId === null ? name : zone.code;
      layers.labels.addLayer(
        L.tooltip({
          permanent: true,
          direction: 'center',
          className: 'map-zone-label',
          interactive: false,
        })
          .setLatLng(polygon.getBounds().getCenter())
          .setContent(textElement(label)),
      );
    }
  }, [layers, zones, occupancy, hiddenKinds, terminals, t, language]);

  return null;
}

type Translate = ReturnType<typeof useTranslation<'map'>>['t'];

function zoneDetails(
  zone: Zone,
  name: string,
  terminals: ReadonlyMap<string, Named>,
  t: Translate,
): HTMLElement {
  const box = textElement('', 'div', 'map-zone-popup');
  box.dataset.testid = 'zone-details';
  box.append(textElement(name, 'strong'));
  const facts = textElement('', 'dl', 'map-facts');
  const fact = (term: string, value: string) => {
    facts.append(textElement(term, 'dt'), textElement(value, 'dd'));
  };
  fact(t('zone.code'), zone.code);
  fact(t('zone.kind'), t(`zoneKind.${zone.kind}`));
  const terminal = zone.terminalId === null ? undefined : terminals.get(zone.terminalId);
  fact(t('zone.terminal'), terminal ? localName(terminal) : t('panel.none'));
  const limit = zone.speedLimitKnots;
  fact(
    t('zone.speedLimit'),
    limit === null
      ? t('zone.noLimit')
      : LAND_KINDS.has(zone.kind)
        ? t('panel.kmh', { value: knotsToKmh(limit).toFixed(0) })
        : t('panel.knots', { value: limit.toFixed(0) }),
  );
  box.append(facts);
  return box;
}
