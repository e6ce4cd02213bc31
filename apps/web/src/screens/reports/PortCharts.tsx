import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { GateMovesChart } from './GateMovesChart.tsx';
import { gateMovesWindow } from './period.ts';
import { YardUtilisationChart } from './YardUtilisationChart.tsx';

/**
 * Gate moves per hour (port staff: every move; a company: its own trucks') over the
 * period's last 7 days, and for port-side staff the yard utilisation per terminal.
 */
export function PortCharts({
  period,
  showYard,
}: {
  period: { from: Date; to: Date };
  showYard: boolean;
}) {
  const { t } = useTranslation('reports');
  const window = gateMovesWindow(period);
  const input = { from: window.from.toISOString(), to: window.to.toISOString() };
  const isClipped = window.from.getTime() > period.from.getTime();
  const gateMoves = useQuery(trpc.dashboards.gateMoves.queryOptions(input));
  const yard = useQuery(
    trpc.dashboards.yardUtilisation.queryOptions(undefined, {
      enabled: showYard,
      refetchInterval: 60_000,
    }),
  );
  return (
    <div className="reports-charts">
      <section className="panel">
        {isClipped ? <p className="hint">{t('gateMoves.clipped')}</p> : null}
        <QueryState
          query={gateMoves}
          isEmpty={(moves) => moves.length === 0}
          empty={t('gateMoves.empty')}
        >
          {(moves) => <GateMovesChart moves={moves} />}
        </QueryState>
      </section>
      {showYard ? (
        <section className="panel">
          <QueryState
            query={yard}
            isEmpty={(terminals) => terminals.length === 0}
            empty={t('yard.empty')}
          >
            {(terminals) => <YardUtilisationChart terminals={terminals} />}
          </QueryState>
        </section>
      ) : null}
    </div>
  );
}
