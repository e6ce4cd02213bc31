import { PositionSchema, TrackInput, ViewportInput } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure } from '../trpc/init.ts';
import { latestInViewport, track } from './service.ts';

export const positionsRouter = {
  /** What the map shows: latest positions inside the visible bounding box. */
  inViewport: authedProcedure
    .input(ViewportInput)
    .output(z.array(PositionSchema))
    .query(({ ctx, input }) =>
      ctx.latestPositions
        ? ctx.latestPositions.inViewport(ctx.user, input)
        : latestInViewport(ctx, ctx.user, input),
    ),

  /** An asset's track between two times, for the track/replay view. */
  track: authedProcedure
    .input(TrackInput)
    .output(z.array(PositionSchema))
    .query(({ ctx, input }) => track(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
