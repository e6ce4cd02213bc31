import type { Organization } from '@harbor/shared';
import { type CellContext, createColumnHelper, type Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';

export type OrganizationsTableMeta = { onEdit: (organization: Organization) => void };

const metaOf = (table: Table<Organization>) =>
  table.options.meta as OrganizationsTableMeta | undefined;

function Title({ id }: { id: string }) {
  const { t } = useTranslation('organizations');
  return <>{t(`column.${id}`)}</>;
}

function KindCell({ getValue }: CellContext<Organization, Organization['kind']>) {
  const { t } = useTranslation('organizations');
  return <>{t(`kind.${getValue()}`)}</>;
}

function CountCell({ getValue }: CellContext<Organization, number>) {
  const { i18n } = useTranslation();
  return <>{formatNumber(getValue(), i18n.language)}</>;
}

function ActionsCell({ row, table }: CellContext<Organization, unknown>) {
  const { t } = useTranslation('organizations');
  return (
    <button
      type="button"
      aria-label={t('editOf', { code: row.original.code })}
      data-action="edit"
      onClick={() => metaOf(table)?.onEdit(row.original)}
    >
      {t('edit')}
    </button>
  );
}

const column = createColumnHelper<Organization>();

export const ORGANIZATION_COLUMNS = [
  column.accessor('code', { header: () => <Title id="code" /> }),
  column.accessor('name', { header: () => <Title id="name" /> }),
  column.accessor((organization) => organization.nameZh ?? '', {
    id: 'nameZh',
    header: () => <Title id="nameZh" />,
  }),
  column.accessor('kind', { header: () => <Title id="kind" />, cell: KindCell }),
  column.accessor('userCount', { header: () => <Title id="users" />, cell: CountCell }),
  column.display({ id: 'actions', header: () => <Title id="actions" />, cell: ActionsCell }),
];
