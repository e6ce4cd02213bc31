import type { ApiKey } from '@harbor/shared';
import { type CellContext, createColumnHelper, type Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';

/** What the rows' cells need from the screen (the table's `meta`). */
export type ApiKeysTableMeta = {
  organizationName: ((id: string) => string) | null;
  onRevoke: (key: ApiKey) => void;
};

const metaOf = (table: Table<ApiKey>) => table.options.meta as ApiKeysTableMeta | undefined;

function Title({ id }: { id: string }) {
  const { t } = useTranslation('apiKeys');
  return <>{t(`column.${id}`)}</>;
}

function PrefixCell({ getValue }: CellContext<ApiKey, string>) {
  return <code>{getValue()}…</code>;
}

function TimeCell({ getValue }: CellContext<ApiKey, string | null>) {
  const { t, i18n } = useTranslation('forms');
  return <>{formatDateTime(getValue(), i18n.language, 'short', t('never'))}</>;
}

function LastUsedCell({ getValue }: CellContext<ApiKey, string | null>) {
  const { t, i18n } = useTranslation('forms');
  return (
    <span data-testid="key-last-used" data-used={getValue() !== null}>
      {formatDateTime(getValue(), i18n.language, 'short', t('never'))}
    </span>
  );
}

function OrganizationCell({ row, table }: CellContext<ApiKey, string>) {
  return <>{metaOf(table)?.organizationName?.(row.original.organizationId) ?? ''}</>;
}

function StatusCell({ row }: CellContext<ApiKey, string | null>) {
  const { t, i18n } = useTranslation('apiKeys');
  const revokedAt = row.original.revokedAt;
  return revokedAt ? (
    <span className="badge bad" data-testid="key-status" data-revoked="true">
      {t('revokedAt', { at: formatDateTime(revokedAt, i18n.language, 'short') })}
    </span>
  ) : (
    <span className="badge ok" data-testid="key-status" data-revoked="false">
      {t('active')}
    </span>
  );
}

function ActionsCell({ row, table }: CellContext<ApiKey, unknown>) {
  const { t } = useTranslation('apiKeys');
  const key = row.original;
  if (key.revokedAt) return null;
  return (
    <button
      type="button"
      aria-label={t('revokeOf', { name: key.name })}
      data-action="revoke"
      onClick={() => metaOf(table)?.onRevoke(key)}
    >
      {t('revoke')}
    </button>
  );
}

const column = createColumnHelper<ApiKey>();

export const API_KEY_COLUMNS = [
  column.accessor('name', { header: () => <Title id="name" /> }),
  column.accessor('prefix', { header: () => <Title id="prefix" />, cell: PrefixCell }),
  column.accessor('organizationId', {
    header: () => <Title id="organization" />,
    cell: OrganizationCell,
    enableSorting: false,
  }),
  column.accessor('createdAt', { header: () => <Title id="created" />, cell: TimeCell }),
  column.accessor('lastUsedAt', { header: () => <Title id="lastUsed" />, cell: LastUsedCell }),
  column.accessor('revokedAt', { header: () => <Title id="status" />, cell: StatusCell }),
  column.display({ id: 'actions', header: () => <Title id="actions" />, cell: ActionsCell }),
];
