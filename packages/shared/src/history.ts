import { z } from 'zod';
import { IdSchema } from './common.ts';
import { AssetKindSchema } from './fixes.ts';

/** The most days a track may be kept: ten years. */
export const MAX_KEEP_DAYS = 3_650;

/** An organization's own rule: its assets' tracks of one kind are kept `keepDays` days. */
export const TrackRetentionSchema = z.object({
  organizationId: IdSchema,
  assetKind: AssetKindSchema,
  keepDays: z.number().int(),
});
export type TrackRetention = z.infer<typeof TrackRetentionSchema>;

/**
 * How long history is kept (apps/api HISTORY_* settings), with the organizations' own track
 * rules that the caller may see. Raw fixes are rows for `hotDays`, then compact segments.
 */
export const HistoryRetentionSchema = z.object({
  hotDays: z.number().int(),
  /** Days a track is kept where its organization has no rule of its own. */
  keepDays: z.number().int(),
  /** Days geofence crossings and acknowledged alerts are kept. */
  eventKeepDays: z.number().int(),
  /** Days finished dispatch jobs and container events are kept. */
  recordKeepDays: z.number().int(),
  rules: z.array(TrackRetentionSchema),
});
export type HistoryRetention = z.infer<typeof HistoryRetentionSchema>;

/**
 * Sets how long an organization's tracks of one kind are kept; null goes back to the default.
 * Vessels heard on AIS belong to the port: their rule is set on the port authority.
 */
export const SetTrackRetentionInput = z.object({
  organizationId: IdSchema,
  assetKind: AssetKindSchema,
  keepDays: z.number().int().min(1).max(MAX_KEEP_DAYS).nullable(),
});
export type SetTrackRetentionInput = z.infer<typeof SetTrackRetentionInput>;
