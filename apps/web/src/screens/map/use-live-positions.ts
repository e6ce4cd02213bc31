import type { AssetKind, Position } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import type { PositionStore } from './position-store.ts';
import { type BoundingBox, bboxKey } from './viewport.ts';

/** How often the api may send one asset's position to the map. */
export const LIVE_INTERVAL_MS = 1_000;

/**
 * The assets in view: loaded once per bounding box with `positions.inViewport`, then kept
 * current by the `positions.live` subscription for that box (a new box re-subscribes).
 */
export function useViewportPositions(store: PositionStore, bbox: BoundingBox | null) {
  const initial = useQuery(
    trpc.positions.inViewport.queryOptions(bbox ? { bbox } : skipToken, {
      staleTime: 0,
      gcTime: 0,
    }),
  );
  useEffect(() => {
    if (initial.data) store.applyBatch(initial.data);
  }, [initial.data, store]);

  useLiveSubscription<Position[]>(
    bbox ? `positions.live:${bboxKey(bbox)}` : null,
    (handlers) => {
      if (!bbox) throw new Error('no viewport to follow');
      return trpcClient.positions.live.subscribe({ bbox, intervalMs: LIVE_INTERVAL_MS }, handlers);
    },
    (batch) => store.applyBatch(batch),
  );
  return initial;
}

/** One asset's live position while its panel is open, wherever the map is looking. */
export function useAssetPosition(
  store: PositionStore,
  asset: { kind: AssetKind; assetKey: string } | null,
) {
  useLiveSubscription<Position[]>(
    asset ? `positions.asset:${asset.kind}:${asset.assetKey}` : null,
    (handlers) => {
      if (!asset) throw new Error('no asset to follow');
      const input = {
        assetKind: asset.kind,
        assetKey: asset.assetKey,
        intervalMs: LIVE_INTERVAL_MS,
      };
      return trpcClient.positions.asset.subscribe(input, handlers);
    },
    (batch) => store.applyBatch(batch),
  );
}
