import type L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { PositionStore } from './position-store.ts';
import type { MapBounds } from './viewport.ts';

/** Reports the visible bounds once the view has rested for `debounceMs`. */
export function ViewportWatcher({
  onViewport,
  enabled = true,
  debounceMs = 400,
}: {
  onViewport: (bounds: MapBounds) => void;
  /** Whether to report yet (false while the map is still finding where it opens). */
  enabled?: boolean;
  debounceMs?: number;
}) {
  const map = useMap();
  const onViewportRef = useRef(onViewport);
  onViewportRef.current = onViewport;
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const bounds = map.getBounds();
      onViewportRef.current({
        south: bounds.getSouth(),
        west: bounds.getWest(),
        north: bounds.getNorth(),
        east: bounds.getEast(),
      });
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
  }, [map, enabled, debounceMs]);
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

/** Fits the map to the opening view the first time it is known. */
export function FitOnce({ bounds }: { bounds: [[number, number], [number, number]] | null }) {
  const map = useMap();
  const isDone = useRef(false);
  useEffect(() => {
    if (!bounds || isDone.current) return;
    isDone.current = true;
    map.fitBounds(bounds, { padding: [20, 20], animate: false });
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

/**
 * Leaflet 1.9 ends a zoom animation 250 ms after it starts with a timer that it does not
 * cancel when the map is removed; the timer then reads the removed map pane and throws
 * "Cannot read properties of undefined (reading '_leaflet_pos')" (Leaflet issue #9575, fixed
 * in Leaflet 2). Leaving the map while it zooms (a fit or a focus right after it opened, a
 * wheel turn) did that. The map's `unload` (or this controller's unmount, whichever React
 * runs first) marks the animation as over, so the timer does nothing.
 */
export function EndAnimationsOnUnload() {
  const map = useMap();
  useEffect(() => {
    const animated: L.Map & { _animatingZoom?: boolean } = map;
    // Not `map.stop()`: it sets the zoom, which reads the map pane, gone after `remove()`.
    const end = () => {
      animated._animatingZoom = false;
    };
    map.on('unload', end);
    return () => {
      map.off('unload', end);
      end();
    };
  }, [map]);
  return null;
}

/** Centres the map on a point the first time there is one (the replayed position of an alert's moment). */
export function CentreOnce({ point }: { point: { lat: number; lon: number } | null }) {
  const map = useMap();
  const isDone = useRef(false);
  useEffect(() => {
    if (!point || isDone.current) return;
    isDone.current = true;
    map.setView([point.lat, point.lon], Math.max(map.getZoom(), 14), { animate: false });
  }, [map, point]);
  return null;
}
