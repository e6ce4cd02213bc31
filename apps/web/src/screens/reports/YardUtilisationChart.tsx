import type { YardUtilisation } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../ui/format.ts';

const WIDTH = 760;
const ROW = 28;
const MARGIN = { top: 8, right: 56, bottom: 28, left: 72 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Yard utilisation per terminal as horizontal bars (occupied share of the 20-ft slots). */
export function YardUtilisationChart({ terminals }: { terminals: YardUtilisation }) {
  const { t, i18n } = useTranslation('reports');
  const plotH = terminals.length * ROW;
  const height = MARGIN.top + plotH + MARGIN.bottom;
  const x = (ratio: number) => MARGIN.left + Math.min(Math.max(ratio, 0), 1) * PLOT_W;
  return (
    <figure className="reports-chart" data-testid="yard-utilisation-chart">
      <figcaption>{t('yard.title')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('yard.title')}>
        {TICKS.map((tick) => (
          <g key={tick} className="reports-axis">
            <line x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={MARGIN.top + plotH} />
            <text x={x(tick)} y={MARGIN.top + plotH + 18} textAnchor="middle">
              {formatPercent(tick, i18n.language)}
            </text>
          </g>
        ))}
        {terminals.map((terminal, index) => {
          const top = MARGIN.top + index * ROW + 4;
          const tone = terminal.ratio >= 0.9 ? 'bad' : terminal.ratio >= 0.75 ? 'warn' : 'ok';
          return (
            <g key={terminal.terminalId} data-terminal={terminal.terminalCode}>
              <title>
                {t('yard.tooltip', {
                  terminal: terminal.terminalCode,
                  occupied: formatNumber(terminal.occupiedSlots, i18n.language),
                  capacity: formatNumber(terminal.capacitySlots, i18n.language),
                  containers: formatNumber(terminal.containers, i18n.language),
                  teu: formatNumber(terminal.teu, i18n.language, 2),
                })}
              </title>
              <text x={MARGIN.left - 8} y={top + 15} textAnchor="end" className="reports-label">
                {terminal.terminalCode}
              </text>
              <rect className="reports-track" x={x(0)} y={top} width={PLOT_W} height={ROW - 8} />
              <rect
                className={`reports-bar-${tone}`}
                x={x(0)}
                y={top}
                width={x(terminal.ratio) - x(0)}
                height={ROW - 8}
              />
              <text x={x(1) + 6} y={top + 15} className="reports-label">
                {formatPercent(terminal.ratio, i18n.language)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
