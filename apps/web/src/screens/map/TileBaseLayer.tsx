import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { TileHealth } from './tile-health.ts';

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * The tile server, chosen at build time: OpenStreetMap's standard tiles unless
 * `VITE_TILE_URL` names another (`https://tiles.example.com/{z}/{x}/{y}.png`, with
 * `VITE_TILE_ATTRIBUTION`) or is `none`. Without tiles, or when the server cannot be reached,
 * the map keeps its coastlines (LandLayer) and the port's zones, so it works offline.
 */
export const TILE_URL: string | null = tileUrl(import.meta.env.VITE_TILE_URL);
const TILE_ATTRIBUTION =
  TILE_URL === OSM_TILES ? OSM_ATTRIBUTION : (readEnv(import.meta.env.VITE_TILE_ATTRIBUTION) ?? '');

function tileUrl(value: unknown): string | null {
  const configured = readEnv(value);
  if (configured === null) return OSM_TILES;
  return configured.toLowerCase() === 'none' ? null : configured;
}

function readEnv(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The base map's tiles; `onOffline` once the tile server has proved unreachable. */
export function TileBaseLayer({ url, onOffline }: { url: string | null; onOffline: () => void }) {
  const map = useMap();
  useEffect(() => {
    if (url === null) return;
    const health = new TileHealth();
    const tiles = L.tileLayer(url, { attribution: TILE_ATTRIBUTION, maxZoom: 19 });
    tiles.on('tileload', () => health.tileLoaded());
    tiles.on('tileerror', () => {
      if (!health.tileFailed()) return;
      tiles.remove();
      onOffline();
    });
    tiles.addTo(map);
    return () => {
      tiles.remove();
    };
  }, [map, url, onOffline]);
  return null;
}
