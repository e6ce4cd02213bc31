import { type ReactNode, useEffect, useId, useRef } from 'react';
import './admin.css';
import { useTranslation } from 'react-i18next';

/** The class names a screen styles its dialogs by (the administration's by default). */
export type ModalLook = { backdrop: string; dialog: string; head: string };
const ADMIN_LOOK: ModalLook = { backdrop: 'modal-backdrop', dialog: 'modal', head: 'modal-head' };

/**
 * The one modal dialog of the admin: Escape or the close button closes it; the first control
 * inside gets the focus. Screens give it their own look (`look`), the behaviour is this.
 */
export function Modal({
  title,
  onClose,
  children,
  testId,
  look = ADMIN_LOOK,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  look?: ModalLook;
}) {
  const { t } = useTranslation('forms');
  const titleId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    sectionRef.current
      ?.querySelector<HTMLElement>('textarea, input, select, button.primary, button.danger')
      ?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className={look.backdrop}>
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`${look.dialog} panel`}
        data-testid={testId}
        ref={sectionRef}
      >
        <header className={look.head}>
          <h2 id={titleId}>{title}</h2>
          <button type="button" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}
