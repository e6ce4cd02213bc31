import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { trpc, trpcCode } from '../../trpc.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { ContainerMap } from './ContainerMap.tsx';
import { ContainerStatePanel } from './ContainerStatePanel.tsx';
import { ContainerStatusOnly } from './ContainerStatusOnly.tsx';
import { ContainerTimeline } from './ContainerTimeline.tsx';
import type { PortLookups } from './lookups.ts';
import { RecordEventForm } from './RecordEventForm.tsx';
import type { TimelineOrder } from './timeline.ts';

/**
 * One container: where it is, its events, the map of its places and (for operators) the form;
 * for another organization's container, its current status only (and the form, for a
 * terminal operator recording its arrival).
 */
export function ContainerDetail({
  number,
  order,
  onOrder,
  lookups,
}: {
  number: string;
  order: TimelineOrder;
  onOrder: (order: TimelineOrder) => void;
  lookups: PortLookups;
}) {
  const { t } = useTranslation('containers');
  const { user } = useSession();
  const container = useQuery(
    trpc.containers.get.queryOptions(
      { number },
      { retry: (count, error) => trpcCode(error) !== 'NOT_FOUND' && count < 2 },
    ),
  );
  const mayRecord = canEdit(user, 'containers');
  if (container.isPending) return <Loading />;
  if (container.error && trpcCode(container.error) !== 'NOT_FOUND') {
    return <ErrorState error={container.error} onRetry={() => void container.refetch()} />;
  }
  if (!container.data) {
    return (
      <>
        <Empty>{t('notFound', { number })}</Empty>
        {mayRecord ? <RecordEventForm key={number} number={number} lookups={lookups} /> : null}
      </>
    );
  }
  const data = container.data;
  if (data.access === 'STATUS') {
    return (
      <div className="containers-detail">
        <ContainerStatusOnly container={data} lookups={lookups} />
        {mayRecord ? <RecordEventForm key={number} number={number} lookups={lookups} /> : null}
      </div>
    );
  }
  return (
    <div className="containers-detail">
      <div className="containers-detail-top">
        <ContainerStatePanel container={data} lookups={lookups} />
        <ContainerMap events={data.events} lookups={lookups} />
      </div>
      <ContainerTimeline events={data.events} order={order} onOrder={onOrder} lookups={lookups} />
      {mayRecord ? <RecordEventForm key={number} number={number} lookups={lookups} /> : null}
    </div>
  );
}
