import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { trpc, trpcCode } from '../../trpc.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { REFRESH_MS } from './InPortSummary.tsx';
import { VesselDiscrepancies } from './VesselDiscrepancies.tsx';
import { statusTone } from './visit-view.ts';

/** One visit with its timeline (planned, AIS and predicted ETAs, anchorage, berth, departure). */
export function VisitDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('vessels');
  const visit = useQuery(
    trpc.visits.get.queryOptions(
      { id },
      {
        refetchInterval: REFRESH_MS,
        // A wrong or vanished id does not get better by asking again.
        retry: (count, error) =>
          count < 2 && !['BAD_REQUEST', 'NOT_FOUND'].includes(trpcCode(error) ?? ''),
      },
    ),
  );
  return (
    <aside
      className="panel vessels-detail"
      data-testid="visit-detail"
      aria-label={t('detail.title')}
    >
      <div className="vessels-detail-head">
        <h2>{visit.data?.vessel.name ?? t('detail.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('detail.close')}>
          ×
        </button>
      </div>
      <QueryState query={visit}>
        {(data) => (
          <>
            <Link to={`/vessels/${data.vessel.id}`} data-testid="vessel-link">
              {t('page.open')}
            </Link>
            <dl className="vessels-facts">
              <dt>{t('col.mmsi')}</dt>
              <dd>{data.vessel.mmsi}</dd>
              <dt>{t('col.imo')}</dt>
              <dd>{data.vessel.imo ?? '—'}</dd>
              <dt>{t('detail.callSign')}</dt>
              <dd>{data.vessel.callSign ?? '—'}</dd>
              <dt>{t('detail.voyage')}</dt>
              <dd>{data.voyageNumber ?? '—'}</dd>
              <dt>{t('detail.size')}</dt>
              <dd>
                {data.vessel.lengthM === null
                  ? '—'
                  : `${formatNumber(data.vessel.lengthM, i18n.language, 1)} m`}
                {' / '}
                {data.vessel.draughtM === null
                  ? '—'
                  : `${formatNumber(data.vessel.draughtM, i18n.language, 1)} m`}
              </dd>
              <dt>{t('col.status')}</dt>
              <dd>
                <span className={`badge ${statusTone(data.status)}`} data-status={data.status}>
                  {t(`status.${data.status}`)}
                </span>
              </dd>
            </dl>
            <VesselDiscrepancies discrepancies={data.vessel.discrepancies} />
            <h3>{t('detail.timeline')}</h3>
            {data.timeline.length === 0 ? (
              <p className="hint">{t('detail.noTimeline')}</p>
            ) : (
              <ol className="vessels-timeline" data-testid="visit-timeline">
                {data.timeline.map((entry, index) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is replaced whole
                    key={index}
                    data-kind={entry.kind}
                    className={entry.isFlagged ? 'vessels-flagged' : undefined}
                  >
                    <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                    <span>
                      {t(`timeline.${entry.kind}`)}
                      {entry.zoneCode ? ` · ${entry.zoneCode}` : ''}
                    </span>
                    {entry.label ? <span className="hint">{entry.label}</span> : null}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </aside>
  );
}
