import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { PortCharts } from './PortCharts.tsx';
import { csvHref, periodFromParams, periodProblem } from './period.ts';
import { VehicleDetail } from './VehicleDetail.tsx';
import { VehiclesReport } from './VehiclesReport.tsx';
import './reports.css';

/** Vehicle activity over a period (table, CSV, one vehicle's trips and stops) and port charts. */
export function ReportsScreen() {
  const { t, i18n } = useTranslation('reports');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // A preset is read against the clock when the URL changes, not on every render.
  const period = useMemo(() => periodFromParams(new URLSearchParams(search), new Date()), [search]);
  const problem = periodProblem(period);
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const vehicleId = params.get('vehicle');
  const input = { from, to };
  const report = useQuery(trpc.reports.vehicles.queryOptions(input, { enabled: problem === null }));
  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) next.delete(name);
        else next.set(name, value);
      }
      return next;
    });
  const showYard = user.organization.kind !== 'LOGISTICS_COMPANY';

  return (
    <div className="reports">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <PeriodPicker
          key={period.preset}
          period={period}
          onPreset={(preset) => update({ period: preset, from: null, to: null })}
          onCustom={(start, end) =>
            update({ period: null, from: start.toISOString(), to: end.toISOString() })
          }
        />
        <a
          className="reports-csv"
          href={csvHref(period, i18n.language)}
          data-testid="report-csv"
          download
          aria-disabled={problem !== null}
        >
          {t('csv')}
        </a>
      </div>
      <p className="hint" data-testid="report-period">
        {t('period.shown', {
          from: formatDateTime(from, i18n.language),
          to: formatDateTime(to, i18n.language),
        })}
      </p>
      {problem ? (
        <p className="form-error" role="alert">
          {t(`period.problem.${problem}`)}
        </p>
      ) : (
        <>
          <section className="reports-vehicles">
            <h2>{t('vehicles')}</h2>
            <QueryState query={report} isEmpty={(rows) => rows.length === 0} empty={t('empty')}>
              {(rows) => (
                <VehiclesReport
                  rows={rows}
                  selectedId={vehicleId}
                  onOpen={(id) => update({ vehicle: id })}
                />
              )}
            </QueryState>
            {vehicleId ? (
              <VehicleDetail
                vehicleId={vehicleId}
                from={from}
                to={to}
                onClose={() => update({ vehicle: null })}
              />
            ) : null}
          </section>
          <PortCharts period={period} showYard={showYard} />
        </>
      )}
    </div>
  );
}
