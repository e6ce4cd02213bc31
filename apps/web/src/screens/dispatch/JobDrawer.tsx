import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { Dialog } from './Dialog.tsx';
import { formatLocalTime } from './format.ts';
import { JobStatusBadge } from './jobs-columns.tsx';

/** One job with its status history: who or what changed it, when, and why. */
export function JobDrawer({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const detail = useQuery(trpc.dispatch.get.queryOptions({ id: jobId }));
  const time = (iso: string | null) => formatLocalTime(iso, i18n.language);
  return (
    <Dialog
      title={t('detail.title', { reference: detail.data?.reference ?? '' })}
      onClose={onClose}
      testId="job-detail"
      drawer
    >
      <QueryState query={detail}>
        {(job) => (
          <>
            <dl className="dispatch-facts">
              <dt>{t('column.status')}</dt>
              <dd>
                <JobStatusBadge status={job.status} />
              </dd>
              <dt>{t('detail.kind')}</dt>
              <dd>{t(`kind.${job.kind}`)}</dd>
              <dt>{t('column.containerNumber')}</dt>
              <dd>{job.containerNumber ?? '—'}</dd>
              <dt>{t('column.route')}</dt>
              <dd>
                {job.pickupZone.code} ({job.pickupZone.name}) → {job.dropoffZone.code} (
                {job.dropoffZone.name})
              </dd>
              <dt>{t('detail.window')}</dt>
              <dd>
                {time(job.windowStart)} – {time(job.windowEnd)}
              </dd>
              <dt>{t('column.truck')}</dt>
              <dd>{job.vehicle?.plate ?? '—'}</dd>
              <dt>{t('column.driver')}</dt>
              <dd>{job.driver?.name ?? '—'}</dd>
              {job.deliveredAt ? (
                <>
                  <dt>{t('detail.deliveredAt')}</dt>
                  <dd>{time(job.deliveredAt)}</dd>
                </>
              ) : null}
              {job.note ? (
                <>
                  <dt>{t('detail.note')}</dt>
                  <dd>{job.note}</dd>
                </>
              ) : null}
            </dl>
            <h3>{t('detail.history')}</h3>
            {job.events.length === 0 ? <p className="hint">{t('detail.noHistory')}</p> : null}
            <ol className="dispatch-history" data-testid="job-history">
              {job.events.map((event) => (
                <li key={event.id} data-to-status={event.toStatus}>
                  <span className="hint">{time(event.at)}</span>{' '}
                  {event.fromStatus ? `${t(`status.${event.fromStatus}`)} → ` : ''}
                  <strong>{t(`status.${event.toStatus}`)}</strong>
                  <div className="hint">
                    {event.actorUser?.name ?? t(`actor.${event.actorKind}`)}
                    {event.note ? ` · ${event.note}` : ''}
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryState>
    </Dialog>
  );
}
