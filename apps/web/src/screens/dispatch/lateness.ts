import type { DispatchJob, JobEta } from '@harbor/shared';

/**
 * Whether a job keeps its time window, which it keeps by reaching the drop-off before the
 * window ends: `missed` once the window has ended undelivered (or it was delivered after),
 * `will-miss` while the truck's road ETA to the drop-off (api `dispatch.etas`) falls after
 * the end; null otherwise, and for cancelled or failed jobs.
 */
export type Lateness = 'missed' | 'will-miss' | null;

export function jobLateness(
  job: Pick<DispatchJob, 'status' | 'windowEnd' | 'deliveredAt'>,
  nowMs: number,
  eta?: Pick<JobEta, 'dropoffArrivalAt'> | undefined,
): Lateness {
  const end = Date.parse(job.windowEnd);
  if (job.status === 'CANCELLED' || job.status === 'FAILED') return null;
  if (job.status === 'DELIVERED')
    return job.deliveredAt && Date.parse(job.deliveredAt) > end ? 'missed' : null;
  if (nowMs > end) return 'missed';
  if (eta && Date.parse(eta.dropoffArrivalAt) > end) return 'will-miss';
  return null;
}
