import { type ReactNode, useEffect, useId, useRef } from 'react';
import './admin.css';
import { useTranslation } from 'react-i18next';

/** A modal dialog: Escape or the close button closes it; the first control inside gets the focus. */
export function Modal({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation('forms');
  const titleId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    sectionRef.current
      ?.querySelector<HTMLElement>('input, select, textarea, button.primary')
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
    <div className="modal-backdrop">
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal panel"
        data-testid={testId}
        ref={sectionRef}
      >
        <header className="modal-head">
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
