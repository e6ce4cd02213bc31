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
import { type LiveDeps, liveAsset, liveViewport } from '../../domains/positions/live.ts';
import { assertAssetVisible, replay, track } from '../../domains/positions/service.ts';
import type { Context } from '../trpc/context.ts';
import { authedProcedure, sessionStreamProcedure } from '../trpc/init.ts';

function liveParts(ctx: Context): LiveDeps {
  return { positions: ctx.live.positions, latest: ctx.latestPositions };
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
    yield* liveViewport(liveParts(ctx), ctx.user, input, ctx.streamSignal);
  }),

  /** One asset, live: its latest position, then each newer one (throttled like the map). */
  asset: sessionStreamProcedure.input(LiveAssetInput).subscription(async function* ({
    ctx,
    input,
  }) {
    const live = liveParts(ctx);
    await assertAssetVisible(ctx, ctx.user, input);
    yield* liveAsset(live, input, ctx.streamSignal);
  }),

  /** A stored track played back over SSE, `speed` times faster than it happened. */
  replay: sessionStreamProcedure
    .input(ReplayInput)
    .subscription(({ ctx, input }) => replay(ctx, ctx.user, input, ctx.streamSignal)),
} satisfies TRPCRouterRecord;
