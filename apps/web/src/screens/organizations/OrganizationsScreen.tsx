import type { Organization } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import {
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { QueryState } from '../../ui/states.tsx';
import { OrganizationDialog } from './OrganizationDialog.tsx';
import { ORGANIZATION_COLUMNS, type OrganizationsTableMeta } from './organization-columns.tsx';

const NO_ORGANIZATIONS: Organization[] = [];

/**
 * The port authority's admins: every organization on Harbor, new ones, new names, and how
 * long each keeps its tracks (`history.retention`).
 */
export function OrganizationsScreen() {
  const { t } = useTranslation('organizations');
  const organizations = useQuery(trpc.organizations.list.queryOptions());
  const retention = useQuery(trpc.history.retention.queryOptions());
  const [sorting, setSorting] = useState<SortingState>([{ id: 'code', desc: false }]);
  // undefined: no dialog; null: a new organization.
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  const meta = useMemo<OrganizationsTableMeta>(
    () => ({ onEdit: setEditing, retention: retention.data }),
    [retention.data],
  );
  const table = useReactTable({
    data: organizations.data ?? NO_ORGANIZATIONS,
    columns: ORGANIZATION_COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (organization) => organization.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <div className="admin-screen">
      <header className="admin-head">
        <h1>{t('common:nav.organizations')}</h1>
        <button
          type="button"
          className="primary"
          data-testid="organization-create"
          onClick={() => setEditing(null)}
        >
          {t('createTitle')}
        </button>
      </header>
      {retention.error ? (
        <p className="form-error" role="alert" data-testid="retention-error">
          <ErrorText error={retention.error} />
        </p>
      ) : null}
      <QueryState query={organizations}>
        {() => (
          <DataTable
            table={table}
            caption={t('common:nav.organizations')}
            testId="organizations-table"
          />
        )}
      </QueryState>
      {editing !== undefined ? (
        <OrganizationDialog
          organization={editing}
          retention={retention.data}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </div>
  );
}
