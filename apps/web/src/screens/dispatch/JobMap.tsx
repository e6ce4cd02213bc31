import type { EtaTarget, Zone } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, MapContainer, Polygon, Polyline, Tooltip, useMap } from 'react-leaflet';
import { trpc } from '../../trpc.ts';
import { LandLayer } from '../map/LandLayer.tsx';
import { latLngRings } from '../map/lat-lng-rings.ts';

type LatLng = [number, number];
/** Coastlines are drawn this far (degrees) around the job's two zones. */
const LAND_MARGIN_DEG = 0.3;

const centreOf = (zone: Zone): LatLng => [
  (zone.bbox.minLat + zone.bbox.maxLat) / 2,
  (zone.bbox.minLon + zone.bbox.maxLon) / 2,
];

/** Fits the view to the points when `fitKey` changes (the zones, a truck appearing), not on every move. */
function FitTo({ points, fitKey }: { points: LatLng[]; fitKey: string }) {
  const map = useMap();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit on a new key only, so the view stays put while the truck moves
  useEffect(() => {
    const bounds = latLngBounds(points);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }, [map, fitKey]);
  return null;
}

/**
 * A small offline map of one job (no tiles; coastlines from the api): its pickup and
 * drop-off zones, and its truck where it was last seen with a line to where it heads.
 */
export function JobMap({
  pickup,
  dropoff,
  truck,
}: {
  pickup: Zone;
  dropoff: Zone;
  truck: { lat: number; lon: number; plate: string; target: EtaTarget } | null;
}) {
  const { t } = useTranslation('dispatch');
  const bbox = useMemo(
    () => ({
      minLat: Math.min(pickup.bbox.minLat, dropoff.bbox.minLat) - LAND_MARGIN_DEG,
      maxLat: Math.max(pickup.bbox.maxLat, dropoff.bbox.maxLat) + LAND_MARGIN_DEG,
      minLon: Math.min(pickup.bbox.minLon, dropoff.bbox.minLon) - LAND_MARGIN_DEG,
      maxLon: Math.max(pickup.bbox.maxLon, dropoff.bbox.maxLon) + LAND_MARGIN_DEG,
    }),
    [pickup, dropoff],
  );
  const land = useQuery(trpc.port.land.queryOptions({ bbox }, { staleTime: Infinity }));
  const truckAt: LatLng | null = truck ? [truck.lat, truck.lon] : null;
  const heading = truck ? centreOf(truck.target === 'PICKUP' ? pickup : dropoff) : null;
  const points = [centreOf(pickup), centreOf(dropoff), ...(truckAt ? [truckAt] : [])];
  const label = t('detail.mapLabel', {
    pickup: pickup.code,
    dropoff: dropoff.code,
    truck: truck ? t('detail.mapTruck', { plate: truck.plate }) : '',
  });
  return (
    <div className="dispatch-map" role="img" aria-label={label} data-testid="job-map">
      <MapContainer
        center={points[0]}
        zoom={11}
        attributionControl={false}
        scrollWheelZoom={false}
        // A picture of the job (role img): nothing inside takes the focus; drag and
        // double-click still move and zoom it.
        keyboard={false}
        zoomControl={false}
      >
        {land.data ? <LandLayer land={land.data} /> : null}
        {/* A gate is a few hundred metres across: a dot marks each zone at any zoom. */}
        <Polygon
          positions={latLngRings(pickup.polygon)}
          className="dispatch-map-pickup-area"
          pathOptions={{ color: '#0b6bcb', weight: 2 }}
        />
        <CircleMarker
          center={centreOf(pickup)}
          radius={6}
          className="dispatch-map-pickup"
          pathOptions={{ color: '#0b6bcb', fillColor: '#0b6bcb', fillOpacity: 0.6 }}
        >
          <Tooltip permanent direction="top">
            {t('detail.pickup')} {pickup.code}
          </Tooltip>
        </CircleMarker>
        <Polygon
          positions={latLngRings(dropoff.polygon)}
          className="dispatch-map-dropoff-area"
          pathOptions={{ color: '#1e7b34', weight: 2 }}
        />
        <CircleMarker
          center={centreOf(dropoff)}
          radius={6}
          className="dispatch-map-dropoff"
          pathOptions={{ color: '#1e7b34', fillColor: '#1e7b34', fillOpacity: 0.6 }}
        >
          <Tooltip permanent direction="bottom">
            {t('detail.dropoff')} {dropoff.code}
          </Tooltip>
        </CircleMarker>
        {truckAt && heading ? (
          <>
            <Polyline
              positions={[truckAt, heading]}
              pathOptions={{ color: '#c2410c', weight: 2, dashArray: '6 4' }}
            />
            <CircleMarker
              center={truckAt}
              radius={7}
              // A path's class is set when Leaflet creates it (pathOptions only restyle it).
              className="dispatch-map-truck"
              pathOptions={{
                color: '#c2410c',
                fillColor: '#ffffff',
                fillOpacity: 1,
              }}
            >
              <Tooltip permanent direction="right">
                {truck?.plate}
              </Tooltip>
            </CircleMarker>
          </>
        ) : null}
        <FitTo points={points} fitKey={`${pickup.id}:${dropoff.id}:${truckAt !== null}`} />
      </MapContainer>
    </div>
  );
}
