import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import { AssetCanvasLayer, type AssetLook } from './AssetCanvasLayer.ts';
import type { AssetEntry, PositionStore } from './position-store.ts';

/** The canvas of every asset: added once per map (and store), then fed looks, selection and handlers. */
export function AssetsLayer({
  store,
  lookOf,
  selectedId,
  onSelect,
  onDrawn,
}: {
  store: PositionStore;
  lookOf: (entry: AssetEntry) => AssetLook;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onDrawn: (count: number) => void;
}) {
  const map = useMap();
  const [layer, setLayer] = useState<AssetCanvasLayer | null>(null);

  useEffect(() => {
    const created = new AssetCanvasLayer(store).addTo(map);
    setLayer(created);
    return () => {
      created.remove();
    };
  }, [map, store]);

  useEffect(() => {
    if (!layer) return;
    layer.setHandlers({ onSelect, onDrawn });
    layer.setLook(lookOf);
    layer.setSelected(selectedId);
  }, [layer, lookOf, selectedId, onSelect, onDrawn]);

  return null;
}
