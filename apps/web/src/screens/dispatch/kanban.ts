import {
  type DispatchJob,
  type DispatchJobStatus,
  DispatchJobStatusSchema,
  JOB_TRANSITIONS,
} from '@harbor/shared';

/** The most cards a column renders; a busy day's delivered column is narrowed by the filter. */
export const CARDS_PER_COLUMN = 100;

/** The next status along a job's forward path (not cancelling or failing it), if any. */
export function nextStatus(status: DispatchJobStatus): DispatchJobStatus | null {
  return JOB_TRANSITIONS[status].find((to) => to !== 'CANCELLED' && to !== 'FAILED') ?? null;
}

/** Whether a card may be dropped on a column: the state machine's rule, as the table's dialogs follow. */
export function canMove(from: DispatchJobStatus, to: DispatchJobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** The jobs in a column per status, in the life's order, each column by window start. */
export function kanbanColumns(
  jobs: readonly DispatchJob[],
): { status: DispatchJobStatus; jobs: DispatchJob[] }[] {
  const columns = new Map<DispatchJobStatus, DispatchJob[]>(
    DispatchJobStatusSchema.options.map((status) => [status, []]),
  );
  for (const job of jobs) columns.get(job.status)?.push(job);
  return [...columns].map(([status, list]) => ({
    status,
    jobs: list.sort((a, b) => a.windowStart.localeCompare(b.windowStart)),
  }));
}
