import { type ZoneKind, ZoneKindSchema } from '@harbor/shared';
import { useCallback, useEffect, useState } from 'react';

/** What the map can show or hide: vessels, trucks and each kind of zone. */
export type LayerKey = 'VESSEL' | 'VEHICLE' | ZoneKind;
const LAYER_KEYS: readonly string[] = ['VESSEL', 'VEHICLE', ...ZoneKindSchema.options];

export const HIDDEN_LAYERS_KEY = 'harbor.map.hiddenLayers';

/** The layers the user hid, as this browser remembers them (nothing hidden when unreadable). */
export function loadHiddenLayers(storage: Storage = localStorage): Set<LayerKey> {
  try {
    const saved: unknown = JSON.parse(storage.getItem(HIDDEN_LAYERS_KEY) ?? '[]');
    if (!Array.isArray(saved)) return new Set();
    return new Set(
      saved.filter((key): key is LayerKey => typeof key === 'string' && LAYER_KEYS.includes(key)),
    );
  } catch (error) {
    if (error instanceof SyntaxError) return new Set();
    throw error;
  }
}

/** The hidden layers and a switch for each; every change is remembered. */
export function useHiddenLayers(storage: Storage = localStorage) {
  const [hidden, setHidden] = useState(() => loadHiddenLayers(storage));
  useEffect(() => {
    storage.setItem(HIDDEN_LAYERS_KEY, JSON.stringify([...hidden]));
  }, [hidden, storage]);
  const toggle = useCallback((key: LayerKey) => {
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  return { hidden: hidden as ReadonlySet<LayerKey>, toggle };
}
