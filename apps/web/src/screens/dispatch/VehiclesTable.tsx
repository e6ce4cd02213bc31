import { type Vehicle, type VehicleStatus, VehicleStatusSchema } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import {
  type CellContext,
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { itemsOf, loadEveryPage } from '../../every-page.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { SortableHeader } from '../../ui/sortable-header.tsx';
import { QueryState } from '../../ui/states.tsx';
import { formatLocalTime } from './format.ts';

const STATUS_TONE: Record<VehicleStatus, '' | 'ok' | 'warn' | 'bad'> = {
  AVAILABLE: 'ok',
  ON_JOB: 'warn',
  OFF_DUTY: '',
  MAINTENANCE: 'bad',
};

function Title({ id }: { id: string }) {
  const { t } = useTranslation('dispatch');
  return <>{t(`column.${id}`)}</>;
}

function StatusCell({ row }: CellContext<Vehicle, unknown>) {
  const { t } = useTranslation('dispatch');
  const status = row.original.status;
  return (
    <span
      className={`badge ${STATUS_TONE[status]}`}
      data-testid="vehicle-status"
      data-status={status}
    >
      {t(`vehicleStatus.${status}`)}
    </span>
  );
}

function FixCell({ getValue }: CellContext<Vehicle, string>) {
  const { i18n } = useTranslation();
  return <>{formatLocalTime(getValue(), i18n.language)}</>;
}

const column = createColumnHelper<Vehicle>();
const VEHICLE_COLUMNS = [
  column.accessor('plate', { header: () => <Title id="plate" /> }),
  column.accessor('status', { header: () => <Title id="status" />, cell: StatusCell }),
  column.accessor((vehicle) => vehicle.driver?.name ?? '', {
    id: 'driver',
    header: () => <Title id="driver" />,
  }),
  column.accessor((vehicle) => vehicle.currentJob?.reference ?? '', {
    id: 'currentJob',
    header: () => <Title id="currentJob" />,
  }),
  column.accessor((vehicle) => vehicle.terminalPhone ?? '', {
    id: 'terminalPhone',
    header: () => <Title id="terminalPhone" />,
  }),
  column.accessor((vehicle) => vehicle.position?.fixAt ?? '', {
    id: 'lastFix',
    header: () => <Title id="lastFix" />,
    cell: FixCell,
  }),
];

/** The company's trucks (port staff: every fleet) with their derived status, refreshed every 30 s. */
export function VehiclesTable({
  status,
  onStatusChange,
}: {
  status: VehicleStatus | null;
  onStatusChange: (status: VehicleStatus | null) => void;
}) {
  const { t } = useTranslation('dispatch');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'plate', desc: false }]);
  const input = { limit: 500, status: status ?? undefined };
  const query = useQuery({
    queryKey: trpc.vehicles.list.infiniteQueryKey(input),
    queryFn: () => loadEveryPage((cursor) => trpcClient.vehicles.list.query({ ...input, cursor })),
    select: itemsOf,
    refetchInterval: 30_000,
  });
  const data = useMemo(() => query.data ?? [], [query.data]);
  const table = useReactTable({
    data,
    columns: VEHICLE_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (vehicle) => vehicle.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <section className="panel dispatch-vehicles">
      <div className="toolbar">
        <h2>{t('vehicles')}</h2>
        <select
          aria-label={t('filter.vehicleStatus')}
          value={status ?? ''}
          onChange={(event) => {
            const parsed = VehicleStatusSchema.safeParse(event.target.value);
            onStatusChange(parsed.success ? parsed.data : null);
          }}
        >
          <option value="">{t('filter.all')}</option>
          {VehicleStatusSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`vehicleStatus.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryState
        query={query}
        isEmpty={(vehicles) => vehicles.length === 0}
        empty={t('noVehicles')}
      >
        {() => (
          <div className="dispatch-scroll" data-testid="vehicles-table">
            <table className="data-table">
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => (
                      <SortableHeader
                        key={header.id}
                        header={header}
                        buttonClassName="dispatch-sort"
                      />
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr
                    key={row.id}
                    data-vehicle-id={row.original.id}
                    data-plate={row.original.plate}
                    data-status={row.original.status}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
