import type { AssetKind, HistoryRetention, Organization } from '@harbor/shared';
import { type CellContext, createColumnHelper, type Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import { ruleDays, trackKinds } from './track-retention.ts';

/** What the rows' cells need from the screen (the table's `meta`). */
export type OrganizationsTableMeta = {
  onEdit: (organization: Organization) => void;
  /** How long tracks are kept (`history.retention`); undefined until it is loaded. */
  retention: HistoryRetention | undefined;
};

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

/**
 * The days an organization's truck tracks are kept, its own or the default; on the port
 * authority also its ships'.
 */
function RetentionCell({ row, table }: CellContext<Organization, unknown>) {
  const { t, i18n } = useTranslation('organizations');
  const retention = metaOf(table)?.retention;
  if (!retention) return null;
  const organization = row.original;
  const kinds = trackKinds(organization);
  const kept = (kind: AssetKind) => {
    const days = ruleDays(retention, organization.id, kind);
    return days === null
      ? t('retention.default', { days: formatNumber(retention.keepDays, i18n.language) })
      : t('retention.days', { days: formatNumber(days, i18n.language) });
  };
  return (
    <span data-testid="track-retention">
      {kinds.length === 1
        ? kept('VEHICLE')
        : kinds.map((kind, index) => (
            <span key={kind}>
              {index > 0 ? <br /> : null}
              {t(`retention.tracksOf.${kind}`, { kept: kept(kind) })}
            </span>
          ))}
    </span>
  );
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
  column.display({ id: 'retention', header: () => <Title id="retention" />, cell: RetentionCell }),
  column.display({ id: 'actions', header: () => <Title id="actions" />, cell: ActionsCell }),
];
