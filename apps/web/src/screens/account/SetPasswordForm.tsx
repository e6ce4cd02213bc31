import { NewPasswordSchema } from '@harbor/shared';
import '../../ui/admin.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';

type Mutation = {
  mutate: (password: string) => void;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
};

/**
 * A logged-out page where the holder of a one-time link chooses a password, typed twice;
 * when it is set, a way to the login form.
 */
export function SetPasswordForm({
  title,
  intro,
  done,
  hasToken,
  mutation,
}: {
  title: string;
  intro: string;
  done: string;
  hasToken: boolean;
  mutation: Mutation;
}) {
  const { t } = useTranslation('account');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(NewPasswordSchema, password, t);
    const next: FieldProblems = found[''] ? { password: found[''] } : {};
    if (!next.password && repeat !== password) next.repeat = t('forms:passwordsDiffer');
    setProblems(next);
    if (Object.keys(next).length === 0) mutation.mutate(password);
  };
  const shown = { ...problemsOfError(mutation.error, t), ...problems };
  return (
    <main className="login">
      <div className="login-card">
        <div className="login-head">
          <h1>{title}</h1>
          <LanguageSwitch />
        </div>
        {mutation.isSuccess ? (
          <>
            <p role="status" data-testid="password-set">
              {done}
            </p>
            <Link to="/" className="button primary">
              {t('toLogin')}
            </Link>
          </>
        ) : !hasToken ? (
          <p className="form-error" role="alert">
            {t('noToken')}
          </p>
        ) : (
          <form className="account-form" onSubmit={submit} noValidate>
            <p>{intro}</p>
            <FormField
              label={t('password')}
              problem={shown.password}
              render={({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(event) => setPassword(event.target.value)}
                />
              )}
            />
            <FormField
              label={t('repeat')}
              problem={shown.repeat}
              render={({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="repeat"
                  type="password"
                  autoComplete="new-password"
                  value={repeat}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(event) => setRepeat(event.target.value)}
                />
              )}
            />
            <p className="hint">{t('passwordRule')}</p>
            {mutation.error && !shown.password ? (
              <p className="form-error" role="alert">
                <ErrorText error={mutation.error} />
              </p>
            ) : null}
            <button type="submit" className="primary" disabled={mutation.isPending}>
              {t('submit')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
