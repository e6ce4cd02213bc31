import type { VesselVisit } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { shipCategory, statusTone } from './visit-view.ts';

/** The visits, one row each; a click on a row opens its detail. */
export function VisitsTable({
  visits,
  shipTypes,
  selectedId,
  onOpen,
}: {
  visits: VesselVisit[];
  shipTypes: ReadonlyMap<string, number | null>;
  selectedId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('vessels');
  const time = (iso: string | null) => formatDateTime(iso, i18n.language, false);
  return (
    <div className="vessels-table-wrap">
      <table className="data-table" data-testid="visits-table">
        <thead>
          <tr>
            <th>{t('col.name')}</th>
            <th>{t('col.mmsi')}</th>
            <th>{t('col.imo')}</th>
            <th>{t('col.type')}</th>
            <th>{t('col.terminal')}</th>
            <th>{t('col.berth')}</th>
            <th>{t('col.status')}</th>
            <th>{t('col.arrivedAt')}</th>
            <th>{t('col.eta')}</th>
            <th>{t('col.predictedPilotEta')}</th>
            <th>{t('col.predictedEta')}</th>
            <th>{t('col.aisEta')}</th>
            <th>{t('col.ata')}</th>
            <th>{t('col.atd')}</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((visit) => (
            <tr
              key={visit.id}
              data-mmsi={visit.vessel.mmsi}
              data-visit-id={visit.id}
              className={visit.id === selectedId ? 'vessels-row-selected' : undefined}
            >
              <td>
                <button type="button" className="vessels-link" onClick={() => onOpen(visit.id)}>
                  {visit.vessel.name ?? t('unnamed')}
                </button>
              </td>
              <td className="num">
                <Link
                  to={`/vessels/${visit.vessel.id}`}
                  aria-label={t('page.linkLabel', { mmsi: visit.vessel.mmsi })}
                >
                  {visit.vessel.mmsi}
                </Link>
              </td>
              <td className="num">{visit.vessel.imo ?? '—'}</td>
              <td>{t(`shipType.${shipCategory(shipTypes.get(visit.vessel.id))}`)}</td>
              <td>{visit.terminalCode ?? '—'}</td>
              <td>
                <BerthCell visit={visit} />
              </td>
              <td>
                <span className={`badge ${statusTone(visit.status)}`} data-status={visit.status}>
                  {t(`status.${visit.status}`)}
                </span>
              </td>
              <td>{time(visit.arrivedAt)}</td>
              <td>{time(visit.eta)}</td>
              <td>{time(visit.predictedPilotEta)}</td>
              <td>{time(visit.predictedEta)}</td>
              <td>{time(visit.vessel.aisEta)}</td>
              <td>{time(visit.ata)}</td>
              <td>{time(visit.atd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BerthCell({ visit }: { visit: VesselVisit }) {
  const { t } = useTranslation('vessels');
  const planned = visit.plannedBerthCode ?? '—';
  if (!visit.actualBerthCode) return <span title={t('berth.planned')}>{planned}</span>;
  if (!visit.plannedBerthCode)
    return (
      <span title={t('berth.actual')}>
        {visit.actualBerthCode} <span className="hint">{t('berth.unplanned')}</span>
      </span>
    );
  return (
    <span data-berth-changed={visit.isBerthChanged}>
      <span title={t('berth.planned')}>{planned}</span>
      {' → '}
      <span title={t('berth.actual')}>{visit.actualBerthCode}</span>
      {visit.isBerthChanged ? (
        <span className="badge warn vessels-changed" title={t('berth.changedHint')}>
          {t('berth.changed')}
        </span>
      ) : null}
    </span>
  );
}
