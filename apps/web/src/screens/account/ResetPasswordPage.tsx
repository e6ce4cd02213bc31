import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { trpc } from '../../trpc.ts';
import { tokenOf } from './link-token.ts';
import { SetPasswordForm } from './SetPasswordForm.tsx';

/** Opened from a password reset link, logged out: a new password (`auth.acceptPasswordReset`). */
export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  const token = tokenOf(useLocation());
  const reset = useMutation(trpc.auth.acceptPasswordReset.mutationOptions());
  return (
    <SetPasswordForm
      title={t('reset.title')}
      intro={t('reset.intro')}
      done={t('reset.done')}
      hasToken={token !== ''}
      mutation={{
        mutate: (password) => reset.mutate({ token, password }),
        isPending: reset.isPending,
        isSuccess: reset.isSuccess,
        error: reset.error,
      }}
    />
  );
}
