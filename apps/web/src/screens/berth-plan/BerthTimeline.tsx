import type { BerthPlan } from '@harbor/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { layoutLanes, nowPosition, type PeriodDays, type PlanBar, timeTicks } from './layout.ts';

const ROW_PX = 26;

/** The berth plan as a timeline: a lane per berth, a bar per visit, the "now" line. */
export function BerthTimeline({
  plan,
  window,
  days,
  now,
}: {
  plan: BerthPlan;
  window: { from: Date; to: Date };
  days: PeriodDays;
  now: Date;
}) {
  const { t, i18n } = useTranslation('berthPlan');
  const lanes = useMemo(() => layoutLanes(plan, window), [plan, window]);
  const ticks = useMemo(() => timeTicks(window, days), [window, days]);
  const nowAt = nowPosition(now, window);
  // A week labels only its days; shorter periods their hours (with the date over 3 days).
  const tickLabel = new Intl.DateTimeFormat(
    i18n.language,
    days === 7
      ? { month: 'numeric', day: 'numeric', weekday: 'short' }
      : {
          month: days === 1 ? undefined : 'numeric',
          day: days === 1 ? undefined : 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        },
  );
  const labelled = days === 7 ? ticks.filter((tick) => tick.isDayStart) : ticks;
  return (
    <div className="berth-plan" data-testid="berth-plan">
      <div className="berth-plan-axis">
        <div className="berth-plan-label" />
        <div className="berth-plan-track">
          {labelled.map((tick) => (
            <span
              key={tick.at.getTime()}
              className={tick.isDayStart ? 'berth-plan-tick berth-plan-day' : 'berth-plan-tick'}
              style={{
                left: `${tick.left}%`,
                transform: `translateX(${tick.left === 0 ? 0 : tick.left === 100 ? -100 : -50}%)`,
              }}
            >
              {tickLabel.format(tick.at)}
            </span>
          ))}
        </div>
      </div>
      {lanes.map((lane) => (
        <div key={lane.berthId} className="berth-plan-lane" data-berth={lane.code}>
          <div className="berth-plan-label">
            <strong>{lane.code}</strong>
            <span className="hint">
              {t('berthSize', {
                length: formatNumber(lane.lengthM, i18n.language),
                depth: formatNumber(lane.depthM, i18n.language, 1),
              })}
            </span>
          </div>
          <div className="berth-plan-track" style={{ minHeight: lane.rows * ROW_PX + 8 }}>
            {ticks.map((tick) => (
              <span
                key={tick.at.getTime()}
                className={tick.isDayStart ? 'berth-plan-grid berth-plan-day' : 'berth-plan-grid'}
                style={{ left: `${tick.left}%` }}
              />
            ))}
            {lane.bars.map((bar) => (
              <VisitBar key={bar.visit.id} bar={bar} />
            ))}
            {nowAt === null ? null : (
              <span
                className="berth-plan-now"
                style={{ left: `${nowAt}%` }}
                title={t('now', { time: formatDateTime(now.toISOString(), i18n.language) })}
              />
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

function VisitBar({ bar }: { bar: PlanBar }) {
  const { t, i18n } = useTranslation('berthPlan');
  const { visit } = bar;
  const name = visit.vessel.name ?? String(visit.vessel.mmsi);
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const title = [
    `${name} (${visit.voyageNumber ?? '—'}) · ${t(`status.${visit.status}`)}`,
    `${time(visit.windowStart)} – ${time(visit.windowEnd)}`,
    visit.isActual ? t('actual') : t('planned'),
    bar.conflictText,
  ]
    .filter(Boolean)
    .join('\n');
  const classes = [
    'berth-plan-bar',
    visit.isActual ? 'berth-plan-actual' : 'berth-plan-planned',
    bar.hasConflict ? 'berth-plan-conflict' : '',
    bar.clippedStart ? 'berth-plan-clip-start' : '',
    bar.clippedEnd ? 'berth-plan-clip-end' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      style={{ left: `${bar.left}%`, width: `${bar.width}%`, top: bar.row * ROW_PX + 4 }}
      data-visit-id={visit.id}
      data-conflict={bar.hasConflict}
      data-status={visit.status}
      title={title}
    >
      {bar.hasConflict ? (
        <>
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">{t('conflict')}: </span>
        </>
      ) : null}
      {name}
    </div>
  );
}
