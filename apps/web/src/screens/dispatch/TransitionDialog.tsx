import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { Dialog } from './Dialog.tsx';
import { manualTransitions, needsNote } from './transitions.ts';

/**
 * Moves a job by hand to one of the statuses the state machine allows next (`initialTo`
 * chosen first, e.g. the kanban column a card was dropped on).
 */
export function TransitionDialog({
  job,
  initialTo,
  onMoved,
  onClose,
}: {
  job: DispatchJob;
  initialTo?: DispatchJobStatus | undefined;
  onMoved: (job: DispatchJob) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('dispatch');
  const allowed = manualTransitions(job.status);
  const [to, setTo] = useState<DispatchJobStatus | ''>(
    initialTo && allowed.includes(initialTo) ? initialTo : (allowed[0] ?? ''),
  );
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const move = useMutation(
    trpc.dispatch.transition.mutationOptions({
      onSuccess: (moved) => {
        onMoved(moved);
        onClose();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    if (needsNote(to) && !note.trim()) {
      setNoteMissing(true);
      return;
    }
    move.mutate({ id: job.id, to, note: note.trim() || undefined });
  };
  return (
    <Dialog title={t('transition.title', { reference: job.reference })} onClose={onClose}>
      {allowed.length === 0 ? (
        <p className="state">{t('transition.none')}</p>
      ) : (
        <form className="dispatch-form" onSubmit={submit}>
          <label className="dispatch-field">
            {t('transition.to')}
            <select value={to} onChange={(event) => setTo(event.target.value as DispatchJobStatus)}>
              {allowed.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="dispatch-field">
            {t('transition.note')}
            <textarea
              value={note}
              maxLength={500}
              rows={3}
              aria-invalid={noteMissing && !note.trim()}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
          {noteMissing && to && needsNote(to) && !note.trim() ? (
            <p className="form-error">{t('transition.noteRequired')}</p>
          ) : null}
          {move.error ? (
            <p className="form-error" role="alert">
              <ErrorText error={move.error} />
            </p>
          ) : null}
          <div className="dispatch-form-actions">
            <button type="button" onClick={onClose}>
              {t('action.cancel')}
            </button>
            <button type="submit" className="primary" disabled={move.isPending}>
              {t('transition.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
