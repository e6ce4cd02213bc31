import { useCallback, useEffect, useMemo, useState } from 'react';
import { positionOnTrack, type TrackPoint } from './replay.ts';

const TICK_MS = 100;
export const REPLAY_SPEEDS = [10, 60, 300, 1_000] as const;

/**
 * A loaded track played back on the client: the replay clock advances `speed` times faster
 * than real time in ticks of 100 ms, and stops at the track's end.
 */
export function useTrackReplay() {
  const [points, setPointsState] = useState<TrackPoint[] | null>(null);
  const [isPlaying, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(60);
  const [atMs, setAtMs] = useState<number | null>(null);
  const startMs = points?.[0]?.atMs ?? null;
  const endMs = points?.at(-1)?.atMs ?? null;

  const setPoints = useCallback((next: TrackPoint[] | null) => {
    setPointsState(next);
    setPlaying(false);
    setAtMs(next?.[0]?.atMs ?? null);
  }, []);

  useEffect(() => {
    if (!isPlaying || endMs === null) return;
    const timer = setInterval(() => {
      setAtMs((current) => {
        const next = (current ?? 0) + TICK_MS * speed;
        if (next >= endMs) {
          setPlaying(false);
          return endMs;
        }
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [isPlaying, speed, endMs]);

  const toggle = useCallback(() => {
    if (!isPlaying && atMs !== null && endMs !== null && atMs >= endMs) setAtMs(startMs);
    setPlaying(!isPlaying);
  }, [isPlaying, atMs, startMs, endMs]);

  const replayAt = useMemo(
    () => (points && atMs !== null ? positionOnTrack(points, atMs) : null),
    [points, atMs],
  );
  return {
    points,
    setPoints,
    isPlaying,
    toggle,
    speed,
    setSpeed,
    atMs,
    seek: setAtMs,
    startMs,
    endMs,
    replayAt,
  };
}

export type TrackReplay = ReturnType<typeof useTrackReplay>;
