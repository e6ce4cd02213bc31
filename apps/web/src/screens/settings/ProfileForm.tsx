import { type SessionUser, UpdateProfileInput } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_KEY, useSession } from '../../auth/session.tsx';
import { LANGUAGES, type Language, setLanguage } from '../../i18n/index.ts';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/**
 * The user's own name (`auth.updateProfile`) and language: switched at once, as the top
 * bar's switch does, and kept with the account too.
 */
export function ProfileForm() {
  const { t, i18n } = useTranslation('settings');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [problems, setProblems] = useState<FieldProblems>({});
  const update = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      // The top bar and every screen read who is logged in from here.
      onSuccess: (updated) => queryClient.setQueryData<SessionUser | null>(ME_KEY, updated),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(UpdateProfileInput, { name }, t);
    setProblems(found);
    if (Object.keys(found).length === 0) update.mutate({ name });
  };
  const chooseLanguage = (language: Language) => {
    void setLanguage(language);
    update.mutate({ locale: language });
  };
  const shown = { ...problemsOfError(update.error, t), ...problems };
  return (
    <section className="admin-section panel" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <p className="hint">
          {user.email} · {t(`common:role.${user.role}`)}
        </p>
        <FormField
          label={t('profile.name')}
          problem={shown.name}
          render={({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              autoComplete="name"
              value={name}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        />
        <FormField
          label={t('common:language')}
          render={({ id }) => (
            <select
              id={id}
              name="language"
              value={i18n.language}
              onChange={(event) => chooseLanguage(event.target.value as Language)}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
          )}
        />
        {update.error && Object.keys(shown).length === 0 ? (
          <p className="form-error" role="alert">
            <ErrorText error={update.error} />
          </p>
        ) : null}
        {update.isSuccess ? (
          <p className="hint" role="status" data-testid="profile-saved">
            {t('forms:saved')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {t('forms:save')}
          </button>
        </div>
      </form>
    </section>
  );
}
