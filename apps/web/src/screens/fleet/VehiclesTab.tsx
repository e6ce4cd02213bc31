import { type Vehicle, type VehicleStatus, VehicleStatusSchema } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import {
  type CellContext,
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { QueryState } from '../../ui/states.tsx';
import { useFleetRefresh, useVehicles } from './fleet-data.ts';
import { localModel, MANUAL_STATUSES } from './fleet-forms.ts';
import { ColumnTitle, FleetTable } from './fleet-ui.tsx';
import { VehicleDialog } from './VehicleDialog.tsx';

const STATUS_TONE: Record<VehicleStatus, '' | 'ok' | 'warn' | 'bad'> = {
  AVAILABLE: 'ok',
  ON_JOB: 'warn',
  OFF_DUTY: '',
  MAINTENANCE: 'bad',
};

type Meta = { editable: boolean; onEdit: (vehicle: Vehicle) => void };

function StatusCell({ row }: CellContext<Vehicle, unknown>) {
  const { t } = useTranslation('fleet');
  const { status } = row.original;
  return (
    <span
      className={`badge ${STATUS_TONE[status]}`}
      data-testid="vehicle-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </span>
  );
}

function ModelCell({ row }: CellContext<Vehicle, unknown>) {
  const { i18n } = useTranslation();
  return <>{localModel(row.original, i18n.language)}</>;
}

/** The manual status as a select that saves on change, and the edit button. */
function ActionsCell({ row, table }: CellContext<Vehicle, unknown>) {
  const { t } = useTranslation('fleet');
  const { onEdit } = table.options.meta as Meta;
  const refresh = useFleetRefresh();
  const vehicle = row.original;
  const update = useMutation(trpc.vehicles.update.mutationOptions({ onSuccess: refresh }));
  return (
    <span className="fleet-actions">
      <select
        aria-label={t('setStatus', { plate: vehicle.plate })}
        value={vehicle.manualStatus}
        disabled={update.isPending}
        onChange={(event) => {
          const status = VehicleStatusSchema.parse(event.target.value);
          update.mutate({ id: vehicle.id, status });
        }}
      >
        {MANUAL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`manualStatus.${status}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => onEdit(vehicle)}
        aria-label={t('action.editNamed', { name: vehicle.plate })}
      >
        {t('action.edit')}
      </button>
      {update.error ? (
        <span className="form-error" role="alert">
          <ErrorText error={update.error} />
        </span>
      ) : null}
    </span>
  );
}

const column = createColumnHelper<Vehicle>();
const VEHICLE_COLUMNS = [
  column.accessor('plate', { header: () => <ColumnTitle id="plate" /> }),
  column.accessor((vehicle) => vehicle.modelZh ?? vehicle.model ?? '', {
    id: 'model',
    header: () => <ColumnTitle id="model" />,
    cell: ModelCell,
  }),
  column.accessor((vehicle) => vehicle.vin ?? '', {
    id: 'vin',
    header: () => <ColumnTitle id="vin" />,
  }),
  column.accessor('status', { header: () => <ColumnTitle id="status" />, cell: StatusCell }),
  column.accessor((vehicle) => vehicle.terminalPhone ?? '', {
    id: 'terminalPhone',
    header: () => <ColumnTitle id="terminalPhone" />,
  }),
  column.accessor((vehicle) => vehicle.driver?.name ?? '', {
    id: 'driver',
    header: () => <ColumnTitle id="driver" />,
  }),
];
const ACTIONS = column.display({
  id: 'actions',
  header: () => <ColumnTitle id="actions" />,
  cell: ActionsCell,
});
const EDITABLE_COLUMNS = [...VEHICLE_COLUMNS, ACTIONS];

/** The company's vehicles: plate, model, VIN, derived status, terminal and driver. */
export function VehiclesTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation('fleet');
  const query = useVehicles();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'plate', desc: false }]);
  const [editing, setEditing] = useState<Vehicle | 'new' | null>(null);
  const data = useMemo(() => query.data ?? [], [query.data]);
  const meta = useMemo<Meta>(() => ({ editable, onEdit: setEditing }), [editable]);
  const table = useReactTable({
    data,
    columns: editable ? EDITABLE_COLUMNS : VEHICLE_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (vehicle) => vehicle.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <section className="panel fleet-panel" aria-label={t('tab.vehicles')}>
      <div className="toolbar">
        <span className="hint">{t('count', { count: data.length })}</span>
        {editable ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('action.addVehicle')}
          </button>
        ) : null}
      </div>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={t('noVehicles')}>
        {() => (
          <FleetTable
            table={table}
            testId="fleet-vehicles"
            rowProps={(vehicle) => ({ 'data-plate': vehicle.plate, 'data-vehicle-id': vehicle.id })}
          />
        )}
      </QueryState>
      {editing ? (
        <VehicleDialog
          vehicle={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
