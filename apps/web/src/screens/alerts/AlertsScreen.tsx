import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { errorText } from '../../ui/error-text.tsx';
import { localZoneName } from '../../ui/format.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { AlertFilterBar } from './AlertFilterBar.tsx';
import { AlertItem } from './AlertItem.tsx';
import { mergeAlerts, parseFilters } from './merge-alerts.ts';
import { useLiveAlerts } from './use-live-alerts.ts';
import './alerts.css';

const PAGE = 50;
/** The open alerts counted in the header: one page of at most 500 (more shows as "500+"). */
const OPEN_COUNT_INPUT = { acknowledged: false, limit: 500 };

/** Alerts, newest first, with new ones arriving live on top; acknowledge for those allowed. */
export function AlertsScreen() {
  const { t, i18n } = useTranslation('alerts');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const input = useMemo(
    () => ({
      limit: PAGE,
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.state ? { acknowledged: filters.state === 'acknowledged' } : {}),
    }),
    [filters.kind, filters.state],
  );
  const pages = useInfiniteQuery(
    trpc.alerts.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
  );
  const openCount = useQuery(
    trpc.alerts.list.queryOptions(OPEN_COUNT_INPUT, { refetchInterval: 60_000 }),
  );
  const listed = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const listedIds = useMemo(() => new Set(listed.map((alert) => alert.id)), [listed]);
  const { live, freshIds, apply } = useLiveAlerts(listedIds, () =>
    queryClient.invalidateQueries(trpc.alerts.list.queryFilter(OPEN_COUNT_INPUT)),
  );
  const alerts = useMemo(() => mergeAlerts(listed, live, filters), [listed, live, filters]);
  const acknowledge = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: (alert) => {
        apply(alert);
        void queryClient.invalidateQueries(trpc.alerts.list.queryFilter(OPEN_COUNT_INPUT));
      },
    }),
  );
  const mayAcknowledge = canEdit(user, 'alerts');

  const count = openCount.data
    ? `${openCount.data.items.length}${openCount.data.nextCursor ? '+' : ''}`
    : '…';
  return (
    <div className="alerts">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <span className="badge bad alerts-open-count" data-testid="open-alerts-count">
          {t('openCount', { count })}
        </span>
        <AlertFilterBar
          filters={filters}
          onChange={(name, value) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              if (value) next.set(name, value);
              else next.delete(name);
              return next;
            })
          }
        />
        <span className="hint">{t('zoneNote', { zone: localZoneName(i18n.language) })}</span>
      </div>
      {acknowledge.error ? (
        <p className="form-error" role="alert">
          {t('acknowledgeFailed', { message: errorText(acknowledge.error, i18n) })}
        </p>
      ) : null}
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <>
          {alerts.length === 0 ? <Empty>{t('empty')}</Empty> : null}
          <ul className="alerts-list" data-testid="alerts-list">
            {alerts.map((alert) => (
              <AlertItem
                key={alert.id}
                alert={alert}
                isFresh={freshIds.has(alert.id)}
                canAcknowledge={mayAcknowledge}
                isAcknowledging={acknowledge.isPending && acknowledge.variables?.id === alert.id}
                onAcknowledge={(id) => acknowledge.mutate({ id })}
              />
            ))}
          </ul>
          {pages.hasNextPage ? (
            <button
              type="button"
              className="alerts-more"
              disabled={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              {pages.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
