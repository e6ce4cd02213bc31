import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog (or, with `drawer`, a panel on the right): Escape or the close button
 * closes it; the first field or button inside gets the focus.
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  drawer = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  drawer?: boolean;
}) {
  const { t } = useTranslation('dispatch');
  const titleId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    sectionRef.current
      ?.querySelector<HTMLElement>('textarea, input, select, button.primary')
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
    <div className={drawer ? 'dispatch-drawer-backdrop' : 'dispatch-backdrop'}>
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={drawer ? 'dispatch-drawer panel' : 'dispatch-dialog panel'}
        data-testid={testId}
        ref={sectionRef}
      >
        <header className="dispatch-dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" onClick={onClose} aria-label={t('action.close')}>
            ×
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}
