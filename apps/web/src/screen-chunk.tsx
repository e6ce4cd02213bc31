import { type ComponentType, type LazyExoticComponent, lazy, useState } from 'react';

/** A screen in its own chunk: drawn by `ChunkScreen`, and loadable early with `preload`. */
export type ScreenChunk = {
  preload(): Promise<unknown>;
  /** The screen's component once its chunk is in. */
  readonly loaded: ComponentType | undefined;
  readonly Lazy: LazyExoticComponent<ComponentType>;
};

/** A screen in its own chunk, loaded when first drawn or preloaded, and loaded once. */
export function screenChunk<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ScreenChunk {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const chunk: { -readonly [P in keyof ScreenChunk]: ScreenChunk[P] } = {
    loaded: undefined,
    preload: () => {
      loading ??= load().then((module) => {
        chunk.loaded = module[name];
        return { default: chunk.loaded };
      });
      return loading;
    },
    Lazy: lazy(() => chunk.preload() as Promise<{ default: ComponentType }>),
  };
  return chunk;
}

/**
 * A chunk's screen. Once the chunk is in, the screen is drawn at once: behind Suspense a lazy
 * component shows the fallback on its first draw even when its code has already loaded, and
 * React then keeps that fallback up for 300 ms before the screen may appear.
 */
export function ChunkScreen({ chunk }: { chunk: ScreenChunk }) {
  // Decided once per screen shown here: turning from the lazy one to the loaded one would
  // remount it. Another screen in the same place (the route changed) is decided afresh.
  const [shown, setShown] = useState(() => ({ chunk, Loaded: chunk.loaded }));
  let current = shown;
  if (shown.chunk !== chunk) {
    current = { chunk, Loaded: chunk.loaded };
    setShown(current);
  }
  const { Loaded } = current;
  return Loaded ? <Loaded /> : <chunk.Lazy />;
}
