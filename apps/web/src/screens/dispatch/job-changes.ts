import type { DispatchJob, DispatchJobChange } from '@harbor/shared';

export type JobChangesResult = {
  /** The jobs after the changes; the same array when nothing changed. */
  jobs: DispatchJob[];
  /** Ids of the rows that changed or appeared, to highlight. */
  changedIds: string[];
};

/** Whether `next` is at least as new as `shown` (by the job's last update). */
function isNotOlder(next: DispatchJob, shown: DispatchJob): boolean {
  return Date.parse(next.updatedAt) >= Date.parse(shown.updatedAt);
}

/**
 * Applies live job changes (or jobs returned by a mutation) to the rows in place: a known
 * job is replaced where it stands, a job the board has not seen yet is added at the top,
 * and a change older than the version shown (a late or replayed event) is ignored.
 */
export function applyJobChanges(
  jobs: DispatchJob[],
  changes: readonly Pick<DispatchJobChange, 'job'>[],
): JobChangesResult {
  if (changes.length === 0) return { jobs, changedIds: [] };
  const indexById = new Map(jobs.map((job, index) => [job.id, index]));
  let next: DispatchJob[] | null = null;
  const added: DispatchJob[] = [];
  const addedIndex = new Map<string, number>();
  const changedIds = new Set<string>();
  for (const { job } of changes) {
    const index = indexById.get(job.id);
    if (index !== undefined) {
      const rows: DispatchJob[] = next ?? [...jobs];
      next = rows;
      const shown = rows[index];
      if (shown && !isNotOlder(job, shown)) continue;
      rows[index] = job;
      changedIds.add(job.id);
      continue;
    }
    const seen = addedIndex.get(job.id);
    if (seen !== undefined) {
      const shown = added[seen];
      if (shown && isNotOlder(job, shown)) added[seen] = job;
    } else {
      addedIndex.set(job.id, added.length);
      added.push(job);
    }
    changedIds.add(job.id);
  }
  if (changedIds.size === 0) return { jobs, changedIds: [] };
  return { jobs: [...added.reverse(), ...(next ?? jobs)], changedIds: [...changedIds] };
}
