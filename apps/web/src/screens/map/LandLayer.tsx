import type { GeoJsonPolygon } from '@harbor/shared';
import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { i18n } from '../../i18n/index.ts';
import { latLngRings } from './lat-lng-rings.ts';

/** Land sits under the tiles (tile pane: 200), so it shows only where no tile covers it. */
const LAND_PANE = 'harbor-land';
const LAND_PANE_Z = '150';

/** Coastlines drawn from the api's land polygons: the base map when there are no tiles. */
export function LandLayer({ land }: { land: readonly GeoJsonPolygon[] }) {
  const map = useMap();
  useEffect(() => {
    const pane = map.getPane(LAND_PANE) ?? map.createPane(LAND_PANE);
    pane.style.zIndex = LAND_PANE_Z;
    pane.style.pointerEvents = 'none';
    const layer = L.layerGroup([], {
      attribution:
        land.length > 0
          ? `${i18n.t('map:coastlines')}: <a href="https://www.naturalearthdata.com/">Natural Earth</a>`
          : '',
    });
    for (const polygon of land) {
      layer.addLayer(
        L.polygon(latLngRings(polygon), {
          pane: LAND_PANE,
          className: 'map-land',
          interactive: false,
          color: '#b9b2a0',
          weight: 1,
          fillColor: '#f2efe6',
          fillOpacity: 1,
        }),
      );
    }
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, land]);
  return null;
}
