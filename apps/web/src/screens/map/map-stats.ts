/**
 * Diagnostics of the map's asset layer, readable from the browser console or an end-to-end
 * test as `window.__harborMapStats`: how many assets the last frame drew, how long that
 * frame took to draw, how many frames were drawn, and the time from the arrival of the
 * oldest live message a frame painted to the end of that frame (all in milliseconds), and
 * where it drew the selected asset (the browser tests check the base map's datum with it).
 */
export type HarborMapStats = {
  assets: number;
  lastDrawMs: number;
  draws: number;
  lastUpdateToPaintMs: number;
  /** The selected asset as the last frame drew it: its WGS-84 position and container pixel. */
  selected?: { id: string; lat: number; lon: number; x: number; y: number } | null;
  /** The last frame's zoom and the world pixel (at that zoom) of the container's top left. */
  view?: { zoom: number; left: number; top: number };
};

declare global {
  interface Window {
    __harborMapStats?: HarborMapStats;
  }
}

export function mapStats(): HarborMapStats {
  if (typeof window === 'undefined')
    return { assets: 0, lastDrawMs: 0, draws: 0, lastUpdateToPaintMs: 0 };
  window.__harborMapStats ??= { assets: 0, lastDrawMs: 0, draws: 0, lastUpdateToPaintMs: 0 };
  return window.__harborMapStats;
}
