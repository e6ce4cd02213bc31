import { type Role, RoleSchema, type User } from '@harbor/shared';
import { type CellContext, createColumnHelper, type Table } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';

/** What the rows' cells need from the screen (the table's `meta`). */
export type UsersTableMeta = {
  /** The administrator looking: their own row has no role change and no disable. */
  selfId: string;
  /** Organization names by id, shown to port authority admins, who see every organization. */
  organizationName: ((id: string) => string) | null;
  onRole: (user: User, role: Role) => void;
  onActive: (user: User) => void;
  onResetPassword: (user: User) => void;
};

const metaOf = (table: Table<User>) => table.options.meta as UsersTableMeta | undefined;

function Title({ id }: { id: string }) {
  const { t } = useTranslation('users');
  return <>{t(`column.${id}`)}</>;
}

function NameCell({ row, table }: CellContext<User, string>) {
  const { t } = useTranslation('users');
  const isSelf = metaOf(table)?.selfId === row.original.id;
  return (
    <>
      {row.original.name}
      {isSelf ? <span className="hint"> ({t('you')})</span> : null}
    </>
  );
}

function OrganizationCell({ row, table }: CellContext<User, string>) {
  return <>{metaOf(table)?.organizationName?.(row.original.organizationId) ?? ''}</>;
}

/**
 * The role, translated; a select to change it on another user's row (an admin cannot demote
 * themself: the api refuses with `user.own-access`, and the web does not offer it).
 */
function RoleCell({ row, table }: CellContext<User, Role>) {
  const { t } = useTranslation('users');
  const meta = metaOf(table);
  const user = row.original;
  if (!meta || meta.selfId === user.id) return <>{t(`common:role.${user.role}`)}</>;
  return (
    <select
      aria-label={t('roleOf', { name: user.name })}
      value={user.role}
      data-testid="user-role"
      onChange={(event) => meta.onRole(user, event.target.value as Role)}
    >
      {RoleSchema.options.map((role) => (
        <option key={role} value={role}>
          {t(`common:role.${role}`)}
        </option>
      ))}
    </select>
  );
}

function ActiveCell({ row }: CellContext<User, boolean>) {
  const { t } = useTranslation('users');
  const isActive = row.original.isActive;
  return (
    <span
      className={`badge ${isActive ? 'ok' : 'bad'}`}
      data-testid="user-active"
      data-active={isActive}
    >
      {isActive ? t('active') : t('disabled')}
    </span>
  );
}

function LastLoginCell({ getValue }: CellContext<User, string | null>) {
  const { t, i18n } = useTranslation('forms');
  return <>{formatDateTime(getValue(), i18n.language, 'short', t('never'))}</>;
}

function ActionsCell({ row, table }: CellContext<User, unknown>) {
  const { t } = useTranslation('users');
  const meta = metaOf(table);
  if (!meta) return null;
  const user = row.original;
  const isSelf = meta.selfId === user.id;
  return (
    <span className="row-actions">
      <button
        type="button"
        data-action="reset-password"
        onClick={() => meta.onResetPassword(user)}
        aria-label={t('resetPasswordOf', { name: user.name })}
      >
        {t('resetPassword')}
      </button>
      {isSelf ? null : (
        <button
          type="button"
          data-action="toggle-active"
          onClick={() => meta.onActive(user)}
          aria-label={t(user.isActive ? 'disableOf' : 'enableOf', { name: user.name })}
        >
          {user.isActive ? t('disable') : t('enable')}
        </button>
      )}
    </span>
  );
}

const column = createColumnHelper<User>();

export const USER_COLUMNS = [
  column.accessor('name', { header: () => <Title id="name" />, cell: NameCell }),
  column.accessor('email', { header: () => <Title id="email" /> }),
  column.accessor('organizationId', {
    header: () => <Title id="organization" />,
    cell: OrganizationCell,
    enableSorting: false,
  }),
  column.accessor('role', { header: () => <Title id="role" />, cell: RoleCell }),
  column.accessor('isActive', { header: () => <Title id="active" />, cell: ActiveCell }),
  column.accessor('lastLoginAt', {
    header: () => <Title id="lastLogin" />,
    cell: LastLoginCell,
  }),
  column.display({ id: 'actions', header: () => <Title id="actions" />, cell: ActionsCell }),
];
