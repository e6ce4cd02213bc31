import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkNumberInput, isInvalidInput, type NumberInputState } from './number-input.ts';

function message(state: NumberInputState): { key: string; digit?: number } | null {
  if (state.status === 'empty') return null;
  if (state.status === 'checkDigit') return { key: 'checkDigit', digit: state.expected };
  return { key: state.status };
}

/** The ISO 6346 number input: upper-cased and check-digit verified as it is typed. */
export function NumberSearch({
  initial,
  onSearch,
  onEdit,
}: {
  initial: string;
  onSearch: (number: string) => void;
  /** Each change of the typed number, so the result of the last search can be put away. */
  onEdit?: (typed: string) => void;
}) {
  const { t } = useTranslation('containers');
  const [typed, setTyped] = useState(initial);
  const state = checkNumberInput(typed);
  const isInvalid = isInvalidInput(state);
  const shown = message(state);
  return (
    <form
      className="containers-search"
      onSubmit={(event) => {
        event.preventDefault();
        if (state.status === 'valid') onSearch(state.value);
      }}
    >
      <input
        data-testid="container-number"
        aria-label={t('number')}
        aria-invalid={isInvalid}
        aria-describedby="containers-check-digit"
        placeholder={t('numberPlaceholder')}
        value={typed}
        maxLength={16}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const value = event.target.value.toUpperCase();
          setTyped(value);
          onEdit?.(value);
        }}
      />
      <button type="submit" className="primary" disabled={state.status !== 'valid'}>
        {t('search')}
      </button>
      <span
        id="containers-check-digit"
        data-testid="check-digit-message"
        data-status={state.status}
        className={isInvalid ? 'form-error' : 'hint'}
        aria-live="polite"
      >
        {shown ? t(shown.key, { digit: shown.digit }) : ''}
      </span>
    </form>
  );
}
