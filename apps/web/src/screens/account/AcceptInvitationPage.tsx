import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { trpc } from '../../trpc.ts';
import { tokenOf } from './link-token.ts';
import { SetPasswordForm } from './SetPasswordForm.tsx';

/** Opened from an invitation link, logged out: the invitee chooses a password (`auth.acceptInvitation`). */
export function AcceptInvitationPage() {
  const { t } = useTranslation('account');
  const token = tokenOf(useLocation());
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  return (
    <SetPasswordForm
      title={t('invitation.title')}
      intro={t('invitation.intro')}
      done={accept.data ? t('invitation.done', { email: accept.data.email }) : ''}
      hasToken={token !== ''}
      mutation={{
        mutate: (password) => accept.mutate({ token, password }),
        isPending: accept.isPending,
        isSuccess: accept.isSuccess,
        error: accept.error,
      }}
    />
  );
}
