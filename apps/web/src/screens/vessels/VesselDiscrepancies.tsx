import type { VesselDiscrepancy } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import './discrepancies.css';

/**
 * Where the vessel's AIS reports other particulars than the port curated: both values side
 * by side. Port logic (the berth plan's conflicts) goes by the curated one; AIS is
 * unauthenticated radio, so a difference is either a stale register or a false report.
 */
export function VesselDiscrepancies({
  discrepancies,
}: {
  discrepancies: readonly VesselDiscrepancy[];
}) {
  const { t, i18n } = useTranslation('vessels');
  if (discrepancies.length === 0) return null;
  // An IMO number is an identifier: no grouping separators.
  const value = (field: VesselDiscrepancy['field'], n: number) =>
    field === 'imo'
      ? String(n)
      : t('discrepancy.metres', { value: formatNumber(n, i18n.language, 1) });
  return (
    <section
      className="vessel-discrepancies"
      data-testid="vessel-discrepancies"
      aria-label={t('discrepancy.title')}
    >
      <h4>{t('discrepancy.title')}</h4>
      <p className="hint">{t('discrepancy.hint')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('discrepancy.field')}</th>
            <th scope="col">{t('discrepancy.curated')}</th>
            <th scope="col">{t('discrepancy.ais')}</th>
          </tr>
        </thead>
        <tbody>
          {discrepancies.map((d) => (
            <tr key={d.field} data-field={d.field}>
              <th scope="row">{t(`discrepancy.fields.${d.field}`)}</th>
              <td>{value(d.field, d.curated)}</td>
              <td>{value(d.field, d.ais)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
