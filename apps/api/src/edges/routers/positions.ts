import {
  LiveAssetInput,
  LiveViewportInput,
  PositionSchema,
  ReplayInput,
  TrackInput,
  ViewportInput,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canSeeAsset } from '../../domains/auth/scope.ts';
import { type LivePosition, throttledPositions } from '../../domains/positions/live-hub.ts';
import { assertAssetVisible, replay, track } from '../../domains/positions/service.ts';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, sessionStreamProcedure } from '../trpc/init.ts';

function liveParts(ctx: Context) {
  return { hub: ctx.live, latest: ctx.latestPositions };
}

export const positionsRouter = {
  /** What the map shows: latest positions inside the visible bounding box. */
  inViewport: authedProcedure
    .input(ViewportInput)
    .output(z.array(PositionSchema))
    .query(({ ctx, input }) => ctx.latestPositions.inViewport(ctx.user, input)),

  /** An asset's track between two times, for the track/replay view. */
  track: authedProcedure
    .input(TrackInput)
    .output(z.array(PositionSchema))
    .query(({ ctx, input }) => track(ctx, ctx.user, input)),

  /**
   * The map, live over SSE: first every latest position in the bounding box, then the
   * positions that change there, at most one per asset per `intervalMs`, each message an
   * array. Another company's trucks never appear.
   */
  live: sessionStreamProcedure.input(LiveViewportInput).subscription(async function* ({
    ctx,
    input,
  }) {
    const { hub, latest } = liveParts(ctx);
    const { minLat, maxLat, minLon, maxLon } = input.bbox;
    const kinds = new Set(input.assetKinds);
    const user = ctx.user;
    const accept = ({ position: p, organizationId }: LivePosition) =>
      p.lat >= minLat &&
      p.lat <= maxLat &&
      p.lon >= minLon &&
      p.lon <= maxLon &&
      kinds.has(p.assetKind) &&
      canSeeAsset(user, { assetKind: p.assetKind, organizationId });
    const updates = throttledPositions(hub, {
      accept,
      intervalMs: input.intervalMs,
      signal: ctx.streamSignal,
    });
    yield latest.inViewport(ctx.user, input);
    yield* updates;
  }),

  /** One asset, live: its latest position, then each newer one (throttled like the map). */
  asset: sessionStreamProcedure.input(LiveAssetInput).subscription(async function* ({
    ctx,
    input,
  }) {
    const { hub, latest } = liveParts(ctx);
    await assertAssetVisible(ctx, ctx.user, input);
    const updates = throttledPositions(hub, {
      accept: ({ position: p }) => p.assetKind === input.assetKind && p.assetKey === input.assetKey,
      intervalMs: input.intervalMs,
      signal: ctx.streamSignal,
    });
    const current = latest.get(input.assetKind, input.assetKey);
    if (current) yield [current];
    yield* updates;
  }),

  /** A stored track played back over SSE, `speed` times faster than it happened. */
  replay: sessionStreamProcedure
    .input(ReplayInput)
    .subscription(({ ctx, input }) => replay(ctx, ctx.user, input, ctx.streamSignal)),
} satisfies TRPCRouterRecord;
