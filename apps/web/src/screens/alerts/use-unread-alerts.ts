import type { Alert } from '@harbor/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { announce, criticalNews } from './alert-notify.ts';
import { alertText } from './alert-text.ts';

/** Live alerts are counted again at most this often. */
const RECOUNT_MS = 1_000;

/**
 * The navigation's unread count (`alerts.unreadCount`), counted again as alerts arrive on
 * `alerts.live`; new critical alerts sound and notify as the user switched on
 * (alert-notify.ts), on whatever screen they are.
 */
export function useUnreadAlerts(isEnabled: boolean): number {
  const { t, i18n } = useTranslation('alerts');
  const queryClient = useQueryClient();
  const unread = useQuery(
    trpc.alerts.unreadCount.queryOptions(undefined, {
      enabled: isEnabled,
      refetchInterval: 60_000,
    }),
  );
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const known = useRef(new Set<string>());
  useEffect(() => () => clearTimeout(timer.current), []);

  useLiveSubscription<{ id: string; data: Alert }>(
    isEnabled ? 'alerts.unread' : null,
    (handlers) => trpcClient.alerts.live.subscribe(undefined, handlers),
    (event) => {
      timer.current ??= setTimeout(() => {
        timer.current = undefined;
        void queryClient.invalidateQueries(trpc.alerts.unreadCount.queryFilter());
      }, RECOUNT_MS);
      announce(criticalNews([event.data], known.current), t('notify.notificationTitle'), (alert) =>
        alertText(alert, t, i18n.language),
      );
    },
  );
  return unread.data?.count ?? 0;
}
