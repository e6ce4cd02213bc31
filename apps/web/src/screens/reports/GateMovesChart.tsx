import type { GateMoves } from '@harbor/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { barHeight, countScale, labelEvery, movesPerHour } from './chart-scale.ts';

const WIDTH = 760;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 44, left: 44 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** Gate moves per hour as stacked bars (gate in below, gate out above), in local hours. */
export function GateMovesChart({ moves }: { moves: GateMoves }) {
  const { t, i18n } = useTranslation('reports');
  const hours = useMemo(() => movesPerHour(moves), [moves]);
  const max = Math.max(0, ...hours.map((hour) => hour.gateIn + hour.gateOut));
  const scale = countScale(max);
  const slot = hours.length > 0 ? PLOT_W / hours.length : PLOT_W;
  const barWidth = Math.max(1, slot * 0.75);
  const every = labelEvery(hours.length, 8);
  const hourLabel = new Intl.DateTimeFormat(i18n.language, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const y = (value: number) => MARGIN.top + PLOT_H - barHeight(value, scale.top, PLOT_H);
  return (
    <figure className="reports-chart" data-testid="gate-moves-chart">
      <figcaption>
        {t('gateMoves.title')}{' '}
        <span className="reports-legend reports-in">{t('gateMoves.in')}</span>
        <span className="reports-legend reports-out">{t('gateMoves.out')}</span>
      </figcaption>
      {max === 0 ? <p className="hint">{t('gateMoves.empty')}</p> : null}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('gateMoves.title')}>
        {scale.ticks.map((tick) => (
          <g key={tick} className="reports-axis">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">
              {formatNumber(tick, i18n.language)}
            </text>
          </g>
        ))}
        {hours.map((hour, index) => {
          const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
          const inHeight = barHeight(hour.gateIn, scale.top, PLOT_H);
          const outHeight = barHeight(hour.gateOut, scale.top, PLOT_H);
          const base = MARGIN.top + PLOT_H;
          return (
            <g key={hour.hour} data-hour={hour.hour}>
              <title>
                {t('gateMoves.tooltip', {
                  time: formatDateTime(hour.hour, i18n.language),
                  gateIn: formatNumber(hour.gateIn, i18n.language),
                  gateOut: formatNumber(hour.gateOut, i18n.language),
                })}
              </title>
              <rect
                className="reports-in"
                x={x}
                y={base - inHeight}
                width={barWidth}
                height={inHeight}
              />
              <rect
                className="reports-out"
                x={x}
                y={base - inHeight - outHeight}
                width={barWidth}
                height={outHeight}
              />
              {/* a full-height target so the tooltip shows on empty hours too */}
              <rect x={x} y={MARGIN.top} width={barWidth} height={PLOT_H} fill="transparent" />
              {index % every === 0 ? (
                <text
                  className="reports-axis"
                  x={x + barWidth / 2}
                  y={base + 16}
                  textAnchor="middle"
                >
                  {hourLabel.format(new Date(hour.hour))}
                </text>
              ) : null}
            </g>
          );
        })}
        <line
          className="reports-baseline"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + PLOT_H}
          y2={MARGIN.top + PLOT_H}
        />
        <text
          className="reports-axis"
          x={12}
          y={MARGIN.top + PLOT_H / 2}
          transform={`rotate(-90 12 ${MARGIN.top + PLOT_H / 2})`}
          textAnchor="middle"
        >
          {t('gateMoves.axis')}
        </text>
      </svg>
    </figure>
  );
}
