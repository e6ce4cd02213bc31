import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
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
import { BulkAcknowledge } from './BulkAcknowledge.tsx';
import { mergeAlerts, newestRaised, parseFilters } from './merge-alerts.ts';
import { NotifyToggles } from './NotifyToggles.tsx';
import { useLiveAlerts } from './use-live-alerts.ts';
import './alerts.css';

const PAGE = 50;
/** The open alerts counted in the header: one page of at most 500 (more shows as "500+"). */
const OPEN_COUNT_INPUT = { acknowledged: false, limit: 500 };

/**
 * Alerts, newest first, with new ones arriving live on top; those allowed acknowledge one or
 * several with a comment. Opening the screen, and new alerts arriving while it is open, mark
 * the alerts seen (the navigation's unread count).
 */
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
  // Read afresh on every visit: the live stream brings only what happens while the screen is open.
  const pages = useInfiniteQuery(
    trpc.alerts.list.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor,
      refetchOnMount: 'always',
    }),
  );
  const openCount = useQuery(
    trpc.alerts.list.queryOptions(OPEN_COUNT_INPUT, { refetchInterval: 60_000 }),
  );
  const listed = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const listedIds = useMemo(() => new Set(listed.map((alert) => alert.id)), [listed]);
  const markSeen = useMutation(
    trpc.alerts.markSeen.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.alerts.unreadCount.queryFilter()),
    }),
  );
  // What the screen showed is read: up to the newest alert listed once the list is read on this
  // visit, and up to the newest of each live batch. (Not "until the call lands": a call that
  // lands after the user has left would mark alerts raised meanwhile read.)
  const { mutate: markSeenUpTo } = markSeen;
  const listRead = pages.isFetchedAfterMount && pages.isSuccess;
  const markedOnOpen = useRef(false);
  useEffect(() => {
    if (!listRead || markedOnOpen.current) return;
    markedOnOpen.current = true;
    markSeenUpTo(newestRaised(listed));
  }, [listRead, listed, markSeenUpTo]);
  const { live, freshIds, apply } = useLiveAlerts(listedIds, (batch) => {
    void queryClient.invalidateQueries(trpc.alerts.list.queryFilter(OPEN_COUNT_INPUT));
    markSeenUpTo(newestRaised(batch));
  });
  const alerts = useMemo(() => mergeAlerts(listed, live, filters), [listed, live, filters]);
  const mayAcknowledge = canEdit(user, 'alerts');
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const openIds = useMemo(
    () => alerts.filter((alert) => alert.acknowledgedAt === null).map((alert) => alert.id),
    [alerts],
  );
  // Only open alerts on the page stay selected (one acknowledged elsewhere drops out).
  const selectedIds = useMemo(() => openIds.filter((id) => selected.has(id)), [openIds, selected]);
  const acknowledge = useMutation(
    trpc.alerts.acknowledge.mutationOptions({
      onSuccess: (result) => {
        for (const alert of result.acknowledged) apply(alert);
        setSelected(new Set());
        void queryClient.invalidateQueries(trpc.alerts.list.queryFilter(OPEN_COUNT_INPUT));
        void queryClient.invalidateQueries(trpc.alerts.unreadCount.queryFilter());
        // Those acknowledged by someone else meanwhile: read again to show by whom.
        if (result.alreadyAcknowledged.length > 0) void pages.refetch();
      },
    }),
  );
  const acknowledgingIds = acknowledge.isPending ? new Set(acknowledge.variables?.ids) : null;

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
      <NotifyToggles />
      {mayAcknowledge ? (
        <BulkAcknowledge
          selected={selectedIds.length}
          selectable={openIds.length}
          isPending={acknowledge.isPending}
          result={acknowledge.data}
          onSelectAll={(isSelected) => setSelected(new Set(isSelected ? openIds : []))}
          onAcknowledge={(comment) =>
            acknowledge.mutate({ ids: selectedIds, ...(comment.trim() ? { comment } : {}) })
          }
        />
      ) : null}
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
                isSelected={selected.has(alert.id)}
                isAcknowledging={acknowledgingIds?.has(alert.id) ?? false}
                onSelect={(id, isSelected) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (isSelected) next.add(id);
                    else next.delete(id);
                    return next;
                  })
                }
                onAcknowledge={(id) => acknowledge.mutate({ ids: [id] })}
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
