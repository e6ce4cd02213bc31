import type { PasswordResetCreated, Role, User } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { localName } from '../../ui/local-name.ts';
import { Modal } from '../../ui/modal.tsx';
import { ShownOnce } from '../../ui/shown-once.tsx';
import { QueryState } from '../../ui/states.tsx';
import { linkFor } from '../account/link-token.ts';
import { InvitationsTable } from './InvitationsTable.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { USER_COLUMNS, type UsersTableMeta } from './users-columns.tsx';

const NO_USERS: User[] = [];

/**
 * The users of the organizations the admin sees (`users.list`; the port authority's admins
 * see every organization's): their role, whether they may log in, a password reset link;
 * invitations of new users and the pending ones. The api enforces who may do what; the
 * screen does not offer what it would refuse (an admin's own role and access).
 */
export function UsersScreen() {
  const { t, i18n } = useTranslation('users');
  const { user: admin } = useSession();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions({ limit: 500 }));
  const organizations = useQuery(trpc.organizations.list.queryOptions());
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [isInviting, setIsInviting] = useState(false);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [resetLink, setResetLink] = useState<{ user: User; reset: PasswordResetCreated } | null>(
    null,
  );

  const refresh = () => queryClient.invalidateQueries(trpc.users.list.pathFilter());
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async () => {
        setDisabling(null);
        await refresh();
      },
    }),
  );
  const reset = useMutation(trpc.users.resetPassword.mutationOptions());

  const organizationNames = useMemo(
    () =>
      new Map(
        (organizations.data ?? []).map((organization) => [
          organization.id,
          localName(organization, i18n.language),
        ]),
      ),
    [organizations.data, i18n.language],
  );
  const seesOthers = organizationNames.size > 1;
  const onRole = useCallback(
    (user: User, role: Role) => update.mutate({ id: user.id, role }),
    [update.mutate],
  );
  const onActive = useCallback(
    (user: User) => {
      update.reset();
      if (user.isActive) setDisabling(user);
      else update.mutate({ id: user.id, isActive: true });
    },
    [update.mutate, update.reset],
  );
  const onResetPassword = useCallback(
    (user: User) =>
      reset.mutate(
        { id: user.id },
        { onSuccess: (created) => setResetLink({ user, reset: created }) },
      ),
    [reset.mutate],
  );
  const meta = useMemo<UsersTableMeta>(
    () => ({
      selfId: admin.id,
      organizationName: seesOthers ? (id) => organizationNames.get(id) ?? '' : null,
      onRole,
      onActive,
      onResetPassword,
    }),
    [admin.id, seesOthers, organizationNames, onRole, onActive, onResetPassword],
  );
  const table = useReactTable({
    data: users.data?.items ?? NO_USERS,
    columns: USER_COLUMNS,
    state: { sorting, columnVisibility: { organizationId: seesOthers } },
    onSortingChange: setSorting,
    getRowId: (user) => user.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  const inviteTargets = useMemo(
    () =>
      [...organizationNames]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [organizationNames],
  );
  const failure = (!disabling && update.error) || reset.error;

  return (
    <div className="admin-screen">
      <header className="admin-head">
        <h1>{t('common:nav.users')}</h1>
        <button
          type="button"
          className="primary"
          data-testid="invite-open"
          onClick={() => setIsInviting(true)}
        >
          {t('invite.open')}
        </button>
      </header>
      {failure ? (
        <p className="form-error" role="alert" data-testid="users-error">
          <ErrorText error={failure} />
        </p>
      ) : null}
      <QueryState query={users}>
        {() => <DataTable table={table} caption={t('common:nav.users')} testId="users-table" />}
      </QueryState>
      <InvitationsTable />
      {isInviting ? (
        <InviteDialog
          organizations={inviteTargets}
          ownOrganizationId={admin.organization.id}
          onClose={() => setIsInviting(false)}
        />
      ) : null}
      {disabling ? (
        <ConfirmDialog
          title={t('disableTitle')}
          message={t('disableConfirm', { name: disabling.name, email: disabling.email })}
          confirm={t('disable')}
          onConfirm={() => update.mutate({ id: disabling.id, isActive: false })}
          onClose={() => setDisabling(null)}
          isPending={update.isPending}
          error={update.error}
        />
      ) : null}
      {resetLink ? (
        <Modal
          title={t('resetTitle', { name: resetLink.user.name })}
          onClose={() => setResetLink(null)}
          testId="reset-dialog"
        >
          <div className="admin-form">
            <p>{t('resetExplain', { email: resetLink.user.email })}</p>
            <ShownOnce
              label={t('resetLink')}
              value={linkFor('passwordReset', resetLink.reset.token, window.location.origin)}
              testId="reset-link"
            />
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => setResetLink(null)}>
                {t('forms:close')}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
