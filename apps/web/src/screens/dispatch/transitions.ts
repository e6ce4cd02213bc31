import { type DispatchJobStatus, FINAL_JOB_STATUSES, JOB_TRANSITIONS } from '@harbor/shared';

/** Statuses a job may be moved to by hand: ASSIGNED is reached through Assign (it names a truck). */
export function manualTransitions(status: DispatchJobStatus): DispatchJobStatus[] {
  return JOB_TRANSITIONS[status].filter((to) => to !== 'ASSIGNED');
}

/** Whether a truck can be (re)assigned: only a PLANNED or ASSIGNED job. */
export function canAssign(status: DispatchJobStatus): boolean {
  return status === 'PLANNED' || status === 'ASSIGNED';
}

/** Cancelling or failing a job asks why. */
export function needsNote(to: DispatchJobStatus): boolean {
  return to === 'CANCELLED' || to === 'FAILED';
}

export function isFinal(status: DispatchJobStatus): boolean {
  return (FINAL_JOB_STATUSES as readonly DispatchJobStatus[]).includes(status);
}

/** The badge tone of a job status. */
export function jobStatusTone(status: DispatchJobStatus): '' | 'ok' | 'warn' | 'bad' {
  if (status === 'DELIVERED') return 'ok';
  if (status === 'CANCELLED' || status === 'FAILED') return 'bad';
  if (status === 'PLANNED') return '';
  return 'warn';
}
