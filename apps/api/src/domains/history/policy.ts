/**
 * How long history is kept and in which form (HISTORY_* in env.ts; docs/architecture.md,
 * "History"). Raw fixes are rows for `hotDays`, then compact segments; an organization's
 * tracks go after its own TrackRetention days, or `keepDays`.
 */
export type HistoryPolicy = {
  /** Days of raw fixes kept as rows (whole UTC days past this are compacted). */
  hotDays: number;
  /** Days a track is kept where its organization has not set its own. */
  keepDays: number;
  /** Days geofence crossings and acknowledged alerts are kept. */
  eventKeepDays: number;
  /** Days finished dispatch jobs (with their events) and container events are kept. */
  recordKeepDays: number;
};

export const DEFAULT_HISTORY_POLICY: HistoryPolicy = {
  hotDays: 7,
  keepDays: 180,
  eventKeepDays: 400,
  recordKeepDays: 1_095,
};
