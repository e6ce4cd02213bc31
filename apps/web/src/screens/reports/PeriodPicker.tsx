import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInput, type Period, PRESETS, type Preset, toLocalInput } from './period.ts';

/** Presets (today, last 24 h, 7 days) or a custom from/to (applied with a button). */
export function PeriodPicker({
  period,
  onPreset,
  onCustom,
}: {
  period: Period;
  onPreset: (preset: Exclude<Preset, 'custom'>) => void;
  onCustom: (from: Date, to: Date) => void;
}) {
  const { t } = useTranslation('reports');
  const [isCustom, setCustom] = useState(period.preset === 'custom');
  const [from, setFrom] = useState(() => toLocalInput(period.from));
  const [to, setTo] = useState(() => toLocalInput(period.to));
  const fromDate = fromLocalInput(from);
  const toDate = fromLocalInput(to);
  return (
    <>
      <fieldset className="reports-presets" aria-label={t('period.label')}>
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            aria-pressed={preset === 'custom' ? isCustom : !isCustom && period.preset === preset}
            data-preset={preset}
            onClick={() => {
              if (preset === 'custom') {
                setFrom(toLocalInput(period.from));
                setTo(toLocalInput(period.to));
                setCustom(true);
              } else {
                setCustom(false);
                onPreset(preset);
              }
            }}
          >
            {t(`period.${preset}`)}
          </button>
        ))}
      </fieldset>
      {isCustom ? (
        <form
          className="reports-custom"
          onSubmit={(event) => {
            event.preventDefault();
            if (fromDate && toDate) onCustom(fromDate, toDate);
          }}
        >
          <label>
            {t('period.from')}{' '}
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('period.to')}{' '}
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" disabled={!fromDate || !toDate}>
            {t('period.apply')}
          </button>
        </form>
      ) : null}
    </>
  );
}
