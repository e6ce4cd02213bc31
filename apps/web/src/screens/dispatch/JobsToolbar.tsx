import { type DispatchJob, DispatchJobStatusSchema } from '@harbor/shared';
import type { Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { type BoardState, JOB_COLUMN_IDS } from './board-url.ts';

/** Every column but the reference (each row's handle) may be hidden. */
const HIDEABLE_COLUMNS = JOB_COLUMN_IDS.filter((id) => id !== 'reference');

/** The jobs' text and status filters, grouping switch and column menu (all kept in the URL). */
export function JobsToolbar({
  board,
  update,
  table,
  children,
}: {
  board: BoardState;
  update: (patch: Partial<BoardState>) => void;
  table: Table<DispatchJob>;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation('dispatch');
  const shown = table.getFilteredRowModel().rows.length;
  const isTable = board.view === 'table';
  return (
    <div className="toolbar">
      <h1>{t('title')}</h1>
      <fieldset className="dispatch-views">
        <legend className="visually-hidden">{t('view.label')}</legend>
        {(['table', 'kanban'] as const).map((view) => (
          <button
            key={view}
            type="button"
            aria-pressed={board.view === view}
            onClick={() => update({ view })}
          >
            {t(`view.${view}`)}
          </button>
        ))}
      </fieldset>
      <input
        type="search"
        aria-label={t('filter.search')}
        placeholder={t('filter.search')}
        value={board.search}
        maxLength={40}
        onChange={(event) => update({ search: event.target.value })}
      />
      <select
        aria-label={t('filter.status')}
        value={board.status ?? ''}
        onChange={(event) => {
          const parsed = DispatchJobStatusSchema.safeParse(event.target.value);
          update({ status: parsed.success ? parsed.data : null });
        }}
      >
        <option value="">{t('filter.all')}</option>
        {DispatchJobStatusSchema.options.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
      {isTable ? (
        <>
          <label className="dispatch-check">
            <input
              type="checkbox"
              checked={board.groupByStatus}
              onChange={(event) => update({ groupByStatus: event.target.checked })}
            />
            {t('filter.group')}
          </label>
          <details className="dispatch-menu">
            <summary>{t('filter.columns')}</summary>
            <div className="dispatch-menu-list panel">
              {HIDEABLE_COLUMNS.map((id) => (
                <label key={id} className="dispatch-check">
                  <input
                    type="checkbox"
                    checked={!board.hidden.includes(id)}
                    onChange={(event) =>
                      update({
                        hidden: event.target.checked
                          ? board.hidden.filter((hidden) => hidden !== id)
                          : [...board.hidden, id],
                      })
                    }
                  />
                  {t(`column.${id}`)}
                </label>
              ))}
            </div>
          </details>
        </>
      ) : null}
      <span className="hint" aria-live="polite">
        {t('jobCount', { count: shown })}
      </span>
      <span className="spacer" />
      {children}
    </div>
  );
}
