import { PROOF_PHOTO_MAX_BYTES, type ProofUploadJob } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { errorText } from '../../ui/error-text.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { localName } from '../../ui/local-name.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { fetchProofJob, type PhonePosition, PodAnswerError, uploadProofPhoto } from './pod-api.ts';
import './pod.css';

type PositionState = PhonePosition | 'asking' | 'unknown';

/** The phone's position, asked once when the page opens; the driver may refuse. */
function usePhonePosition(): PositionState {
  const [position, setPosition] = useState<PositionState>(() =>
    globalThis.navigator?.geolocation ? 'asking' : 'unknown',
  );
  useEffect(() => {
    const geolocation = globalThis.navigator?.geolocation;
    if (!geolocation) return;
    let isCurrent = true;
    geolocation.getCurrentPosition(
      ({ coords }) => {
        if (isCurrent) setPosition({ lat: coords.latitude, lon: coords.longitude });
      },
      () => {
        if (isCurrent) setPosition('unknown');
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
    return () => {
      isCurrent = false;
    };
  }, []);
  return position;
}

function JobSummary({ job }: { job: ProofUploadJob }) {
  const { t, i18n } = useTranslation('pod');
  return (
    <dl className="pod-facts" data-testid="pod-job">
      <dt>{t('reference')}</dt>
      <dd>{job.reference}</dd>
      <dt>{t('plate')}</dt>
      <dd>{job.plate ?? '—'}</dd>
      {job.containerNumber ? (
        <>
          <dt>{t('container')}</dt>
          <dd>{job.containerNumber}</dd>
        </>
      ) : null}
      <dt>{t('dropoff')}</dt>
      <dd>{localName(job.dropoffZone, i18n.language)}</dd>
      <dt>{t('status')}</dt>
      <dd>{t(`dispatch:status.${job.status}`)}</dd>
      <dt>{t('expiresAt')}</dt>
      <dd>{formatDateTime(job.expiresAt, i18n.language, 'short')}</dd>
    </dl>
  );
}

/**
 * The page a driver's phone opens from the job's link (`/pod/<token>`), no login: the job,
 * a big button that opens the camera, and the photo uploaded as taken with where the phone
 * was (when the driver allows it). Chinese first, small screens first.
 */
export function ProofUploadPage() {
  const { t, i18n } = useTranslation('pod');
  const token = useParams().token ?? '';
  const queryClient = useQueryClient();
  const jobKey = ['pod', token];
  const job = useQuery({
    queryKey: jobKey,
    queryFn: ({ signal }) => fetchProofJob(token, signal),
    // An unknown or expired link stays so; anything else is worth a second try.
    retry: (count, error) => !(error instanceof PodAnswerError) && count < 2,
  });
  const position = usePhonePosition();
  const upload = useMutation({
    mutationFn: (photo: File) => {
      if (photo.size > PROOF_PHOTO_MAX_BYTES)
        throw new PodAnswerError(413, {
          error: 'photo too large',
          code: 'request.body-too-large',
          params: { limitBytes: PROOF_PHOTO_MAX_BYTES },
        });
      return uploadProofPhoto(token, photo, typeof position === 'object' ? position : null);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: jobKey }),
  });
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const photo = event.target.files?.[0];
    // Cleared, so the same photo may be chosen again after a failure.
    event.target.value = '';
    if (photo) upload.mutate(photo);
  };
  return (
    <main className="pod">
      <div className="pod-head">
        <h1>{t('title')}</h1>
        <LanguageSwitch />
      </div>
      {job.isPending ? (
        <Loading />
      ) : job.error || !job.data ? (
        <ErrorState error={job.error} onRetry={() => void job.refetch()} />
      ) : (
        <>
          <p>{t('intro')}</p>
          <JobSummary job={job.data} />
          <p className="hint" data-testid="pod-count">
            {job.data.photoCount > 0 ? t('uploaded', { count: job.data.photoCount }) : t('noneYet')}
          </p>
          {job.data.status === 'CANCELLED' || job.data.status === 'FAILED' ? (
            <p className="pod-closed" role="alert">
              {t('closed')}
            </p>
          ) : (
            <>
              <label className={`pod-take${upload.isPending ? ' is-busy' : ''}`}>
                <input
                  type="file"
                  accept="image/jpeg"
                  capture="environment"
                  disabled={upload.isPending}
                  onChange={choose}
                  data-testid="pod-photo"
                />
                {upload.isPending
                  ? t('uploading')
                  : upload.isSuccess
                    ? t('takeAnother')
                    : t('take')}
              </label>
              <p className="hint" data-testid="pod-position">
                {position === 'asking'
                  ? t('position.asking')
                  : position === 'unknown'
                    ? t('position.unknown')
                    : t('position.known')}
              </p>
            </>
          )}
          {upload.isSuccess ? (
            <p className="pod-done" role="status" data-testid="pod-done">
              {t('done')}
            </p>
          ) : null}
          {upload.error ? (
            <p className="form-error" role="alert" data-testid="pod-failed">
              {t('failed', { reason: errorText(upload.error, i18n) })}
            </p>
          ) : null}
        </>
      )}
    </main>
  );
}
