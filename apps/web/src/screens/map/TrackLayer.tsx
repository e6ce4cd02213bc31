import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import type { TrackPoint } from './replay.ts';

/** The chosen asset's track as a line, and where the replay has got to as a marker. */
export function TrackLayer({
  points,
  replayAt,
}: {
  points: readonly TrackPoint[] | null;
  replayAt: TrackPoint | null;
}) {
  const map = useMap();
  const [layers, setLayers] = useState<{ line: L.Polyline; marker: L.CircleMarker } | null>(null);

  useEffect(() => {
    const line = L.polyline([], { color: '#ff3d00', weight: 3, opacity: 0.85, interactive: false });
    const marker = L.circleMarker([0, 0], {
      radius: 7,
      color: '#ffffff',
      weight: 2,
      fillColor: '#ff3d00',
      fillOpacity: 1,
      interactive: false,
    });
    line.addTo(map);
    setLayers({ line, marker });
    return () => {
      line.remove();
      marker.remove();
    };
  }, [map]);

  useEffect(() => {
    if (!layers) return;
    layers.line.setLatLngs((points ?? []).map((p) => L.latLng(p.lat, p.lon)));
    if (points && points.length > 1)
      map.fitBounds(layers.line.getBounds(), { padding: [40, 40], maxZoom: 16 });
  }, [layers, points, map]);

  useEffect(() => {
    if (!layers) return;
    if (replayAt === null) layers.marker.remove();
    else {
      layers.marker.setLatLng([replayAt.lat, replayAt.lon]);
      if (!map.hasLayer(layers.marker)) layers.marker.addTo(map);
    }
  }, [layers, replayAt, map]);

  return null;
}
