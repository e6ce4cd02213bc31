import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * The tile server, when one is configured at build time (`VITE_TILE_URL`, e.g.
 * `https://tiles.example.com/{z}/{x}/{y}.png`, with `VITE_TILE_ATTRIBUTION`). Without one
 * the map draws no tiles: its water-coloured background and the port's zones still show
 * the port, so it works offline.
 */
export const TILE_URL: string | null = readEnv(import.meta.env.VITE_TILE_URL);
const TILE_ATTRIBUTION = readEnv(import.meta.env.VITE_TILE_ATTRIBUTION) ?? '';

function readEnv(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function TileBaseLayer({ url }: { url: string | null }) {
  const map = useMap();
  useEffect(() => {
    if (url === null) return;
    const tiles = L.tileLayer(url, { attribution: TILE_ATTRIBUTION, maxZoom: 19 }).addTo(map);
    return () => {
      tiles.remove();
    };
  }, [map, url]);
  return null;
}
