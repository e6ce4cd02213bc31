import {
  CreateOrganizationInput,
  type Organization,
  type OrganizationKind,
  OrganizationKindSchema,
  UpdateOrganizationInput,
} from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Modal } from '../../ui/modal.tsx';

type Form = { code: string; name: string; nameZh: string; kind: OrganizationKind };
type FieldRender = (ids: {
  id: string;
  describedBy: string | undefined;
  invalid: true | undefined;
}) => React.ReactNode;

/**
 * A new organization (`organizations.create`), or a new name or Chinese name for one
 * (`organizations.update`: its code and kind stay).
 */
export function OrganizationDialog({
  organization,
  onClose,
}: {
  /** The one edited; none for a new one. */
  organization: Organization | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('organizations');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({
    code: organization?.code ?? '',
    name: organization?.name ?? '',
    nameZh: organization?.nameZh ?? '',
    kind: organization?.kind ?? 'LOGISTICS_COMPANY',
  });
  const [problems, setProblems] = useState<FieldProblems>({});
  const done = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.organizations.pathFilter());
      onClose();
    },
  };
  const create = useMutation(trpc.organizations.create.mutationOptions(done));
  const update = useMutation(trpc.organizations.update.mutationOptions(done));
  const mutation = organization ? update : create;
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (organization) {
      const input = { id: organization.id, name: form.name, nameZh: form.nameZh };
      const found = problemsOf(UpdateOrganizationInput, input, t);
      setProblems(found);
      if (Object.keys(found).length === 0) update.mutate(input);
    } else {
      const found = problemsOf(CreateOrganizationInput, form, t, { code: t('codeRule') });
      setProblems(found);
      if (Object.keys(found).length === 0) create.mutate(form);
    }
  };
  const shown = { ...problemsOfError(mutation.error, t), ...problems };
  const text =
    (key: 'code' | 'name' | 'nameZh', lang?: string): FieldRender =>
    ({ id, describedBy, invalid }) => (
      <input
        id={id}
        name={key}
        lang={lang}
        value={form[key]}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => set(key, event.target.value)}
      />
    );
  return (
    <Modal
      title={organization ? t('editTitle', { code: organization.code }) : t('createTitle')}
      onClose={onClose}
      testId="organization-dialog"
    >
      <form className="admin-form" onSubmit={submit} noValidate>
        {organization ? null : (
          <FormField label={t('column.code')} problem={shown.code} render={text('code')} />
        )}
        <FormField label={t('column.name')} problem={shown.name} render={text('name', 'en')} />
        <FormField
          label={t('column.nameZh')}
          problem={shown.nameZh}
          render={text('nameZh', 'zh-CN')}
        />
        {organization ? null : (
          <FormField
            label={t('column.kind')}
            render={({ id }) => (
              <select
                id={id}
                name="kind"
                value={form.kind}
                onChange={(event) => set('kind', event.target.value as OrganizationKind)}
              >
                {OrganizationKindSchema.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          />
        )}
        {mutation.error && Object.keys(shown).length === 0 ? (
          <p className="form-error" role="alert">
            <ErrorText error={mutation.error} />
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            {t('forms:cancel')}
          </button>
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {organization ? t('forms:save') : t('create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
