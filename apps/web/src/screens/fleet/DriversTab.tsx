import type { Driver } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import {
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { DriverDialog } from './DriverDialog.tsx';
import { useDrivers, useFleetRefresh } from './fleet-data.ts';
import {
  ColumnTitle,
  ConfirmDialog,
  type EditDeleteMeta,
  editDeleteColumn,
  FleetTable,
} from './fleet-ui.tsx';

const column = createColumnHelper<Driver>();
const DRIVER_COLUMNS = [
  column.accessor('name', { header: () => <ColumnTitle id="name" /> }),
  column.accessor((driver) => driver.phone ?? '', {
    id: 'phone',
    header: () => <ColumnTitle id="phone" />,
  }),
  column.accessor((driver) => driver.licenseNumber ?? '', {
    id: 'licenseNumber',
    header: () => <ColumnTitle id="licenseNumber" />,
  }),
  column.accessor((driver) => driver.currentVehicle?.plate ?? '', {
    id: 'vehicle',
    header: () => <ColumnTitle id="vehicle" />,
  }),
];
const EDITABLE_COLUMNS = [...DRIVER_COLUMNS, editDeleteColumn<Driver>()];

/** The company's drivers and the vehicle each is assigned to. */
export function DriversTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation('fleet');
  const query = useDrivers();
  const refresh = useFleetRefresh();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [editing, setEditing] = useState<Driver | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Driver | null>(null);
  const remove = useMutation(
    trpc.drivers.delete.mutationOptions({
      onSuccess: () => void refresh().then(() => setDeleting(null)),
    }),
  );
  const data = useMemo(() => query.data ?? [], [query.data]);
  const meta = useMemo<EditDeleteMeta<Driver>>(
    () => ({
      nameOf: (driver) => driver.name,
      onEdit: setEditing,
      onDelete: (driver) => {
        remove.reset();
        setDeleting(driver);
      },
    }),
    [remove.reset],
  );
  const table = useReactTable({
    data,
    columns: editable ? EDITABLE_COLUMNS : DRIVER_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (driver) => driver.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <section className="panel fleet-panel" aria-label={t('tab.drivers')}>
      <div className="toolbar">
        <span className="hint">{t('count', { count: data.length })}</span>
        {editable ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('action.addDriver')}
          </button>
        ) : null}
      </div>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={t('noDrivers')}>
        {() => (
          <FleetTable
            table={table}
            testId="fleet-drivers"
            rowProps={(driver) => ({ 'data-driver-id': driver.id, 'data-name': driver.name })}
          />
        )}
      </QueryState>
      {editing ? (
        <DriverDialog
          driver={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('deleteDriver.title', { name: deleting.name })}
          body={t('deleteDriver.body')}
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
