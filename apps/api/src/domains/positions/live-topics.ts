import type { Alert, Position } from '@harbor/shared';
import { Topic } from '../../core/topic.ts';

/** A position as the live path carries it: with the organization owning the asset (null for vessels). */
export type LivePosition = { position: Position; organizationId: string | null };

/**
 * The positions that moved forward, one array per flush of the live tap (live-tap.ts), with
 * their owner from the latest-position cache. Only this domain publishes on it and reads the
 * owner off it (live.ts); the subscriptions get plain positions.
 */
export type PositionTopic = Topic<readonly LivePosition[]>;

/**
 * The process's live fan-out: the positions topic, this domain's, and the alerts topic, the
 * alerts domain's (AlertMonitor publishes what it raises, `alerts.acknowledge` what is
 * acknowledged). Publishing never waits for a subscriber.
 */
export class LiveTopics {
  readonly positions: PositionTopic = new Topic<readonly LivePosition[]>();

  /**
   * `alerts`: the process's own topic, or one shared with the other processes (a topic relayed
   * over NATS, so an alert raised by any tracker reaches every api process's subscribers).
   */
  constructor(readonly alerts: Topic<Alert> = new Topic<Alert>()) {}

  /** Open subscriptions, for metrics (`harbor_live_subscribers`) and tests. */
  get subscribers(): { positions: number; alerts: number } {
    return { positions: this.positions.subscribers, alerts: this.alerts.subscribers };
  }
}
