import type { PortKpiFigures, PortKpis } from '@harbor/shared';
import {
  type CellContext,
  type ColumnFiltersState,
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../ui/format.ts';
import { SortableHeader } from '../../ui/sortable-header.tsx';
import { formatHours } from './kpi-period.ts';

/**
 * A line of the table: a terminal's day, a terminal's period (date null) or every terminal's
 * period (terminal null too). Totals are pinned below the days, whatever the sorting.
 */
type KpiLine = PortKpiFigures & {
  id: string;
  terminalId: string | null;
  terminalCode: string | null;
  date: string | null;
};

function linesOf(kpis: PortKpis): { days: KpiLine[]; totals: KpiLine[] } {
  return {
    days: kpis.rows.map((row) => ({ ...row, id: `${row.terminalId}:${row.date}` })),
    totals: [
      ...kpis.terminals.map((terminal) => ({
        ...terminal,
        id: `${terminal.terminalId}:period`,
        date: null,
      })),
      { ...kpis.total, id: 'total', terminalId: null, terminalCode: null, date: null },
    ],
  };
}

function Title({ id }: { id: string }) {
  const { t } = useTranslation('portKpis');
  return <>{t(`col.${id}`)}</>;
}

function TerminalCell({ row }: CellContext<KpiLine, unknown>) {
  const { t } = useTranslation('portKpis');
  return <>{row.original.terminalCode ?? t('allTerminals')}</>;
}

function DateCell({ row }: CellContext<KpiLine, unknown>) {
  const { t } = useTranslation('portKpis');
  return <>{row.original.date ?? t('periodTotal')}</>;
}

function CountCell({ getValue }: CellContext<KpiLine, number>) {
  const { i18n } = useTranslation();
  return <>{formatNumber(getValue(), i18n.language)}</>;
}

function HoursCell({ getValue }: CellContext<KpiLine, number | null>) {
  const { i18n } = useTranslation();
  return <>{formatHours(getValue(), i18n.language)}</>;
}

function ShareCell({ getValue }: CellContext<KpiLine, number | null>) {
  const { i18n } = useTranslation();
  return <>{formatPercent(getValue(), i18n.language)}</>;
}

function OnTimeCell({ row }: CellContext<KpiLine, number | null>) {
  const { t, i18n } = useTranslation('portKpis');
  const { onTimeCalls, scheduledCalls, onTimeShare } = row.original;
  return (
    <span title={t('onTimeOf', { onTime: onTimeCalls, scheduled: scheduledCalls })}>
      {formatPercent(onTimeShare, i18n.language)}
    </span>
  );
}

const column = createColumnHelper<KpiLine>();
const count = (key: 'arrivals' | 'berthings' | 'departures') =>
  column.accessor(key, { header: () => <Title id={key} />, cell: CountCell });
const KPI_COLUMNS = [
  column.accessor((line) => line.terminalCode ?? '', {
    id: 'terminal',
    header: () => <Title id="terminal" />,
    cell: TerminalCell,
    // The terminal chosen, by id; the all-terminals line belongs to none.
    filterFn: (row: Row<KpiLine>, _id, terminalId: string) =>
      row.original.terminalId === terminalId,
  }),
  column.accessor((line) => line.date ?? '', {
    id: 'date',
    header: () => <Title id="date" />,
    cell: DateCell,
  }),
  count('arrivals'),
  count('berthings'),
  column.accessor('meanAnchorageWaitHours', {
    header: () => <Title id="meanWait" />,
    cell: HoursCell,
  }),
  column.accessor('berthHours', { header: () => <Title id="berthHours" />, cell: HoursCell }),
  column.accessor('occupancy', { header: () => <Title id="occupancy" />, cell: ShareCell }),
  count('departures'),
  column.accessor('meanTurnaroundHours', {
    header: () => <Title id="meanTurnaround" />,
    cell: HoursCell,
  }),
  column.accessor('onTimeShare', { header: () => <Title id="onTime" />, cell: OnTimeCell }),
  column.accessor('meanAbsDeviationHours', {
    header: () => <Title id="deviation" />,
    cell: HoursCell,
  }),
];
const TEXT_COLUMNS = new Set(['terminal', 'date']);

function KpiRow({ row, className }: { row: Row<KpiLine>; className?: string }) {
  return (
    <tr data-line={row.id} className={className}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={TEXT_COLUMNS.has(cell.column.id) ? undefined : 'num'}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

/** Per terminal and day, then each terminal's and all terminals' totals; `terminalId` filters. */
export function PortKpisTable({ kpis, terminalId }: { kpis: PortKpis; terminalId: string | null }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const { days, totals } = useMemo(() => linesOf(kpis), [kpis]);
  const data = useMemo(() => [...days, ...totals], [days, totals]);
  const bottom = useMemo(() => totals.map((line) => line.id), [totals]);
  const columnFilters = useMemo<ColumnFiltersState>(
    () => (terminalId ? [{ id: 'terminal', value: terminalId }] : []),
    [terminalId],
  );
  const table = useReactTable({
    data,
    columns: KPI_COLUMNS,
    state: { sorting, columnFilters, rowPinning: { top: [], bottom } },
    onSortingChange: setSorting,
    getRowId: (line) => line.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    // A total of a terminal filtered out goes with it.
    keepPinnedRows: false,
  });
  return (
    <div className="port-kpis-table-wrap">
      <table className="data-table" data-testid="port-kpis-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader
                  key={header.id}
                  header={header}
                  className={TEXT_COLUMNS.has(header.id) ? undefined : 'num'}
                  buttonClassName="port-kpis-sort"
                />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getCenterRows().map((row) => (
            <KpiRow key={row.id} row={row} />
          ))}
        </tbody>
        <tfoot>
          {table.getBottomRows().map((row) => (
            <KpiRow key={row.id} row={row} className="port-kpis-total" />
          ))}
        </tfoot>
      </table>
    </div>
  );
}
