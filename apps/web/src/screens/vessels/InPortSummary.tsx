import type { VesselVisit, VesselVisitStatus } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { trpc } from '../../trpc.ts';
import { formatNumber, formatPercent } from '../../ui/format.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { anchorageQueue, IN_PORT_STATUSES } from './visit-view.ts';

export const REFRESH_MS = 30_000;

/** Counts by status as tiles (a click filters the table) and berths occupied per terminal. */
export function InPortSummary({
  selected,
  onSelect,
}: {
  selected: VesselVisitStatus | null;
  onSelect: (status: VesselVisitStatus | null) => void;
}) {
  const { t, i18n } = useTranslation('vessels');
  const inPort = useQuery(
    trpc.dashboards.vesselsInPort.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  const occupancy = useQuery(
    trpc.dashboards.berthOccupancy.queryOptions(undefined, { refetchInterval: REFRESH_MS }),
  );
  return (
    <div className="vessels-summary">
      <div className="vessels-tiles" data-testid="vessels-counts">
        {inPort.isPending ? <Loading /> : null}
        {inPort.error ? (
          <ErrorState error={inPort.error} onRetry={() => void inPort.refetch()} />
        ) : null}
        {inPort.data
          ? IN_PORT_STATUSES.map((status) => (
              <button
                key={status}
                type="button"
                className={`vessels-tile vessels-tile-${status.toLowerCase()}`}
                aria-pressed={selected === status}
                data-status={status}
                onClick={() => onSelect(selected === status ? null : status)}
              >
                <span className="vessels-tile-count">
                  {formatNumber(inPort.data.counts[status], i18n.language)}
                </span>
                <span className="vessels-tile-label">{t(`status.${status}`)}</span>
              </button>
            ))
          : null}
      </div>
      {inPort.data ? (
        <AnchorageQueue visits={inPort.data.visits} at={inPort.dataUpdatedAt} />
      ) : null}
      <section className="panel vessels-occupancy" aria-label={t('occupancy.title')}>
        <h2>{t('occupancy.title')}</h2>
        {occupancy.isPending ? <Loading /> : null}
        {occupancy.error ? (
          <ErrorState error={occupancy.error} onRetry={() => void occupancy.refetch()} />
        ) : null}
        {occupancy.data?.length === 0 ? <p className="hint">{t('occupancy.none')}</p> : null}
        <ul>
          {occupancy.data?.map((terminal) => (
            <li key={terminal.terminalId} data-terminal={terminal.terminalCode}>
              <strong>{terminal.terminalCode}</strong>{' '}
              {t('occupancy.berths', {
                occupied: formatNumber(terminal.occupied, i18n.language),
                berths: formatNumber(terminal.berths, i18n.language),
              })}
              <span className="vessels-meter" aria-hidden="true">
                <span style={{ width: `${Math.round(terminal.ratio * 100)}%` }} />
              </span>
              <span className="num">{formatPercent(terminal.ratio, i18n.language)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** The vessels at anchor, longest wait first, each with how long it has waited. */
function AnchorageQueue({ visits, at }: { visits: VesselVisit[]; at: number }) {
  const { t, i18n } = useTranslation('vessels');
  const queue = anchorageQueue(visits, at);
  return (
    <section className="panel vessels-queue" aria-labelledby="vessels-queue-title">
      <h2 id="vessels-queue-title">{t('queue.title')}</h2>
      {queue.length === 0 ? <p className="hint">{t('queue.none')}</p> : null}
      <ol data-testid="anchorage-queue">
        {queue.map(({ visit, waitingMin }) => (
          <li key={visit.id} data-visit-id={visit.id}>
            <Link to={`/vessels/${visit.vessel.id}`}>{visit.vessel.name ?? visit.vessel.mmsi}</Link>{' '}
            <span className="hint">
              {t('queue.waiting', {
                duration: t('page.hoursMinutes', {
                  hours: formatNumber(Math.floor(waitingMin / 60), i18n.language),
                  minutes: waitingMin % 60,
                }),
              })}
            </span>
          </li>
        ))}
      </ol>
      <p className="hint">{t('queue.hint')}</p>
    </section>
  );
}
