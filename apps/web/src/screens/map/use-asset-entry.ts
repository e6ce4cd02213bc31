import type { Position } from '@harbor/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { PositionStore } from './position-store.ts';

/** An asset's newest position from the store, re-rendering only when that asset moves. */
export function useStoredPosition(store: PositionStore, id: string): Position | null {
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe((changed) => {
        if (changed.has(id)) onChange();
      }),
    [store, id],
  );
  return useSyncExternalStore(subscribe, () => store.get(id)?.position ?? null);
}
