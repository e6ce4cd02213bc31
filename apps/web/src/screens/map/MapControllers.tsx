import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { PositionStore } from './position-store.ts';
import { type BoundingBox, viewportToBbox } from './viewport.ts';

/** Reports the visible bounding box (padded by a fifth) once the view has rested for `debounceMs`. */
export function ViewportWatcher({
  onViewport,
  debounceMs = 400,
}: {
  onViewport: (bbox: BoundingBox) => void;
  debounceMs?: number;
}) {
  const map = useMap();
  const onViewportRef = useRef(onViewport);
  onViewportRef.current = onViewport;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const bounds = map.getBounds();
      onViewportRef.current(
        viewportToBbox(
          {
            south: bounds.getSouth(),
            west: bounds.getWest(),
            north: bounds.getNorth(),
            east: bounds.getEast(),
          },
          0.2,
        ),
      );
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(report, debounceMs);
    };
    report();
    map.on('moveend', later);
    return () => {
      clearTimeout(timer);
      map.off('moveend', later);
    };
  }, [map, debounceMs]);
  return null;
}

/** Centres the map on an asset when asked (`request` changes), as soon as its position is known. */
export function FocusOnAsset({
  store,
  request,
}: {
  store: PositionStore;
  request: { id: string; nonce: number } | null;
}) {
  const map = useMap();
  useEffect(() => {
    if (request === null) return;
    const centre = () => {
      const entry = store.get(request.id);
      if (!entry) return false;
      map.setView([entry.position.lat, entry.position.lon], Math.max(map.getZoom(), 14));
      return true;
    };
    if (centre()) return;
    const unsubscribe = store.subscribe((changed) => {
      if (changed.has(request.id) && centre()) unsubscribe();
    });
    return unsubscribe;
  }, [map, store, request]);
  return null;
}

/** Fits the map to the port's zones the first time they are known. */
export function FitOnce({ bounds }: { bounds: [[number, number], [number, number]] | null }) {
  const map = useMap();
  const isDone = useRef(false);
  useEffect(() => {
    if (!bounds || isDone.current) return;
    isDone.current = true;
    map.fitBounds(bounds, { padding: [20, 20] });
  }, [map, bounds]);
  return null;
}

/** Attributes of Leaflet's own container element (react-leaflet passes only class and style to it). */
export function ContainerAttributes({ attributes }: { attributes: Record<string, string> }) {
  const map = useMap();
  const serialised = JSON.stringify(attributes);
  useEffect(() => {
    const container = map.getContainer();
    const entries = Object.entries(JSON.parse(serialised) as Record<string, string>);
    for (const [name, value] of entries) container.setAttribute(name, value);
    return () => {
      for (const [name] of entries) container.removeAttribute(name);
    };
  }, [map, serialised]);
  return null;
}
