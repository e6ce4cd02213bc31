import { useTranslation } from 'react-i18next';
import { ErrorText } from './error-text.tsx';
import { Modal } from './modal.tsx';

/** Asks before something that cannot be taken back (a revoked key, a disabled account). */
export function ConfirmDialog({
  title,
  message,
  confirm,
  onConfirm,
  onClose,
  isPending,
  error,
}: {
  title: string;
  message: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
  isPending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('forms');
  return (
    <Modal title={title} onClose={onClose} testId="confirm">
      <p>{message}</p>
      {error ? (
        <p className="form-error" role="alert">
          <ErrorText error={error} />
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" className="primary danger" onClick={onConfirm} disabled={isPending}>
          {confirm}
        </button>
      </div>
    </Modal>
  );
}
