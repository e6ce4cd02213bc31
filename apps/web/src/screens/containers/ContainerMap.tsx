import type { EquipmentEvent } from '@harbor/shared';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Polygon, Polyline, Tooltip, useMap } from 'react-leaflet';
import { latLngRings } from '../map/lat-lng-rings.ts';
import type { PortLookups } from './lookups.ts';
import { placesOf } from './map-places.ts';

function FitTo({ points }: { points: [number, number][] }) {
  const map = useMap();
  const key = JSON.stringify(points);
  useEffect(() => {
    const bounds = latLngBounds(JSON.parse(key) as [number, number][]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
  }, [map, key]);
  return null;
}

/** A small offline map (no tiles): the zones the container passed and its path between them. */
export function ContainerMap({
  events,
  lookups,
}: {
  events: readonly EquipmentEvent[];
  lookups: PortLookups;
}) {
  const { t } = useTranslation('containers');
  const { places, zones } = useMemo(() => placesOf(events, lookups), [events, lookups]);
  if (places.length === 0) return null;
  const path = places.map((place) => [place.lat, place.lon] as [number, number]);
  const outline = zones.flatMap((zone) => latLngRings(zone.polygon)[0] ?? []);
  return (
    <section className="panel containers-map-panel" aria-label={t('map')}>
      <h2>{t('map')}</h2>
      <div className="containers-map" role="img" aria-label={t('mapLabel')}>
        <MapContainer center={path[0]} zoom={13} attributionControl={false} scrollWheelZoom={false}>
          {zones.map((zone) => (
            <Polygon
              key={zone.id}
              positions={latLngRings(zone.polygon)[0] ?? []}
              pathOptions={{ color: '#5b6b7c', weight: 1, fillOpacity: 0.15 }}
            >
              <Tooltip>{zone.code}</Tooltip>
            </Polygon>
          ))}
          <Polyline
            positions={path}
            pathOptions={{ color: '#0b6bcb', weight: 3, dashArray: '6 4' }}
          />
          {places.map((place) => (
            <CircleMarker
              key={place.order}
              center={[place.lat, place.lon]}
              radius={7}
              pathOptions={{ color: '#0b6bcb', fillColor: '#ffffff', fillOpacity: 1 }}
            >
              <Tooltip permanent direction={place.order % 2 === 0 ? 'bottom' : 'top'}>
                {place.order}. {place.label} ({place.eventTypes.join(', ')})
              </Tooltip>
            </CircleMarker>
          ))}
          <FitTo points={[...path, ...outline]} />
        </MapContainer>
      </div>
    </section>
  );
}
