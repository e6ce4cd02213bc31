import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { flexRender, type Row, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SortableHeader } from '../../ui/sortable-header.tsx';

const ROW_HEIGHT = 37;

/**
 * The reference (each row's handle) stays at the left edge and the actions at the right
 * while the columns between scroll sideways, so a narrow screen keeps both in reach.
 */
export function pinClass(columnId: string): string | undefined {
  if (columnId === 'reference') return 'dispatch-pin-start';
  if (columnId === 'actions') return 'dispatch-pin-end';
  return undefined;
}

function GroupRow({ row, span }: { row: Row<DispatchJob>; span: number }) {
  const { t } = useTranslation('dispatch');
  const status = row.groupingValue as DispatchJobStatus;
  const group = t(`status.${status}`);
  const expanded = row.getIsExpanded();
  return (
    <tr className="dispatch-group-row" data-group={status}>
      <td colSpan={span}>
        <button
          type="button"
          className="dispatch-link"
          aria-expanded={expanded}
          aria-label={t(expanded ? 'action.collapse' : 'action.expand', { group })}
          onClick={row.getToggleExpandedHandler()}
        >
          {expanded ? '▾' : '▸'} {group} ({row.subRows.length})
        </button>
      </td>
    </tr>
  );
}

/**
 * The jobs as a table whose body is virtualised: only the rows in view (and a few around)
 * are in the DOM, so thousands of jobs scroll smoothly. Group rows (by status) toggle open.
 */
export function JobsTable({
  table,
  flashIds,
}: {
  table: Table<DispatchJob>;
  flashIds: ReadonlySet<string>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const span = table.getVisibleLeafColumns().length;
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="dispatch-scroll" ref={scrollRef} data-testid="jobs-table">
      <table className="data-table dispatch-table">
        <thead>
          {table.getHeaderGroups().map((headerGroup) => (
            <tr key={headerGroup.id}>
              {headerGroup.headers.map((header) => (
                <SortableHeader
                  key={header.id}
                  header={header}
                  className={pinClass(header.column.id)}
                  buttonClassName="dispatch-sort"
                />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 ? (
            <tr className="dispatch-spacer">
              <td colSpan={span} style={{ height: before, padding: 0, border: 0 }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            if (row.getIsGrouped()) return <GroupRow key={row.id} row={row} span={span} />;
            return (
              <tr
                key={row.id}
                data-job-id={row.original.id}
                data-reference={row.original.reference}
                className={flashIds.has(row.original.id) ? 'dispatch-flash' : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={pinClass(cell.column.id)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
          {after > 0 ? (
            <tr className="dispatch-spacer">
              <td colSpan={span} style={{ height: after, padding: 0, border: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
