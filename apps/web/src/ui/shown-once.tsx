import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret Harbor shows once (an API key, an invitation or reset link): read-only, selected
 * on focus, with a copy button and the warning that it will not be shown again.
 */
export function ShownOnce({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId?: string;
}) {
  const { t } = useTranslation('forms');
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      // No clipboard (an insecure origin, a refused permission): the field stays to copy by hand.
      () => setCopied('no'),
    );
  };
  return (
    <div className="shown-once" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="shown-once-row">
        <input
          id={id}
          readOnly
          value={value}
          data-testid={testId ? `${testId}-value` : undefined}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={copy}>
          {t('copy')}
        </button>
      </div>
      <p className="shown-once-warning" role="note">
        {t('shownOnce')}
      </p>
      {copied ? (
        <p className="hint" role="status">
          {copied === 'yes' ? t('copied') : t('copyFailed')}
        </p>
      ) : null}
    </div>
  );
}
