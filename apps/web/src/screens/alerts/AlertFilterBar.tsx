import { useTranslation } from 'react-i18next';
import { ALERT_KINDS, type AlertFilters } from './merge-alerts.ts';

const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;

/** State, kind and severity filters (kept in the URL by the screen). */
export function AlertFilterBar({
  filters,
  onChange,
}: {
  filters: AlertFilters;
  onChange: (name: 'state' | 'kind' | 'severity', value: string | null) => void;
}) {
  const { t } = useTranslation('alerts');
  return (
    <>
      <label>
        {t('filter.state')}{' '}
        <select
          value={filters.state ?? ''}
          onChange={(event) => onChange('state', event.target.value || null)}
        >
          <option value="">{t('filter.all')}</option>
          <option value="open">{t('filter.open')}</option>
          <option value="acknowledged">{t('filter.acknowledged')}</option>
        </select>
      </label>
      <label>
        {t('filter.kind')}{' '}
        <select
          value={filters.kind ?? ''}
          onChange={(event) => onChange('kind', event.target.value || null)}
        >
          <option value="">{t('filter.all')}</option>
          {ALERT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.severity')}{' '}
        <select
          value={filters.severity ?? ''}
          onChange={(event) => onChange('severity', event.target.value || null)}
        >
          <option value="">{t('filter.all')}</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {t(`severity.${severity}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
