import { Jt809EditionSchema, type SupervisionLink } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { checkLinkForm, formOf, type LinkFormValue } from './link-form.ts';
import { useSetLink } from './supervision-data.ts';

type TextKey = {
  [K in keyof LinkFormValue]: LinkFormValue[K] extends string ? K : never;
}[keyof LinkFormValue];

/** One text input of the form, labelled, with its problem (or its hint) under it. */
function TextField({
  field,
  label,
  problem,
  form,
  onChange,
  testId,
  hint,
  inputMode,
  type = 'text',
  placeholder,
  autoComplete = 'off',
}: {
  field: TextKey;
  label: string;
  problem: string | undefined;
  form: LinkFormValue;
  onChange: (field: TextKey, value: string) => void;
  testId: string;
  hint?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  type?: 'text' | 'password';
  placeholder?: string | undefined;
  autoComplete?: string;
}) {
  return (
    <div className="supervision-field">
      <FormField
        label={label}
        problem={problem}
        render={({ id, describedBy, invalid }) => (
          <input
            id={id}
            name={field}
            type={type}
            value={form[field]}
            inputMode={inputMode}
            placeholder={placeholder}
            autoComplete={autoComplete}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            data-testid={testId}
            onChange={(event) => onChange(field, event.target.value)}
          />
        )}
      />
      {hint && !problem ? <p className="hint">{hint}</p> : null}
    </div>
  );
}

/**
 * The link's settings (`supervision.save`): an administrator changes them, others read them.
 * Checked by the api's own schema before it is asked; the password is written, never shown.
 */
export function LinkForm({ link, editable }: { link: SupervisionLink | null; editable: boolean }) {
  const { t } = useTranslation('supervision');
  const setLink = useSetLink();
  const [form, setForm] = useState<LinkFormValue>(() => formOf(link));
  const [problems, setProblems] = useState<FieldProblems>({});
  const save = useMutation(
    trpc.supervision.save.mutationOptions({
      onSuccess: (saved) => {
        setLink(saved);
        setForm((current) => ({ ...current, password: '' }));
      },
    }),
  );
  const change = (field: TextKey, value: string) => {
    save.reset();
    setForm((current) => ({ ...current, [field]: value }));
  };
  const toggle = (field: 'enabled' | 'encrypted', value: boolean) => {
    save.reset();
    setForm((current) => ({ ...current, [field]: value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { problems: found, input } = checkLinkForm(form, link === null, t);
    setProblems(found);
    if (input) save.mutate(input);
  };
  const shown = { ...problemsOfError(save.error, t), ...problems };
  const field = (
    name: TextKey,
    testId: string,
    extra: Partial<Parameters<typeof TextField>[0]> & { problemKey?: string } = {},
  ) => {
    const { problemKey, ...rest } = extra;
    return (
      <TextField
        field={name}
        label={t(`settings.${name}`)}
        problem={shown[problemKey ?? name]}
        form={form}
        onChange={change}
        testId={testId}
        {...rest}
      />
    );
  };
  return (
    <section
      className="panel admin-section"
      aria-labelledby="supervision-settings-title"
      data-testid="supervision-settings"
    >
      <h2 id="supervision-settings-title">{t('settings.title')}</h2>
      {editable ? null : <p className="hint">{t('settings.readOnly')}</p>}
      <form className="admin-form" onSubmit={submit} noValidate>
        <fieldset className="supervision-fieldset" disabled={!editable}>
          <label className="supervision-check">
            <input
              type="checkbox"
              name="enabled"
              checked={form.enabled}
              data-testid="supervision-enabled"
              onChange={(event) => toggle('enabled', event.target.checked)}
            />
            {t('settings.enabled')}
          </label>
          <div className="supervision-grid">
            <div className="supervision-field">
              <FormField
                label={t('settings.edition')}
                problem={shown.edition}
                render={({ id, describedBy, invalid }) => (
                  <select
                    id={id}
                    name="edition"
                    value={form.edition}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    data-testid="supervision-edition"
                    onChange={(event) => {
                      save.reset();
                      const edition = Jt809EditionSchema.parse(event.target.value);
                      setForm((current) => ({ ...current, edition }));
                    }}
                  >
                    {Jt809EditionSchema.options.map((edition) => (
                      <option key={edition} value={edition}>
                        {t(`settings.editions.${edition}`)}
                      </option>
                    ))}
                  </select>
                )}
              />
            </div>
            {field('host', 'supervision-host')}
            {field('port', 'supervision-port', { inputMode: 'numeric' })}
            {field('userId', 'supervision-user-id', { inputMode: 'numeric' })}
            {editable
              ? field('password', 'supervision-password', {
                  type: 'password',
                  autoComplete: 'new-password',
                  placeholder: link ? t('settings.passwordUnchanged') : undefined,
                  hint: t('settings.passwordHint'),
                })
              : null}
            {field('gnssCenterId', 'supervision-gnss-center-id', { inputMode: 'numeric' })}
            {field('platformId', 'supervision-platform-id', { hint: t('settings.platformIdHint') })}
            {field('downLinkIp', 'supervision-down-link-ip', {
              inputMode: 'decimal',
              hint: t('settings.downLinkHint'),
            })}
            {field('downLinkPort', 'supervision-down-link-port', { inputMode: 'numeric' })}
          </div>
          <label className="supervision-check">
            <input
              type="checkbox"
              name="encrypted"
              checked={form.encrypted}
              data-testid="supervision-encryption"
              onChange={(event) => toggle('encrypted', event.target.checked)}
            />
            {t('settings.encryption')}
          </label>
          {form.encrypted && editable ? (
            <>
              {link?.encrypted ? <p className="hint">{t('settings.encryptionHint')}</p> : null}
              <div className="supervision-grid">
                {field('m1', 'supervision-m1', {
                  inputMode: 'numeric',
                  problemKey: 'encryption.m1',
                })}
                {field('ia1', 'supervision-ia1', {
                  inputMode: 'numeric',
                  problemKey: 'encryption.ia1',
                })}
                {field('ic1', 'supervision-ic1', {
                  inputMode: 'numeric',
                  problemKey: 'encryption.ic1',
                })}
                {field('key', 'supervision-key', {
                  inputMode: 'numeric',
                  problemKey: 'encryption.key',
                })}
              </div>
            </>
          ) : null}
        </fieldset>
        {save.error && Object.keys(shown).length === 0 ? (
          <p className="form-error" role="alert" data-testid="supervision-save-error">
            <ErrorText error={save.error} />
          </p>
        ) : null}
        {save.isSuccess ? (
          <p className="hint" role="status" data-testid="supervision-saved">
            {t('forms:saved')}
          </p>
        ) : null}
        {editable ? (
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={save.isPending}
              data-testid="supervision-save"
            >
              {t('forms:save')}
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
