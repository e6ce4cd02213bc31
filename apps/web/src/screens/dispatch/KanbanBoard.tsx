import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalTime } from './format.ts';
import { LateBadge } from './jobs-columns.tsx';
import { CARDS_PER_COLUMN, canMove, kanbanColumns, nextStatus } from './kanban.ts';
import type { Lateness } from './lateness.ts';

type Props = {
  jobs: readonly DispatchJob[];
  canEdit: boolean;
  latenessOf: (job: DispatchJob) => Lateness;
  onOpen: (job: DispatchJob) => void;
  /** Asks to move a job to a status: the board opens the same dialog the table does. */
  onMove: (job: DispatchJob, to: DispatchJobStatus) => void;
};

const DRAG_TYPE = 'application/x-harbor-job';

function Card({
  job,
  canEdit,
  lateness,
  onOpen,
  onMove,
  onDrag,
}: {
  job: DispatchJob;
  canEdit: boolean;
  lateness: Lateness;
  onOpen: () => void;
  onMove: (to: DispatchJobStatus) => void;
  onDrag: (job: DispatchJob | null) => void;
}) {
  const { t, i18n } = useTranslation('dispatch');
  const next = canEdit ? nextStatus(job.status) : null;
  const time = (iso: string) => formatLocalTime(iso, i18n.language);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, job.id);
    event.dataTransfer.effectAllowed = 'move';
    onDrag(job);
  };
  return (
    <li
      className="dispatch-card"
      data-job-id={job.id}
      data-reference={job.reference}
      draggable={canEdit}
      onDragStart={canEdit ? onDragStart : undefined}
      onDragEnd={() => onDrag(null)}
    >
      <span className="dispatch-card-head">
        <button
          type="button"
          className="dispatch-link"
          aria-label={t('action.open', { reference: job.reference })}
          onClick={onOpen}
        >
          {job.reference}
        </button>
        <LateBadge lateness={lateness} />
      </span>
      <span>{job.vehicle?.plate ?? '—'}</span>
      <span className="hint">
        {time(job.windowStart)} – {time(job.windowEnd)}
      </span>
      {next ? (
        <button
          type="button"
          className="dispatch-next"
          aria-label={t('kanban.next', {
            reference: job.reference,
            status: t(`status.${next}`),
          })}
          onClick={() => onMove(next)}
        >
          {t('kanban.nextShort', { status: t(`status.${next}`) })}
        </button>
      ) : null}
    </li>
  );
}

/**
 * The jobs as cards in a column per status. A card moves on with its button (the next
 * status) or by dragging it to a column the state machine allows; either opens the same
 * dialog as the table (assign for a truck, the status dialog otherwise), so the api's
 * workflow decides.
 */
export function KanbanBoard({ jobs, canEdit, latenessOf, onOpen, onMove }: Props) {
  const { t } = useTranslation('dispatch');
  const [dragged, setDragged] = useState<DispatchJob | null>(null);
  const [target, setTarget] = useState<DispatchJobStatus | null>(null);
  const columns = kanbanColumns(jobs);
  const drop = (status: DispatchJobStatus) => (event: DragEvent) => {
    event.preventDefault();
    setTarget(null);
    if (dragged && canMove(dragged.status, status)) onMove(dragged, status);
    setDragged(null);
  };
  return (
    <section className="dispatch-kanban" aria-label={t('kanban.label')} data-testid="jobs-kanban">
      {columns.map(({ status, jobs: cards }) => {
        const allowed = dragged !== null && canMove(dragged.status, status);
        return (
          <section
            key={status}
            className={`dispatch-kanban-column${allowed && target === status ? ' is-target' : ''}`}
            data-status={status}
            aria-label={t(`status.${status}`)}
            onDragOver={(event) => {
              if (!allowed) return;
              event.preventDefault();
              setTarget(status);
            }}
            onDragLeave={() => setTarget(null)}
            onDrop={drop(status)}
          >
            <h2>
              {t(`status.${status}`)} ({cards.length})
            </h2>
            {cards.length === 0 ? <p className="hint">{t('kanban.empty')}</p> : null}
            <ul className="dispatch-kanban-cards">
              {cards.slice(0, CARDS_PER_COLUMN).map((job) => (
                <Card
                  key={job.id}
                  job={job}
                  canEdit={canEdit}
                  lateness={latenessOf(job)}
                  onOpen={() => onOpen(job)}
                  onMove={(to) => onMove(job, to)}
                  onDrag={setDragged}
                />
              ))}
            </ul>
            {cards.length > CARDS_PER_COLUMN ? (
              <p className="hint">{t('kanban.more', { count: cards.length - CARDS_PER_COLUMN })}</p>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
