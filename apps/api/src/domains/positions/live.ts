import type { LiveAssetInput, LiveViewportInput, Position, SessionUser } from '@harbor/shared';
import { canSeeAsset } from '../auth/scope.ts';
import type { LatestPositionCache } from './latest-cache.ts';
import { throttledPositions } from './live-throttle.ts';
import type { LivePosition, PositionTopic } from './live-topics.ts';

/** What the live subscriptions read: the latest positions, then the topic of what moves. */
export type LiveDeps = {
  latest: Pick<LatestPositionCache, 'inViewport' | 'get'>;
  positions: PositionTopic;
};

/**
 * The map, live: first every latest position in the bounding box, then the positions that
 * change there, at most one per asset per `intervalMs`, each message an array. Another
 * company's trucks never appear.
 */
export async function* liveViewport(
  deps: LiveDeps,
  user: SessionUser,
  input: LiveViewportInput,
  signal: AbortSignal | undefined,
): AsyncGenerator<Position[]> {
  const { minLat, maxLat, minLon, maxLon } = input.bbox;
  const kinds = new Set(input.assetKinds);
  const accept = ({ position: p, organizationId }: LivePosition) =>
    p.lat >= minLat &&
    p.lat <= maxLat &&
    p.lon >= minLon &&
    p.lon <= maxLon &&
    kinds.has(p.assetKind) &&
    canSeeAsset(user, { assetKind: p.assetKind, organizationId });
  // Listening before the snapshot is read, so nothing that moves meanwhile is missed.
  const updates = throttledPositions(deps.positions, {
    accept,
    intervalMs: input.intervalMs,
    signal,
  });
  yield deps.latest.inViewport(user, input);
  yield* updates;
}

/**
 * One asset, live: its latest position, then each newer one (throttled like the map). The
 * caller has checked that the user may see the asset (`assertAssetVisible`).
 */
export async function* liveAsset(
  deps: LiveDeps,
  input: LiveAssetInput,
  signal: AbortSignal | undefined,
): AsyncGenerator<Position[]> {
  const updates = throttledPositions(deps.positions, {
    accept: ({ position: p }) => p.assetKind === input.assetKind && p.assetKey === input.assetKey,
    intervalMs: input.intervalMs,
    signal,
  });
  const current = deps.latest.get(input.assetKind, input.assetKey);
  if (current) yield [current];
  yield* updates;
}
