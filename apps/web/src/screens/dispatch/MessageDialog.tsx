import type { DispatchJob } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { Dialog } from './Dialog.tsx';
import { formatLocalTime } from './format.ts';
import { GateSlots } from './GateSlots.tsx';
import { TerminalCommands } from './TerminalCommands.tsx';

const MAX_TEXT = 400;
const STATUS_TONE = { QUEUED: '', SENT: 'warn', DELIVERED: 'ok', FAILED: 'bad' } as const;

/** A text to the job's truck (JT/T 808 0x8300), and the truck's recent messages with their state. */
export function MessageDialog({
  job,
  vehicle,
  onClose,
}: {
  job: DispatchJob;
  vehicle: { id: string; plate: string };
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('dispatch');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const messagesInput = { vehicleId: vehicle.id, limit: 20 };
  const messages = useQuery(
    trpc.dispatch.messages.queryOptions(messagesInput, {
      // Delivery receipts arrive from the terminal: look again every few seconds while open.
      refetchInterval: 4_000,
    }),
  );
  const send = useMutation(
    trpc.dispatch.sendMessage.mutationOptions({
      onSuccess: () => {
        setText('');
        void queryClient.invalidateQueries(trpc.dispatch.messages.queryFilter(messagesInput));
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) send.mutate({ vehicleId: vehicle.id, text: text.trim(), jobId: job.id });
  };
  return (
    <Dialog
      title={t('message.title', { plate: vehicle.plate, reference: job.reference })}
      onClose={onClose}
      testId="message-dialog"
    >
      <form className="dispatch-form" onSubmit={submit}>
        <textarea
          aria-label={t('message.text')}
          value={text}
          maxLength={MAX_TEXT}
          rows={3}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="dispatch-form-actions">
          <span className="hint">{t('message.chars', { count: text.length })}</span>
          <button type="submit" className="primary" disabled={!text.trim() || send.isPending}>
            {t('message.send')}
          </button>
        </div>
        {send.error ? (
          <p className="form-error" role="alert">
            <ErrorText error={send.error} />
          </p>
        ) : null}
      </form>
      <h3>{t('message.history')}</h3>
      {messages.isPending ? <Loading /> : null}
      {messages.error ? (
        <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
      ) : null}
      {messages.data?.items.length === 0 ? <p className="hint">{t('message.none')}</p> : null}
      <ul className="dispatch-messages" data-testid="messages">
        {(messages.data?.items ?? []).map((message) => (
          <li key={message.id} data-message-id={message.id}>
            <span
              className={`badge ${STATUS_TONE[message.status]}`}
              data-testid="message-status"
              data-status={message.status}
            >
              {t(`messageStatus.${message.status}`)}
            </span>{' '}
            <span className="hint">{formatLocalTime(message.createdAt, i18n.language)}</span>
            <p>{message.text}</p>
          </li>
        ))}
      </ul>
      <TerminalCommands vehicle={vehicle} jobId={job.id} />
      <GateSlots job={job} vehicle={vehicle} />
      <TerminalPhotos vehicle={vehicle} />
    </Dialog>
  );
}

/** The photos (and any recordings) the truck's terminal uploaded, newest first. */
function TerminalPhotos({ vehicle }: { vehicle: { id: string; plate: string } }) {
  const { t, i18n } = useTranslation('dispatch');
  const media = useQuery(
    trpc.vehicles.media.queryOptions(
      { vehicleId: vehicle.id, limit: 12 },
      // A photo asked for arrives in packages over several seconds.
      { refetchInterval: 10_000 },
    ),
  );
  return (
    <>
      <h3>{t('message.photos')}</h3>
      {media.isPending ? <Loading /> : null}
      {media.error ? <ErrorState error={media.error} onRetry={() => void media.refetch()} /> : null}
      {media.data?.items.length === 0 ? <p className="hint">{t('message.noPhotos')}</p> : null}
      <ul className="terminal-photos" data-testid="terminal-photos">
        {(media.data?.items ?? []).map((item) => {
          const time = formatLocalTime(item.takenAt, i18n.language);
          const place =
            item.lat === null || item.lon === null
              ? t('message.noPosition')
              : `${item.lat.toFixed(5)}, ${item.lon.toFixed(5)}`;
          return (
            <li key={item.id} data-media-id={item.id}>
              {item.kind === 'IMAGE' ? (
                <a href={item.url} target="_blank" rel="noreferrer">
                  <img
                    src={item.url}
                    alt={t('message.photoAlt', { plate: vehicle.plate, time })}
                    loading="lazy"
                  />
                </a>
              ) : (
                <a href={item.url} target="_blank" rel="noreferrer">
                  {t('message.mediaLink', { kind: t(`message.mediaKind.${item.kind}`), time })}
                </a>
              )}
              <span className="hint">
                {time} · {place}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
