import { ChangePasswordInput } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText, errorReason, errorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';

type Form = { currentPassword: string; newPassword: string; repeat: string };
const EMPTY: Form = { currentPassword: '', newPassword: '', repeat: '' };

/** What the form says of its fields: the contract's rules, the repeat, and a wrong current password. */
export function passwordProblems(form: Form, t: Parameters<typeof problemsOf>[2]): FieldProblems {
  const found = problemsOf(ChangePasswordInput, form, t);
  if (!found.newPassword && form.repeat !== form.newPassword)
    found.repeat = t('forms:passwordsDiffer');
  return found;
}

/** The user's own password (`auth.changePassword`): their other sessions end, this one stays. */
export function PasswordForm() {
  const { t, i18n } = useTranslation('settings');
  const [form, setForm] = useState<Form>(EMPTY);
  const [problems, setProblems] = useState<FieldProblems>({});
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({ onSuccess: () => setForm(EMPTY) }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = passwordProblems(form, t);
    setProblems(found);
    if (Object.keys(found).length === 0)
      change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
  };
  const shown: FieldProblems = { ...problemsOfError(change.error, t), ...problems };
  // A wrong current password is that field's problem.
  if (errorReason(change.error) === 'auth.wrong-password')
    shown.currentPassword ??= errorText(change.error, i18n);
  const field = (key: keyof Form, autoComplete: string) => (
    <FormField
      label={t(`password.${key}`)}
      problem={shown[key]}
      render={({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={key}
          type="password"
          autoComplete={autoComplete}
          value={form[key]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => setForm((old) => ({ ...old, [key]: event.target.value }))}
        />
      )}
    />
  );
  return (
    <section className="admin-section panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        {field('currentPassword', 'current-password')}
        {field('newPassword', 'new-password')}
        {field('repeat', 'new-password')}
        <p className="hint">{t('password.rule')}</p>
        {change.error && Object.keys(shown).length === 0 ? (
          <p className="form-error" role="alert">
            <ErrorText error={change.error} />
          </p>
        ) : null}
        {change.isSuccess ? (
          <p className="hint" role="status" data-testid="password-changed">
            {t('password.changed')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
