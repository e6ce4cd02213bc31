import type { VehicleSummary } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../ui/format.ts';

/** One row per vehicle over the period; a click on the plate opens its trips and stops. */
export function VehiclesReport({
  rows,
  selectedId,
  onOpen,
}: {
  rows: VehicleSummary[];
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits);
  return (
    <div className="reports-table-wrap">
      <p className="hint" id="reports-measures" data-testid="reports-measures">
        {t('measures')}
      </p>
      <table className="data-table" data-testid="vehicles-report">
        <thead>
          <tr>
            <th>{t('col.plate')}</th>
            <th className="num">{t('col.fixes')}</th>
            <th className="num">{t('col.distance')}</th>
            <th className="num">{t('col.moving')}</th>
            <th className="num" data-measure="stopped" aria-describedby="reports-measures">
              {t('col.stopped')}
            </th>
            <th className="num" data-measure="idle" aria-describedby="reports-measures">
              {t('col.idle')}
            </th>
            <th className="num">{t('col.trips')}</th>
            <th className="num">{t('col.stops')}</th>
            <th className="num">{t('col.jobs')}</th>
            <th className="num">{t('col.delivered')}</th>
            <th className="num">{t('col.onTime')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.vehicleId}
              data-vehicle-id={row.vehicleId}
              data-plate={row.plate}
              className={row.vehicleId === selectedId ? 'reports-row-selected' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="reports-link"
                  onClick={() => onOpen(row.vehicleId)}
                >
                  {row.plate}
                </button>
              </td>
              <td className="num">{n(row.fixes)}</td>
              <td className="num">{n(row.distanceKm, 1)}</td>
              <td className="num">{n(row.movingMinutes)}</td>
              <td className="num">{n(row.stoppedMinutes)}</td>
              <td className="num">{n(row.idleMinutes)}</td>
              <td className="num">{n(row.tripCount)}</td>
              <td className="num">{n(row.stopCount)}</td>
              <td className="num">{n(row.jobs)}</td>
              <td className="num">{n(row.jobsDelivered)}</td>
              <td className="num">{formatPercent(row.onTimeRate, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
