import type { UserInvitation } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';

/** The pending invitations (`users.invitations`), each with a revoke. */
export function InvitationsTable() {
  const { t, i18n } = useTranslation('users');
  const queryClient = useQueryClient();
  const pending = useQuery(trpc.users.invitations.queryOptions({ status: 'PENDING', limit: 500 }));
  const [revoking, setRevoking] = useState<UserInvitation | null>(null);
  const revoke = useMutation(
    trpc.users.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        await queryClient.invalidateQueries(trpc.users.invitations.pathFilter());
      },
    }),
  );
  return (
    <section className="admin-section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('invitations.title')}</h2>
      <QueryState
        query={pending}
        isEmpty={(page) => page.items.length === 0}
        empty={t('invitations.none')}
      >
        {(page) => (
          <table className="data-table" data-testid="invitations-table">
            <thead>
              <tr>
                <th>{t('column.email')}</th>
                <th>{t('column.name')}</th>
                <th>{t('column.role')}</th>
                <th>{t('invitations.expires')}</th>
                <th>{t('column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((invitation) => (
                <tr key={invitation.id} data-row-id={invitation.id} data-email={invitation.email}>
                  <td>{invitation.email}</td>
                  <td>{invitation.name}</td>
                  <td>{t(`common:role.${invitation.role}`)}</td>
                  <td>{formatDateTime(invitation.expiresAt, i18n.language, 'short')}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('invitations.revokeOf', { email: invitation.email })}
                      onClick={() => {
                        revoke.reset();
                        setRevoking(invitation);
                      }}
                    >
                      {t('invitations.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {revoking ? (
        <ConfirmDialog
          title={t('invitations.revokeTitle')}
          message={t('invitations.revokeConfirm', { email: revoking.email })}
          confirm={t('invitations.revoke')}
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          onClose={() => setRevoking(null)}
          isPending={revoke.isPending}
          error={revoke.error}
        />
      ) : null}
    </section>
  );
}
