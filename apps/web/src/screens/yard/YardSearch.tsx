import {
  type ContainerView,
  isValidContainerNumber,
  normalizeContainerNumber,
} from '@harbor/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpcCode } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';

type Located = {
  data?: ContainerView;
  error: unknown;
  isPending: boolean;
};

/** The yard's container search: a number, then where it stands (or why it is not in a slot). */
export function YardSearch({
  initial,
  located,
  onFind,
  onClear,
}: {
  initial: string;
  located: Located | null;
  onFind: (number: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('yard');
  const [text, setText] = useState(initial);
  const [touched, setTouched] = useState(false);
  const number = normalizeContainerNumber(text);
  const isValid = isValidContainerNumber(number);
  const showInvalid = touched && number.length >= 11 && !isValid;
  return (
    <form
      className="yard-search"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (isValid) onFind(number);
      }}
    >
      <input
        type="search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={text}
        maxLength={16}
        aria-invalid={showInvalid}
        onChange={(event) => {
          setText(event.target.value.toUpperCase());
          setTouched(true);
        }}
      />
      <button type="submit" disabled={!isValid}>
        {t('searchButton')}
      </button>
      {initial ? (
        <button type="button" onClick={onClear}>
          {t('clearSearch')}
        </button>
      ) : null}
      <span className="yard-search-result" role="status">
        {showInvalid ? t('invalidNumber') : <SearchResult number={initial} located={located} />}
      </span>
    </form>
  );
}

function SearchResult({ number, located }: { number: string; located: Located | null }) {
  const { t } = useTranslation('yard');
  if (!located) return null;
  if (located.isPending) return null;
  if (located.error) {
    return trpcCode(located.error) === 'NOT_FOUND' ? (
      <span className="form-error">{t('notFound', { number })}</span>
    ) : (
      <span className="form-error">
        <ErrorText error={located.error} />
      </span>
    );
  }
  const container = located.data;
  if (!container) return null;
  if (container.access === 'STATUS') {
    // Another organization's container: where it is, never its slot.
    const { status } = container;
    const where = status.terminalCode ?? status.zoneCode ?? t(`place.${status.place}`);
    return <span>{t('statusOnly', { number: container.number, where })}</span>;
  }
  const { state } = container;
  if (!state.yardBlockCode || state.bay === null) {
    return (
      <span>{t('notInYard', { number: container.number, place: t(`place.${state.place}`) })}</span>
    );
  }
  return (
    <span>
      {t('foundAt', {
        number: container.number,
        block: state.yardBlockCode,
        bay: state.bay,
        row: state.row,
        tier: state.tier,
      })}
    </span>
  );
}
