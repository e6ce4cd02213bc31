import type { DispatchJob } from '@harbor/shared';
import {
  type ColumnFiltersState,
  type ExpandedState,
  getCoreRowModel,
  getExpandedRowModel,
  getFilteredRowModel,
  getGroupedRowModel,
  getSortedRowModel,
  type OnChangeFn,
  type SortingState,
  type Updater,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { type BoardState, JOB_COLUMN_IDS, type JobColumnId } from './board-url.ts';
import { JOB_COLUMNS, type JobsTableMeta } from './jobs-columns.tsx';

const resolve = <T>(updater: Updater<T>, current: T): T =>
  typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
const isColumn = (id: string): id is JobColumnId =>
  (JOB_COLUMN_IDS as readonly string[]).includes(id);
const getRowId = (job: DispatchJob) => job.id;

/** The jobs table, its sort, filters, grouping and visible columns driven by the board's URL state. */
export function useJobsTable(
  jobs: DispatchJob[] | undefined,
  board: BoardState,
  update: (patch: Partial<BoardState>) => void,
  meta: JobsTableMeta,
) {
  const data = useMemo(() => jobs ?? [], [jobs]);
  const [expanded, setExpanded] = useState<ExpandedState>(true);
  const sorting = useMemo<SortingState>(() => (board.sort ? [board.sort] : []), [board.sort]);
  const columnFilters = useMemo<ColumnFiltersState>(
    () => [
      ...(board.search.trim() ? [{ id: 'reference', value: board.search }] : []),
      ...(board.status ? [{ id: 'status', value: board.status }] : []),
    ],
    [board.search, board.status],
  );
  const grouping = useMemo(() => (board.groupByStatus ? ['status'] : []), [board.groupByStatus]);
  // Read-only users have no actions: the column goes too.
  const columnVisibility = useMemo<VisibilityState>(
    () => ({ ...Object.fromEntries(board.hidden.map((id) => [id, false])), actions: meta.canEdit }),
    [board.hidden, meta.canEdit],
  );
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const [first] = resolve(updater, sorting);
    update({ sort: first && isColumn(first.id) ? { id: first.id, desc: first.desc } : null });
  };
  const onColumnVisibilityChange: OnChangeFn<VisibilityState> = (updater) => {
    const next = resolve(updater, columnVisibility);
    update({ hidden: JOB_COLUMN_IDS.filter((id) => next[id] === false) });
  };
  return useReactTable({
    data,
    columns: JOB_COLUMNS,
    getRowId,
    meta,
    state: { sorting, columnFilters, grouping, columnVisibility, expanded },
    onSortingChange,
    onColumnVisibilityChange,
    onExpandedChange: setExpanded,
    groupedColumnMode: false,
    autoResetExpanded: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });
}
