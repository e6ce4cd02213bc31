import type { Shift } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import {
  type CellContext,
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { trpc } from '../../trpc.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { useFleetRefresh, useShifts } from './fleet-data.ts';
import { dayRange, localDay } from './fleet-forms.ts';
import {
  ColumnTitle,
  ConfirmDialog,
  type EditDeleteMeta,
  editDeleteColumn,
  FleetTable,
} from './fleet-ui.tsx';
import { ShiftDialog } from './ShiftDialog.tsx';

function TimeCell({ getValue }: CellContext<Shift, string>) {
  const { i18n } = useTranslation();
  return <>{formatDateTime(getValue(), i18n.language, 'short')}</>;
}

const column = createColumnHelper<Shift>();
const SHIFT_COLUMNS = [
  column.accessor((shift) => shift.driver.name, {
    id: 'driver',
    header: () => <ColumnTitle id="driver" />,
  }),
  column.accessor((shift) => shift.vehicle?.plate ?? '', {
    id: 'vehicle',
    header: () => <ColumnTitle id="vehicle" />,
  }),
  column.accessor('startsAt', { header: () => <ColumnTitle id="startsAt" />, cell: TimeCell }),
  column.accessor('endsAt', { header: () => <ColumnTitle id="endsAt" />, cell: TimeCell }),
];
const EDITABLE_COLUMNS = [...SHIFT_COLUMNS, editDeleteColumn<Shift>()];

/** The shifts of one day (`?day=2026-11-25`, today by default) in the browser's time zone. */
export function ShiftsTab({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation('fleet');
  const dayId = useId();
  const [params, setParams] = useSearchParams();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '')
    ? (params.get('day') as string)
    : localDay(new Date());
  const range = useMemo(() => dayRange(day), [day]);
  const query = useShifts(range);
  const refresh = useFleetRefresh();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'startsAt', desc: false }]);
  const [editing, setEditing] = useState<Shift | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Shift | null>(null);
  const remove = useMutation(
    trpc.shifts.delete.mutationOptions({
      onSuccess: () => void refresh().then(() => setDeleting(null)),
    }),
  );
  const data = useMemo(() => query.data ?? [], [query.data]);
  const meta = useMemo<EditDeleteMeta<Shift>>(
    () => ({
      nameOf: (shift) => shift.driver.name,
      onEdit: setEditing,
      onDelete: (shift) => {
        remove.reset();
        setDeleting(shift);
      },
    }),
    [remove.reset],
  );
  const table = useReactTable({
    data,
    columns: editable ? EDITABLE_COLUMNS : SHIFT_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (shift) => shift.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  const at = (iso: string) => formatDateTime(iso, i18n.language, 'short');
  return (
    <section className="panel fleet-panel" aria-label={t('tab.shifts')}>
      <div className="toolbar">
        <label htmlFor={dayId}>{t('field.day')}</label>
        <input
          id={dayId}
          type="date"
          name="day"
          value={day}
          onChange={(event) => {
            if (event.target.value) setParams({ day: event.target.value }, { replace: true });
          }}
        />
        <span className="hint">{t('count', { count: data.length })}</span>
        {editable ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('action.planShift')}
          </button>
        ) : null}
      </div>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={t('noShifts')}>
        {() => (
          <FleetTable
            table={table}
            testId="fleet-shifts"
            rowProps={(shift) => ({ 'data-shift-id': shift.id, 'data-driver': shift.driver.name })}
          />
        )}
      </QueryState>
      {editing ? (
        <ShiftDialog
          shift={editing === 'new' ? null : editing}
          day={day}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('deleteShift.title')}
          body={t('deleteShift.body', {
            driver: deleting.driver.name,
            startsAt: at(deleting.startsAt),
            endsAt: at(deleting.endsAt),
          })}
          confirmLabel={t('action.confirmDelete')}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(null)}
          error={remove.error}
          isPending={remove.isPending}
        />
      ) : null}
    </section>
  );
}
