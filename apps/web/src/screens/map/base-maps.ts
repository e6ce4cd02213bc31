import type { Datum } from './datum.ts';

/** A base map the user may choose: its tiles (one or more layers, drawn in order) and datum. */
export type BaseMap = {
  id: BaseMapId;
  datum: Datum;
  layers: { url: string; subdomains?: string; attribution: string }[];
};
export type BaseMapId = 'standard' | 'tianditu' | 'amap';

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Tianditu's Web Mercator vector map and its Chinese labels (WMTS, tile matrix set `w`). */
const tiandituLayer = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
const TIANDITU_ATTRIBUTION = '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>';

/** AMap's (Gaode's) public road map tiles, in Chinese, in GCJ-02. */
export const AMAP_TILES =
  'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';
const AMAP_ATTRIBUTION = '&copy; <a href="https://www.amap.com/">高德地图</a>';

/** The build's settings that choose base maps (Vite's `import.meta.env`). */
export type BaseMapEnv = Readonly<Record<string, unknown>>;

function readEnv(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The base maps this build offers, in order, the first being the default:
 * - `standard`: OpenStreetMap's tiles, or the server `VITE_TILE_URL` names (with
 *   `VITE_TILE_ATTRIBUTION`, in WGS-84); none when it is `none`;
 * - `tianditu`: Tianditu (天地图) when `VITE_TIANDITU_KEY` holds a browser key;
 * - `amap`: AMap/Gaode (GCJ-02) when `VITE_AMAP_TILES` is `on` (its public tiles) or a tile
 *   URL of a mirror serving the same tiles.
 * The api reads the same variables to allow these tile servers' images (its CSP).
 */
export function configuredBaseMaps(env: BaseMapEnv): BaseMap[] {
  const maps: BaseMap[] = [];
  const tileUrl = readEnv(env.VITE_TILE_URL) ?? OSM_TILES;
  if (tileUrl.toLowerCase() !== 'none')
    maps.push({
      id: 'standard',
      datum: 'WGS84',
      layers: [
        {
          url: tileUrl,
          attribution:
            tileUrl === OSM_TILES ? OSM_ATTRIBUTION : (readEnv(env.VITE_TILE_ATTRIBUTION) ?? ''),
        },
      ],
    });
  const tiandituKey = readEnv(env.VITE_TIANDITU_KEY);
  if (tiandituKey)
    maps.push({
      id: 'tianditu',
      datum: 'WGS84',
      layers: (['vec', 'cva'] as const).map((layer) => ({
        url: tiandituLayer(layer, tiandituKey),
        subdomains: '01234567',
        attribution: TIANDITU_ATTRIBUTION,
      })),
    });
  const amap = readEnv(env.VITE_AMAP_TILES);
  if (amap && amap.toLowerCase() !== 'off')
    maps.push({
      id: 'amap',
      datum: 'GCJ02',
      layers: [
        {
          url: amap.toLowerCase() === 'on' ? AMAP_TILES : amap,
          subdomains: '1234',
          attribution: AMAP_ATTRIBUTION,
        },
      ],
    });
  return maps;
}

export const BASE_MAPS: readonly BaseMap[] = configuredBaseMaps(import.meta.env);

const STORAGE_KEY = 'harbor.map.baseMap';

/** The base map the user chose last time, if this build still offers it, else the first. */
export function rememberedBaseMap(
  maps: readonly BaseMap[],
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
): BaseMap | null {
  const chosen = storage?.getItem(STORAGE_KEY);
  return maps.find((map) => map.id === chosen) ?? maps[0] ?? null;
}

export function rememberBaseMap(
  id: BaseMapId,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
): void {
  storage?.setItem(STORAGE_KEY, id);
}

/** localStorage, or null where the browser refuses it (private modes, tests without a window). */
function safeStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
