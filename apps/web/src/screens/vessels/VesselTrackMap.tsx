import type { Position } from '@harbor/shared';
import { latLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Polyline, useMap } from 'react-leaflet';

function FitTo({ points }: { points: [number, number][] }) {
  const map = useMap();
  const key = JSON.stringify(points);
  useEffect(() => {
    const bounds = latLngBounds(JSON.parse(key) as [number, number][]);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
  }, [map, key]);
  return null;
}

/** A small offline map (no tiles): the vessel's track and where it is now. */
export function VesselTrackMap({ track }: { track: readonly Position[] }) {
  const { t } = useTranslation('vessels');
  const path = track.map((fix) => [fix.lat, fix.lon] as [number, number]);
  const last = path.at(-1);
  if (!last) return null;
  return (
    <section className="vessel-map" aria-label={t('page.mapLabel', { count: track.length })}>
      <MapContainer center={last} zoom={12} attributionControl={false} scrollWheelZoom={false}>
        <Polyline positions={path} pathOptions={{ color: '#0b6bcb', weight: 3 }} />
        <CircleMarker
          center={last}
          radius={7}
          pathOptions={{ color: '#12324f', fillColor: '#f5a623', fillOpacity: 1 }}
        />
        <FitTo points={path} />
      </MapContainer>
    </section>
  );
}
