import { PORT_KPIS_MAX_DAYS } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { GateAppointmentsPanel } from './GateAppointmentsPanel.tsx';
import { kpiCsvHref, kpiViewFromParams, kpiViewProblem } from './kpi-period.ts';
import { PortKpisTable } from './PortKpisTable.tsx';
import './port-kpis.css';

/**
 * Port KPIs per terminal and port day over the days chosen (in the URL), the terminal's and
 * all terminals' totals, and the same as a CSV download. The api sends every terminal the
 * user may see; choosing one filters the table here and the download there.
 */
export function PortKpisScreen() {
  const { t, i18n } = useTranslation('portKpis');
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // The default week is read against the clock when the URL changes, not on every render.
  const view = useMemo(() => kpiViewFromParams(new URLSearchParams(search), new Date()), [search]);
  const problem = kpiViewProblem(view);
  const kpis = useQuery(
    trpc.dashboards.portKpis.queryOptions(
      { from: view.from, to: view.to },
      { enabled: problem === null },
    ),
  );
  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('from', view.from);
      next.set('to', view.to);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) next.delete(name);
        else next.set(name, value);
      }
      return next;
    });
  const zones = [...new Set(kpis.data?.terminals.map((terminal) => terminal.timezone) ?? [])];

  return (
    <div className="port-kpis">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <label>
          {t('from')}{' '}
          <input
            type="date"
            value={view.from}
            onChange={(event) => event.target.value && update({ from: event.target.value })}
          />
        </label>
        <label>
          {t('to')}{' '}
          <input
            type="date"
            value={view.to}
            onChange={(event) => event.target.value && update({ to: event.target.value })}
          />
        </label>
        <label>
          {t('terminal')}{' '}
          <select
            value={view.terminalId ?? ''}
            onChange={(event) => update({ terminal: event.target.value || null })}
          >
            <option value="">{t('allTerminals')}</option>
            {kpis.data?.terminals.map((terminal) => (
              <option key={terminal.terminalId} value={terminal.terminalId}>
                {terminal.terminalCode}
              </option>
            ))}
          </select>
        </label>
        <a
          className="port-kpis-csv"
          href={kpiCsvHref(view, i18n.language)}
          data-testid="port-kpis-csv"
          download
          aria-disabled={problem !== null}
        >
          {t('csv')}
        </a>
      </div>
      {kpis.data ? (
        <p className="hint" data-testid="port-kpis-note">
          {t('note', { zone: zones.join(', '), hours: kpis.data.onTimeWindowHours })}
        </p>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {t(`problem.${problem}`, { days: PORT_KPIS_MAX_DAYS })}
        </p>
      ) : (
        <QueryState query={kpis} isEmpty={(data) => data.terminals.length === 0} empty={t('empty')}>
          {(data) => <PortKpisTable kpis={data} terminalId={view.terminalId} />}
        </QueryState>
      )}
      {view.terminalId ? <GateAppointmentsPanel terminalId={view.terminalId} /> : null}
    </div>
  );
}
