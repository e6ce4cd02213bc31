import type { Position } from '@harbor/shared';
import { useEffect, useState } from 'react';
import { PositionStore } from './position-store.ts';

/**
 * The positions the canvas draws: the live store itself while vessels and trucks are both
 * shown, else a copy holding only the shown kind, kept current from the live store.
 */
export function useShownStore(
  store: PositionStore,
  isVesselShown: boolean,
  isTruckShown: boolean,
): PositionStore {
  const [shown, setShown] = useState(store);
  useEffect(() => {
    if (isVesselShown && isTruckShown) {
      setShown(store);
      return;
    }
    const shows = (position: Position) =>
      position.assetKind === 'VESSEL' ? isVesselShown : isTruckShown;
    const copy = new PositionStore();
    copy.applyBatch([...store.values()].map((entry) => entry.position).filter(shows));
    const unsubscribe = store.subscribe((changed, arrivedAt) => {
      const batch: Position[] = [];
      for (const id of changed) {
        const position = store.get(id)?.position;
        if (position && shows(position)) batch.push(position);
      }
      copy.applyBatch(batch, arrivedAt);
    });
    setShown(copy);
    return unsubscribe;
  }, [store, isVesselShown, isTruckShown]);
  return shown;
}
