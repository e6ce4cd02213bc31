import type { DispatchJobDetail, JobEta } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { localName } from '../../ui/local-name.ts';
import { QueryState } from '../../ui/states.tsx';
import { Dialog } from './Dialog.tsx';
import { formatLocalTime } from './format.ts';
import { JobMap } from './JobMap.tsx';
import { JobStatusBadge, LateBadge } from './jobs-columns.tsx';
import { jobLateness } from './lateness.ts';
import { PhoneLink, useProofLink } from './PhoneLink.tsx';
import { useJobEta } from './use-job-etas.ts';

/** Whether the job will miss or has missed its window, said in a sentence. */
function LateWarning({
  job,
  eta,
  now,
}: {
  job: DispatchJobDetail;
  eta: JobEta | null | undefined;
  now: number;
}) {
  const { t, i18n } = useTranslation('dispatch');
  const lateness = jobLateness(job, now, eta ?? undefined);
  if (!lateness) return null;
  const time = (iso: string | null) => formatLocalTime(iso, i18n.language);
  const end = time(job.windowEnd);
  let text: string;
  if (lateness === 'will-miss')
    text = t('detail.willMissWarning', { arrival: time(eta?.dropoffArrivalAt ?? null), end });
  else if (job.deliveredAt)
    text = t('detail.missedDelivered', { delivered: time(job.deliveredAt), end });
  else text = t('detail.missedWarning', { end });
  return (
    <p
      className={`dispatch-warning${lateness === 'will-miss' ? ' warn' : ''}`}
      role="alert"
      data-testid="job-late-warning"
      data-lateness={lateness}
    >
      {text}
    </p>
  );
}

/** Where the truck is and when it should reach its next stop and the drop-off (api `dispatch.etas`). */
function EtaFacts({ eta, isActive }: { eta: JobEta | null | undefined; isActive: boolean }) {
  const { t, i18n } = useTranslation('dispatch');
  const time = (iso: string) => formatLocalTime(iso, i18n.language);
  if (!eta)
    return isActive ? (
      <p className="hint" data-testid="job-eta">
        {t('detail.noPosition')}
      </p>
    ) : null;
  const words = {
    minutes: Math.round(eta.etaMinutes),
    km: eta.distanceKm.toFixed(1),
    time: time(eta.arrivalAt),
  };
  return (
    <div data-testid="job-eta" data-target={eta.target}>
      <p>
        <strong>{t('detail.eta')}: </strong>
        {t(eta.target === 'PICKUP' ? 'detail.etaToPickup' : 'detail.etaToDropoff', words)}
        {eta.viaBridge ? ` · ${t('detail.etaViaBridge')}` : ''}
      </p>
      {eta.target === 'PICKUP' ? (
        <p>{t('detail.etaDropoff', { time: time(eta.dropoffArrivalAt) })}</p>
      ) : null}
      <p className="hint">
        {t('detail.truckAt')}: {eta.position.lat.toFixed(4)}, {eta.position.lon.toFixed(4)} ·{' '}
        {t('detail.lastFix', { time: time(eta.position.fixAt) })}
      </p>
      <p className="hint">{t('detail.etaHow')}</p>
    </div>
  );
}

function JobMapOf({ job, eta }: { job: DispatchJobDetail; eta: JobEta | null | undefined }) {
  const zones = useQuery(trpc.port.zones.queryOptions({}));
  const pickup = zones.data?.find((zone) => zone.id === job.pickupZone.id);
  const dropoff = zones.data?.find((zone) => zone.id === job.dropoffZone.id);
  if (!pickup || !dropoff) return null;
  const truck =
    eta && job.vehicle
      ? {
          lat: eta.position.lat,
          lon: eta.position.lon,
          plate: job.vehicle.plate,
          target: eta.target,
        }
      : null;
  return <JobMap pickup={pickup} dropoff={dropoff} truck={truck} />;
}

type ShownPhoto = {
  id: string;
  url: string;
  at: string;
  lat: number | null;
  lon: number | null;
  source: 'terminal' | 'phone';
};

/** The truck camera's photos and the driver's phone's, in the order they were taken. */
function photosOf(job: DispatchJobDetail): ShownPhoto[] {
  return [
    ...job.photos.map((photo) => ({ ...photo, at: photo.takenAt, source: 'terminal' as const })),
    ...job.deliveryPhotos.map((photo) => ({
      ...photo,
      at: photo.uploadedAt,
      source: 'phone' as const,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * One job: whether it keeps its window, its truck's live position and ETA on a map of its
 * pickup and drop-off, and its status history (who or what changed it, when, and why).
 */
export function JobDrawer({
  jobId,
  now,
  onClose,
  canEdit = false,
}: {
  jobId: string;
  now: number;
  onClose: () => void;
  /** The company's admins and dispatchers: they may send the driver's phone a link. */
  canEdit?: boolean;
}) {
  const { t, i18n } = useTranslation('dispatch');
  const link = useProofLink();
  const detail = useQuery(
    trpc.dispatch.get.queryOptions(
      { id: jobId },
      // While the driver has a fresh link, the phone's photos show as they come.
      { refetchInterval: link.isSuccess && link.variables?.jobId === jobId ? 10_000 : false },
    ),
  );
  const eta = useJobEta(jobId);
  const time = (iso: string | null) => formatLocalTime(iso, i18n.language);
  const zoneText = (zone: DispatchJobDetail['pickupZone']) =>
    `${zone.code} (${localName(zone, i18n.language)})`;
  return (
    <Dialog
      title={t('detail.title', { reference: detail.data?.reference ?? '' })}
      onClose={onClose}
      testId="job-detail"
      drawer
    >
      <QueryState query={detail}>
        {(job) => {
          const isActive =
            job.vehicle !== null &&
            !['PLANNED', 'DELIVERED', 'CANCELLED', 'FAILED'].includes(job.status);
          const photos = photosOf(job);
          return (
            <>
              <LateWarning job={job} eta={eta.data} now={now} />
              <dl className="dispatch-facts">
                <dt>{t('column.status')}</dt>
                <dd>
                  <JobStatusBadge status={job.status} />{' '}
                  <LateBadge lateness={jobLateness(job, now, eta.data ?? undefined)} />
                </dd>
                <dt>{t('detail.kind')}</dt>
                <dd>{t(`kind.${job.kind}`)}</dd>
                <dt>{t('column.containerNumber')}</dt>
                <dd>{job.containerNumber ?? '—'}</dd>
                <dt>{t('detail.pickup')}</dt>
                <dd>{zoneText(job.pickupZone)}</dd>
                <dt>{t('detail.dropoff')}</dt>
                <dd>{zoneText(job.dropoffZone)}</dd>
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
                {job.requiresProofPhoto ? (
                  <>
                    <dt>{t('detail.proof')}</dt>
                    <dd>{t('detail.proofPhoto')}</dd>
                  </>
                ) : null}
              </dl>
              <EtaFacts eta={eta.data} isActive={isActive} />
              <h3>{t('detail.map')}</h3>
              <JobMapOf job={job} eta={eta.data} />
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
                      {event.position
                        ? ` · ${event.position.lat.toFixed(5)}, ${event.position.lon.toFixed(5)}`
                        : ''}
                    </div>
                  </li>
                ))}
              </ol>
              <h3>{t('detail.photos')}</h3>
              {canEdit && job.status !== 'CANCELLED' && job.status !== 'FAILED' ? (
                <PhoneLink jobId={job.id} link={link} />
              ) : null}
              {photos.length === 0 ? <p className="hint">{t('detail.noPhotos')}</p> : null}
              <ul className="terminal-photos" data-testid="job-photos">
                {photos.map((photo) => (
                  <li key={photo.id} data-media-id={photo.id} data-source={photo.source}>
                    <a href={photo.url} target="_blank" rel="noreferrer">
                      <img
                        src={photo.url}
                        alt={t(
                          photo.source === 'phone' ? 'detail.phonePhotoAlt' : 'detail.photoAlt',
                          { time: time(photo.at) },
                        )}
                        loading="lazy"
                      />
                    </a>
                    <span className="hint">
                      {t(photo.source === 'phone' ? 'detail.fromPhone' : 'detail.fromTerminal')}
                      {' · '}
                      {time(photo.at)}
                      {photo.lat !== null && photo.lon !== null
                        ? ` · ${photo.lat.toFixed(5)}, ${photo.lon.toFixed(5)}`
                        : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </Dialog>
  );
}
