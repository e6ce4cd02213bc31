import { useCallback, useState } from 'react';
import { BASE_MAPS, type BaseMap, rememberBaseMap, rememberedBaseMap } from './base-maps.ts';

/**
 * The base map shown (the user's last choice among those this build offers) and whether its
 * tile server proved unreachable; choosing another tries its tiles afresh.
 */
export function useBaseMap(maps: readonly BaseMap[] = BASE_MAPS) {
  const [baseMap, setBaseMap] = useState(() => rememberedBaseMap(maps));
  const [isOffline, setOffline] = useState(false);
  const goOffline = useCallback(() => setOffline(true), []);
  const choose = useCallback(
    (id: string) => {
      const next = maps.find((map) => map.id === id);
      if (!next) return;
      rememberBaseMap(next.id);
      setBaseMap(next);
      setOffline(false);
    },
    [maps],
  );
  return { maps, baseMap, isOffline, goOffline, choose };
}
