import type { ApiKey } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { localName } from '../../ui/local-name.ts';
import { QueryState } from '../../ui/states.tsx';
import { API_KEY_COLUMNS, type ApiKeysTableMeta } from './api-key-columns.tsx';
import { NewKeyDialog } from './NewKeyDialog.tsx';

const NO_KEYS: ApiKey[] = [];

/**
 * The organization's keys for HTTP ingest (`apiKeys.list`): only a prefix of each is kept
 * to recognise it; a new key is shown once; a revoked key is refused from then on.
 */
export function ApiKeysScreen() {
  const { t, i18n } = useTranslation('apiKeys');
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const organizations = useQuery(trpc.organizations.list.queryOptions());
  const [sorting, setSorting] = useState<SortingState>([{ id: 'createdAt', desc: true }]);
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter());
      },
    }),
  );
  const names = useMemo(
    () => new Map((organizations.data ?? []).map((o) => [o.id, localName(o, i18n.language)])),
    [organizations.data, i18n.language],
  );
  const seesOthers = names.size > 1;
  const meta = useMemo<ApiKeysTableMeta>(
    () => ({
      organizationName: seesOthers ? (id) => names.get(id) ?? '' : null,
      onRevoke: (key) => {
        revoke.reset();
        setRevoking(key);
      },
    }),
    [seesOthers, names, revoke.reset],
  );
  const table = useReactTable({
    data: keys.data ?? NO_KEYS,
    columns: API_KEY_COLUMNS,
    state: { sorting, columnVisibility: { organizationId: seesOthers } },
    onSortingChange: setSorting,
    getRowId: (key) => key.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <div className="admin-screen">
      <header className="admin-head">
        <h1>{t('common:nav.apiKeys')}</h1>
        <button
          type="button"
          className="primary"
          data-testid="new-key-open"
          onClick={() => setIsCreating(true)}
        >
          {t('create.open')}
        </button>
      </header>
      <p className="hint">{t('explain')}</p>
      <QueryState query={keys} isEmpty={(list) => list.length === 0} empty={t('none')}>
        {() => (
          <DataTable table={table} caption={t('common:nav.apiKeys')} testId="api-keys-table" />
        )}
      </QueryState>
      {isCreating ? <NewKeyDialog onClose={() => setIsCreating(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={t('revokeTitle')}
          message={t('revokeConfirm', { name: revoking.name, prefix: revoking.prefix })}
          confirm={t('revoke')}
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          onClose={() => setRevoking(null)}
          isPending={revoke.isPending}
          error={revoke.error}
        />
      ) : null}
    </div>
  );
}
