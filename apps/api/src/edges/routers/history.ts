import { HistoryRetentionSchema, SetTrackRetentionInput } from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { historyRetention, setTrackRetention } from '../../domains/history/retention-rules.ts';
import { roleProcedure } from '../trpc/init.ts';

export const historyRouter = {
  /** How long tracks, events and records are kept, and the organizations' own track rules. */
  retention: roleProcedure('ADMIN')
    .output(HistoryRetentionSchema)
    .query(({ ctx }) => historyRetention(ctx, ctx.user)),

  /** An organization's own rule for its tracks of one kind (null: the default). */
  setRetention: roleProcedure('ADMIN')
    .input(SetTrackRetentionInput)
    .output(HistoryRetentionSchema)
    .mutation(({ ctx, input }) => setTrackRetention(ctx, ctx.user, input)),
} satisfies TRPCRouterRecord;
