import type { Position } from '@harbor/shared';

export type TrackPoint = { lat: number; lon: number; atMs: number };

export function toTrackPoints(track: readonly Position[]): TrackPoint[] {
  return track.map((p) => ({ lat: p.lat, lon: p.lon, atMs: Date.parse(p.fixAt) }));
}

/** Where the asset was at `atMs` on its track (oldest first): interpolated between the fixes around it. */
export function positionOnTrack(points: readonly TrackPoint[], atMs: number): TrackPoint | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  if (atMs <= first.atMs) return first;
  if (atMs >= last.atMs) return last;
  let low = 0;
  let high = points.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((points[middle] as TrackPoint).atMs <= atMs) low = middle;
    else high = middle;
  }
  const before = points[low] as TrackPoint;
  const after = points[high] as TrackPoint;
  const span = after.atMs - before.atMs;
  const share = span > 0 ? (atMs - before.atMs) / span : 0;
  return {
    lat: before.lat + (after.lat - before.lat) * share,
    lon: before.lon + (after.lon - before.lon) * share,
    atMs,
  };
}

export type TrackRange = '1h' | '6h' | '24h' | 'custom';
const HOURS: Record<Exclude<TrackRange, 'custom'>, number> = { '1h': 1, '6h': 6, '24h': 24 };

/** The from/to of a preset range ending now. */
export function presetRange(
  range: Exclude<TrackRange, 'custom'>,
  nowMs: number,
): { from: string; to: string } {
  return {
    from: new Date(nowMs - HOURS[range] * 3_600_000).toISOString(),
    to: new Date(nowMs).toISOString(),
  };
}
