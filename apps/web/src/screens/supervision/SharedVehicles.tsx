import type { SupervisionLink, Vehicle } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import {
  type CellContext,
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type HeaderContext,
  type RowSelectionState,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpcClient } from '../../trpc.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { QueryState } from '../../ui/states.tsx';
import { useCompanyVehicles, useSetLink } from './supervision-data.ts';

/** A vehicle as this table shows it: shared with the platform or not, its exchange stopped. */
type VehicleRow = {
  id: string;
  plate: string;
  model: string;
  shared: boolean;
  stopped: boolean;
};

/** The most vehicles `supervision.share` takes at once (ShareVehiclesInput). */
const SHARE_BATCH = 5_000;

/** The model in the user's language: the Chinese form in zh-CN where there is one. */
const localModel = (vehicle: Pick<Vehicle, 'model' | 'modelZh'>, language: string) =>
  (language === 'zh-CN' && vehicle.modelZh ? vehicle.modelZh : vehicle.model) ?? '';

function Title({ id }: { id: string }) {
  const { t } = useTranslation('supervision');
  return <>{t(`vehicles.column.${id}`)}</>;
}

function SelectAll({ table }: HeaderContext<VehicleRow, unknown>) {
  const { t } = useTranslation('supervision');
  return (
    <input
      type="checkbox"
      aria-label={t('vehicles.selectAll')}
      data-testid="supervision-vehicle-select-all"
      checked={table.getIsAllRowsSelected()}
      ref={(input) => {
        if (input) input.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  );
}

function SelectCell({ row }: CellContext<VehicleRow, unknown>) {
  const { t } = useTranslation('supervision');
  return (
    <input
      type="checkbox"
      aria-label={t('vehicles.selectOne', { plate: row.original.plate })}
      data-testid="supervision-vehicle-select"
      data-vehicle-id={row.original.id}
      checked={row.getIsSelected()}
      disabled={!row.getCanSelect()}
      onChange={row.getToggleSelectedHandler()}
    />
  );
}

function SharedCell({ getValue }: CellContext<VehicleRow, boolean>) {
  const { t } = useTranslation('supervision');
  const shared = getValue();
  return (
    <span
      className={`badge ${shared ? 'ok' : ''}`}
      data-testid="supervision-vehicle-shared"
      data-shared={shared}
    >
      {shared ? t('vehicles.sharedYes') : t('vehicles.sharedNo')}
    </span>
  );
}

function StoppedCell({ getValue, row }: CellContext<VehicleRow, boolean>) {
  const { t } = useTranslation('supervision');
  const stopped = getValue();
  if (!row.original.shared && !stopped) return <>—</>;
  return (
    <span
      className={`badge ${stopped ? 'warn' : ''}`}
      data-testid="supervision-vehicle-stopped"
      data-stopped={stopped}
    >
      {stopped ? t('vehicles.stopped') : t('vehicles.running')}
    </span>
  );
}

const column = createColumnHelper<VehicleRow>();
const SELECT = column.display({ id: 'select', header: SelectAll, cell: SelectCell });
const COLUMNS = [
  column.accessor('plate', { header: () => <Title id="plate" /> }),
  column.accessor('model', { header: () => <Title id="model" /> }),
  column.accessor('shared', { header: () => <Title id="shared" />, cell: SharedCell }),
  column.accessor('stopped', { header: () => <Title id="stopped" />, cell: StoppedCell }),
];
const SELECTABLE_COLUMNS = [SELECT, ...COLUMNS];

/**
 * The company's vehicles and which of them the platform receives (`supervision.share`): an
 * administrator ticks vehicles and shares them or stops sharing them. The platform may stop
 * a vehicle's exchange itself (0x9206); that shows as its own flag.
 */
export function SharedVehicles({ link, editable }: { link: SupervisionLink; editable: boolean }) {
  const { t, i18n } = useTranslation('supervision');
  const vehicles = useCompanyVehicles();
  const setLink = useSetLink();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'plate', desc: false }]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const rows = useMemo<VehicleRow[]>(() => {
    const shared = new Set(link.vehicleIds);
    const stopped = new Set(link.stoppedVehicleIds);
    return (vehicles.data ?? []).map((vehicle) => ({
      id: vehicle.id,
      plate: vehicle.plate,
      model: localModel(vehicle, i18n.language),
      shared: shared.has(vehicle.id),
      stopped: stopped.has(vehicle.id),
    }));
  }, [vehicles.data, link.vehicleIds, link.stoppedVehicleIds, i18n.language]);
  const share = useMutation({
    mutationFn: async ({ ids, shared }: { ids: string[]; shared: boolean }) => {
      let saved: SupervisionLink | undefined;
      for (let at = 0; at < ids.length; at += SHARE_BATCH)
        saved = await trpcClient.supervision.share.mutate({
          vehicleIds: ids.slice(at, at + SHARE_BATCH),
          shared,
        });
      return saved;
    },
    onSuccess: (saved) => {
      if (saved) setLink(saved);
      setRowSelection({});
    },
  });
  const table = useReactTable({
    data: rows,
    columns: editable ? SELECTABLE_COLUMNS : COLUMNS,
    state: { sorting, rowSelection },
    onSortingChange: setSorting,
    onRowSelectionChange: setRowSelection,
    enableRowSelection: editable,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const selected = table.getSelectedRowModel().rows.map((row) => row.id);
  const sharedCount = rows.filter((row) => row.shared).length;
  const shareSelected = (shared: boolean) => {
    share.reset();
    share.mutate({ ids: selected, shared });
  };
  return (
    <section
      className="panel admin-section"
      aria-labelledby="supervision-vehicles-title"
      data-testid="supervision-vehicles-section"
    >
      <h2 id="supervision-vehicles-title">{t('vehicles.title')}</h2>
      <p className="hint">{t('vehicles.explain')}</p>
      <div className="toolbar">
        <span className="hint" data-testid="supervision-vehicles-count">
          {t('vehicles.count', { shared: sharedCount, total: rows.length })}
        </span>
        {editable ? (
          <>
            <span className="hint">{t('vehicles.selected', { count: selected.length })}</span>
            <button
              type="button"
              className="primary"
              data-testid="supervision-share"
              disabled={selected.length === 0 || share.isPending}
              onClick={() => shareSelected(true)}
            >
              {t('vehicles.share')}
            </button>
            <button
              type="button"
              data-testid="supervision-unshare"
              disabled={selected.length === 0 || share.isPending}
              onClick={() => shareSelected(false)}
            >
              {t('vehicles.unshare')}
            </button>
          </>
        ) : null}
      </div>
      {share.error ? (
        <p className="form-error" role="alert" data-testid="supervision-share-error">
          <ErrorText error={share.error} />
        </p>
      ) : null}
      <QueryState query={vehicles} isEmpty={(list) => list.length === 0} empty={t('vehicles.none')}>
        {() => (
          <DataTable table={table} caption={t('vehicles.title')} testId="supervision-vehicles" />
        )}
      </QueryState>
    </section>
  );
}
