import type { AssetKind, Position } from '@harbor/shared';
import { useState } from 'react';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpcClient } from '../../trpc.ts';
import { takeFeed } from './opening-feed.ts';
import type { PositionStore } from './position-store.ts';
import { type BoundingBox, bboxKey } from './viewport.ts';

/** How often the api may send one asset's position to the map. */
export const LIVE_INTERVAL_MS = 1_000;

/**
 * The assets in view: the `positions.live` subscription for the bounding box, whose first
 * message is every latest position in it and the rest what moves there (a new box
 * re-subscribes). `hasSnapshot` says whether the current box's first message has come.
 */
export function useViewportPositions(store: PositionStore, bbox: BoundingBox | null) {
  const key = bbox ? bboxKey(bbox) : null;
  const [snapshotOf, setSnapshotOf] = useState<string | null>(null);
  useLiveSubscription<Position[]>(
    key === null ? null : `positions.live:${key}`,
    (handlers) => {
      if (!bbox) throw new Error('no viewport to follow');
      // The subscription opened for this box while the screen was loading, if there is one.
      const opened = takeFeed(bbox);
      if (opened) return opened.attach(handlers);
      return trpcClient.positions.live.subscribe({ bbox, intervalMs: LIVE_INTERVAL_MS }, handlers);
    },
    (batch) => {
      store.applyBatch(batch);
      setSnapshotOf(key);
    },
  );
  return { hasSnapshot: key !== null && snapshotOf === key };
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
