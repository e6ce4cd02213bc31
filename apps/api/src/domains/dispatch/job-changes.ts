import type { DispatchJobChange } from '@harbor/shared';
import { Topic } from '../../core/topic.ts';

/**
 * The process's fan-out of dispatch job status changes to the `dispatch.live` subscriptions.
 * Only this domain publishes on it: a job created (jobs.ts) or moved by people (workflow.ts)
 * or by the geofence engine (monitor.ts). Publishing never waits for a subscriber.
 */
export type JobChangeTopic = Topic<DispatchJobChange>;

export function jobChangeTopic(): JobChangeTopic {
  return new Topic<DispatchJobChange>();
}
