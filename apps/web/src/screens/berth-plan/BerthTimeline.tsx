import type { BerthPlan } from '@harbor/shared';
import { type PointerEvent, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import {
  layoutLanes,
  nowPosition,
  type PeriodDays,
  type PlanBar,
  spanIn,
  timeTicks,
} from './layout.ts';
import { draggedStay, isMovable, type MoveDraft, previewConflicts, vesselName } from './move.ts';

const ROW_PX = 26;
/** A press that moves less than this is a click, not a drag. */
const DRAG_PX = 4;

export type TimelineActions = {
  selectedId: string | null;
  onOpen: (visitId: string) => void;
  /** Set when the user may move visits: a drag shows `draft` and drops into `onDrop`. */
  canMove: boolean;
  draft: MoveDraft | null;
  onDrag: (draft: MoveDraft | null) => void;
  onDrop: (draft: MoveDraft) => void;
};

/** The berth plan as a timeline: a lane per berth, a bar per visit, the "now" line. */
export function BerthTimeline({
  plan,
  window,
  days,
  now,
  actions,
}: {
  plan: BerthPlan;
  window: { from: Date; to: Date };
  days: PeriodDays;
  now: Date;
  actions?: TimelineActions;
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
  const draft = actions?.draft ?? null;
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
          <div
            className="berth-plan-track"
            data-berth-id={lane.berthId}
            style={{ minHeight: lane.rows * ROW_PX + 8 }}
          >
            {ticks.map((tick) => (
              <span
                key={tick.at.getTime()}
                className={tick.isDayStart ? 'berth-plan-grid berth-plan-day' : 'berth-plan-grid'}
                style={{ left: `${tick.left}%` }}
              />
            ))}
            {lane.bars.map((bar) => (
              <VisitBar key={bar.visit.id} bar={bar} window={window} actions={actions} />
            ))}
            {draft?.berthId === lane.berthId ? (
              <DraftBar plan={plan} draft={draft} window={window} />
            ) : null}
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

/**
 * Where a dragged visit would go, with how many conflicts it would have there: its span over
 * the whole lane, on top of the bars. Not a row of its own: a lane that grew to hold it moved
 * every lane below it under the pointer, the one being aimed at too.
 */
function DraftBar({
  plan,
  draft,
  window,
}: {
  plan: BerthPlan;
  draft: MoveDraft;
  window: { from: Date; to: Date };
}) {
  const { t } = useTranslation('berthPlan');
  const span = spanIn(draft.start, draft.end, window);
  if (!span) return null;
  const conflicts = previewConflicts(plan, draft).length;
  return (
    <div
      className={conflicts ? 'berth-plan-draft berth-plan-conflict' : 'berth-plan-draft'}
      style={{ left: `${span.left}%`, width: `${span.width}%` }}
      data-testid="move-preview"
      data-conflicts={conflicts}
    >
      {conflicts ? `⚠ ${t('conflictCount', { count: conflicts })}` : t('move.fits')}
    </div>
  );
}

type Drag = { x: number; y: number; isMoving: boolean; draft: MoveDraft | null };

function VisitBar({
  bar,
  window,
  actions,
}: {
  bar: PlanBar;
  window: { from: Date; to: Date };
  actions: TimelineActions | undefined;
}) {
  const { t, i18n } = useTranslation('berthPlan');
  const drag = useRef<Drag | null>(null);
  const { visit } = bar;
  const name = vesselName(visit);
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const label = [
    name,
    visit.voyageNumber,
    t(`status.${visit.status}`),
    `${time(visit.windowStart)} – ${time(visit.windowEnd)}`,
    visit.isActual ? t('actual') : t('planned'),
    bar.hasConflict ? t('conflictCount', { count: visit.conflicts.length }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const canDrag = Boolean(actions?.canMove) && isMovable(visit);
  const classes = [
    'berth-plan-bar',
    visit.isActual ? 'berth-plan-actual' : 'berth-plan-planned',
    bar.hasConflict ? 'berth-plan-conflict' : '',
    bar.clippedStart ? 'berth-plan-clip-start' : '',
    bar.clippedEnd ? 'berth-plan-clip-end' : '',
    canDrag ? 'berth-plan-movable' : '',
    actions?.selectedId === visit.id ? 'berth-plan-selected' : '',
    actions?.draft?.visitId === visit.id ? 'berth-plan-moving' : '',
  ];
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const current = drag.current;
    const track = event.currentTarget.parentElement;
    if (!current || !track || !actions) return;
    const dx = event.clientX - current.x;
    if (!current.isMoving && Math.hypot(dx, event.clientY - current.y) < DRAG_PX) return;
    current.isMoving = true;
    const lane = document
      .elementsFromPoint(event.clientX, event.clientY)
      .map((element) => element.closest<HTMLElement>('[data-berth-id]'))
      .find(Boolean);
    const berthId = lane?.dataset.berthId ?? current.draft?.berthId;
    if (!berthId) return;
    const stay = draggedStay(visit, dx, track.getBoundingClientRect().width, window);
    current.draft = { visitId: visit.id, berthId, ...stay };
    actions.onDrag(current.draft);
  };
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      style={{ left: `${bar.left}%`, width: `${bar.width}%`, top: bar.row * ROW_PX + 4 }}
      data-visit-id={visit.id}
      data-conflict={bar.hasConflict}
      data-status={visit.status}
      aria-label={label}
      aria-haspopup="dialog"
      aria-pressed={actions ? actions.selectedId === visit.id : undefined}
      title={label}
      onClick={() => {
        // The click that ends a drag does not also open the visit: the drop has.
        if (drag.current?.isMoving) return;
        actions?.onOpen(visit.id);
      }}
      onPointerDown={(event) => {
        if (!canDrag || event.button !== 0) return;
        drag.current = { x: event.clientX, y: event.clientY, isMoving: false, draft: null };
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={onPointerMove}
      onPointerUp={() => {
        const done = drag.current;
        if (done?.isMoving && done.draft) actions?.onDrop(done.draft);
        // Cleared after the click that follows the pointerup has been dispatched.
        setTimeout(() => {
          drag.current = null;
        });
      }}
      onPointerCancel={() => {
        drag.current = null;
        actions?.onDrag(null);
      }}
    >
      {bar.hasConflict ? <span aria-hidden="true">⚠ </span> : null}
      {name}
    </button>
  );
}
