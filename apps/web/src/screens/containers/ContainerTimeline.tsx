import type { EquipmentEvent } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { type PortLookups, visitLabel } from './lookups.ts';
import { eventLabelKey, formatLocalTime, orderEvents, type TimelineOrder } from './timeline.ts';

/** Where an event happened, as its zone, yard slot or terminal names it. */
export function eventPlace(event: EquipmentEvent, lookups: PortLookups): string {
  const parts: string[] = [];
  if (event.terminalId) parts.push(lookups.terminalCode.get(event.terminalId) ?? '');
  if (event.zoneId) parts.push(lookups.zoneById.get(event.zoneId)?.code ?? '');
  if (event.yardBlockId && event.bay !== null) {
    const block = lookups.blockById.get(event.yardBlockId)?.code ?? '';
    parts.push(`${block} ${event.bay}-${event.row}-${event.tier}`);
  }
  return parts.filter(Boolean).join(' · ');
}

function VehiclePlate({ id }: { id: string }) {
  const { t } = useTranslation('containers');
  const vehicle = useQuery(
    trpc.vehicles.get.queryOptions({ id }, { retry: false, staleTime: 300_000 }),
  );
  return <span>{t('truck', { plate: vehicle.data?.plate ?? id.slice(0, 8) })}</span>;
}

function JobReference({ id }: { id: string }) {
  const { t } = useTranslation('containers');
  const job = useQuery(
    trpc.dispatch.get.queryOptions({ id }, { retry: false, staleTime: 300_000 }),
  );
  return <span>{t('job', { reference: job.data?.reference ?? id.slice(0, 8) })}</span>;
}

/** The container's equipment events, newest or oldest first. */
export function ContainerTimeline({
  events,
  order,
  onOrder,
  lookups,
}: {
  events: readonly EquipmentEvent[];
  order: TimelineOrder;
  onOrder: (order: TimelineOrder) => void;
  lookups: PortLookups;
}) {
  const { t, i18n } = useTranslation('containers');
  const ordered = useMemo(() => orderEvents(events, order), [events, order]);
  return (
    <section className="panel containers-timeline-panel" aria-label={t('timeline')}>
      <div className="containers-timeline-head">
        <h2>{t('timeline')}</h2>
        <label>
          {t('order')}{' '}
          <select value={order} onChange={(event) => onOrder(event.target.value as TimelineOrder)}>
            <option value="newest">{t('newestFirst')}</option>
            <option value="oldest">{t('oldestFirst')}</option>
          </select>
        </label>
      </div>
      {ordered.length === 0 ? <p className="hint">{t('noEvents')}</p> : null}
      <ol className="containers-timeline" data-testid="container-timeline" data-order={order}>
        {ordered.map((event) => (
          <li
            key={event.id}
            data-event-type={event.eventType}
            className={`containers-event containers-event-${event.eventClassifier.toLowerCase()}`}
          >
            <span className="containers-event-type">
              <strong>{t(eventLabelKey(event.eventType))}</strong>{' '}
              <code className="hint">{event.eventType}</code>
              {event.eventClassifier !== 'ACT' ? (
                <span className="badge warn">{t(`classifier.${event.eventClassifier}`)}</span>
              ) : null}
            </span>
            <time dateTime={event.eventAt} className="containers-event-time">
              {formatLocalTime(event.eventAt, i18n.language)}
            </time>
            <span className="containers-event-details">
              <span>{eventPlace(event, lookups) || t('none')}</span>
              <span className="badge">{t(event.emptyIndicator)}</span>
              {event.vehicleId ? <VehiclePlate id={event.vehicleId} /> : null}
              {event.vesselVisitId ? (
                <span>
                  {t('vessel', {
                    name: visitLabel(
                      lookups.visitById.get(event.vesselVisitId),
                      event.vesselVisitId,
                    ),
                  })}
                </span>
              ) : null}
              {event.dispatchJobId ? <JobReference id={event.dispatchJobId} /> : null}
              {event.note ? <span className="hint">{event.note}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
