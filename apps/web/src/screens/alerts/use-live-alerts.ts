import type { Alert } from '@harbor/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpcClient } from '../../trpc.ts';
import { addLive } from './merge-alerts.ts';

const FLUSH_MS = 250;

/** What `alerts.live` sends: the alert, tracked by its id. */
type LiveAlertEvent = { id: string; data: Alert };

/**
 * Alerts raised or acknowledged since the screen opened, from `alerts.live`, gathered and
 * applied at most every 250 ms. `freshIds` are the alerts first seen live (to highlight).
 */
export function useLiveAlerts(
  knownIds: ReadonlySet<string>,
  onBatch: (batch: readonly Alert[]) => void,
) {
  const [live, setLive] = useState<Alert[]>([]);
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(() => new Set());
  const pending = useRef<Alert[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const knownRef = useRef(knownIds);
  knownRef.current = knownIds;
  const onBatchRef = useRef(onBatch);
  onBatchRef.current = onBatch;

  const flush = useCallback(() => {
    timer.current = undefined;
    const batch = pending.current;
    pending.current = [];
    if (batch.length === 0) return;
    const fresh = batch.filter((alert) => !knownRef.current.has(alert.id));
    setLive((kept) => {
      const keptIds = new Set(kept.map((alert) => alert.id));
      const reallyFresh = fresh.filter((alert) => !keptIds.has(alert.id));
      if (reallyFresh.length > 0)
        setFreshIds((ids) => new Set([...ids, ...reallyFresh.map((alert) => alert.id)]));
      return addLive(kept, batch);
    });
    onBatchRef.current(batch);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  useLiveSubscription<LiveAlertEvent>(
    'alerts.live',
    (handlers) => trpcClient.alerts.live.subscribe(undefined, handlers),
    (event) => {
      pending.current.push(event.data);
      timer.current ??= setTimeout(flush, FLUSH_MS);
    },
  );

  /** An alert changed here (acknowledged): shown at once, not highlighted. */
  const apply = useCallback((alert: Alert) => setLive((kept) => addLive(kept, [alert])), []);
  return { live, freshIds, apply };
}
