import type { Device } from '@harbor/shared';
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
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { useDevices, useFleetRefresh } from './fleet-data.ts';
import { lastHeardAt } from './fleet-forms.ts';
import { ColumnTitle, ConfirmDialog, FleetTable, RowActions } from './fleet-ui.tsx';
import { TerminalDialog } from './TerminalDialog.tsx';

type Meta = { onEdit: (device: Device) => void; onReset: (device: Device) => void };

function TimeCell({ getValue }: CellContext<Device, string | null>) {
  const { i18n } = useTranslation();
  return <>{formatDateTime(getValue(), i18n.language, 'short')}</>;
}

function LastSeenCell({ getValue }: CellContext<Device, string | null>) {
  const { i18n } = useTranslation();
  return (
    <span data-testid="terminal-last-seen">
      {formatDateTime(getValue(), i18n.language, 'short')}
    </span>
  );
}

function BoundCell({ row }: CellContext<Device, unknown>) {
  const { t } = useTranslation('fleet');
  const { boundTerminalId } = row.original;
  return boundTerminalId ?? <span className="hint">{t('notBound')}</span>;
}

function ProtocolCell({ row }: CellContext<Device, unknown>) {
  const { t } = useTranslation('fleet');
  const version = row.original.protocolVersion;
  return <>{version ? t(`protocol.${version}`) : t('none')}</>;
}

/**
 * Online is the gateway's own word: the terminal is connected and authenticated on it now
 * (`devices.list`'s `isOnline`; a connection silent for the idle time-out is closed), not a
 * guess from the last report. With several gateway processes it is the answering process's.
 */
function OnlineCell({ row }: CellContext<Device, unknown>) {
  const { t } = useTranslation('fleet');
  const { isOnline } = row.original;
  return (
    <span
      className={`badge ${isOnline ? 'ok' : ''}`}
      data-testid="terminal-online"
      data-online={isOnline}
    >
      {t(`online.${isOnline}`)}
    </span>
  );
}

function ActionsCell({ row, table }: CellContext<Device, unknown>) {
  const { t } = useTranslation('fleet');
  const { onEdit, onReset } = table.options.meta as Meta;
  const device = row.original;
  return (
    <RowActions
      actions={[
        {
          text: t('action.edit'),
          name: t('action.editNamed', { name: device.terminalPhone }),
          onClick: () => onEdit(device),
        },
        {
          text: t('action.resetBinding'),
          name: t('action.resetBindingOf', { phone: device.terminalPhone }),
          onClick: () => onReset(device),
        },
      ]}
    />
  );
}

const column = createColumnHelper<Device>();
const TERMINAL_COLUMNS = [
  column.accessor('terminalPhone', { header: () => <ColumnTitle id="terminalPhone" /> }),
  column.accessor((device) => device.vehicle?.plate ?? '', {
    id: 'vehicle',
    header: () => <ColumnTitle id="vehicle" />,
  }),
  column.accessor('isOnline', {
    id: 'online',
    header: () => <ColumnTitle id="online" />,
    cell: OnlineCell,
  }),
  column.accessor((device) => lastHeardAt(device), {
    id: 'lastSeenAt',
    header: () => <ColumnTitle id="lastSeenAt" />,
    cell: LastSeenCell,
  }),
  column.accessor((device) => device.boundTerminalId ?? '', {
    id: 'boundTerminalId',
    header: () => <ColumnTitle id="boundTerminalId" />,
    cell: BoundCell,
  }),
  column.accessor((device) => device.protocolVersion ?? '', {
    id: 'protocolVersion',
    header: () => <ColumnTitle id="protocolVersion" />,
    cell: ProtocolCell,
  }),
  column.accessor(
    (device) => [device.manufacturerId, device.terminalModel].filter(Boolean).join(' / '),
    { id: 'terminal', header: () => <ColumnTitle id="terminal" /> },
  ),
  column.accessor('registeredAt', {
    header: () => <ColumnTitle id="registeredAt" />,
    cell: TimeCell,
  }),
  column.display({ id: 'actions', header: () => <ColumnTitle id="actions" />, cell: ActionsCell }),
];

/** The company's JT/T 808 terminals, their binding and whether they are connected (ADMIN). */
export function TerminalsTab() {
  const { t } = useTranslation('fleet');
  const query = useDevices();
  const refresh = useFleetRefresh();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'terminalPhone', desc: false }]);
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [resetting, setResetting] = useState<Device | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reset = useMutation(
    trpc.devices.resetBinding.mutationOptions({
      onSuccess: ({ device }) => {
        setNotice(t('bindingReset', { phone: device.terminalPhone }));
        void refresh().then(() => setResetting(null));
      },
    }),
  );
  const data = useMemo(() => query.data ?? [], [query.data]);
  const meta = useMemo<Meta>(
    () => ({
      onEdit: setEditing,
      onReset: (device) => {
        reset.reset();
        setResetting(device);
      },
    }),
    [reset.reset],
  );
  const table = useReactTable({
    data,
    columns: TERMINAL_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (device) => device.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <section className="panel fleet-panel" aria-label={t('tab.terminals')}>
      <div className="toolbar">
        <span className="hint">{t('count', { count: data.length })}</span>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('action.addTerminal')}
        </button>
      </div>
      {notice ? (
        <p className="fleet-notice" role="status">
          {notice}
        </p>
      ) : null}
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={t('noTerminals')}>
        {() => (
          <FleetTable
            table={table}
            testId="fleet-terminals"
            rowProps={(device) => ({
              'data-device-id': device.id,
              'data-terminal-phone': device.terminalPhone,
            })}
          />
        )}
      </QueryState>
      <ul className="fleet-legend">
        <li>{t('legend.online')}</li>
        <li>{t('legend.lastSeen')}</li>
      </ul>
      {editing ? (
        <TerminalDialog
          device={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {resetting ? (
        <ConfirmDialog
          title={t('resetBinding.title', { phone: resetting.terminalPhone })}
          body={t('resetBinding.body', { phone: resetting.terminalPhone })}
          confirmLabel={t('action.confirmReset')}
          onConfirm={() => reset.mutate({ id: resetting.id })}
          onClose={() => setResetting(null)}
          error={reset.error}
          isPending={reset.isPending}
        />
      ) : null}
    </section>
  );
}
