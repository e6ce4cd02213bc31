import {
  type AssetKind,
  CreateOrganizationInput,
  type HistoryRetention,
  MAX_KEEP_DAYS,
  type Organization,
  type OrganizationKind,
  OrganizationKindSchema,
  type SetTrackRetentionInput,
  UpdateOrganizationInput,
} from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc, trpcClient } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Modal } from '../../ui/modal.tsx';
import { TrackRetentionFields } from './TrackRetentionFields.tsx';
import { retentionChanges, retentionProblems } from './track-retention.ts';

type Form = { code: string; name: string; nameZh: string; kind: OrganizationKind };
type FieldRender = (ids: {
  id: string;
  describedBy: string | undefined;
  invalid: true | undefined;
}) => React.ReactNode;

/**
 * A new organization (`organizations.create`), or a new name or Chinese name for one
 * (`organizations.update`: its code and kind stay) and how long its tracks are kept
 * (`history.setRetention`, for each kind whose days changed, once the names are saved).
 */
export function OrganizationDialog({
  organization,
  retention,
  onClose,
}: {
  /** The one edited; none for a new one. */
  organization: Organization | null;
  /** How long tracks are kept; the days are not offered until it is known. */
  retention: HistoryRetention | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('organizations');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({
    code: organization?.code ?? '',
    name: organization?.name ?? '',
    nameZh: organization?.nameZh ?? '',
    kind: organization?.kind ?? 'LOGISTICS_COMPANY',
  });
  // The days typed in, by kind; a kind not typed in stays as its rule says.
  const [typedDays, setTypedDays] = useState<Partial<Record<AssetKind, string>>>({});
  const [problems, setProblems] = useState<FieldProblems>({});
  const done = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.organizations.pathFilter());
      onClose();
    },
  };
  const create = useMutation(trpc.organizations.create.mutationOptions(done));
  // The names are saved, and shown, even should a day count then be refused.
  const update = useMutation(
    trpc.organizations.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.organizations.pathFilter()),
    }),
  );
  // One kind after the other: a refusal is of the first that failed, the rest wait. Saved or
  // refused part-way, the table then shows what the api keeps.
  const keep = useMutation({
    mutationFn: async (changes: SetTrackRetentionInput[]) => {
      for (const change of changes) await trpcClient.history.setRetention.mutate(change);
    },
    onSettled: () => queryClient.invalidateQueries(trpc.history.retention.pathFilter()),
  });
  const failed = organization ? (update.error ?? keep.error) : create.error;
  const isPending = create.isPending || update.isPending || keep.isPending;
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (organization) {
      const input = { id: organization.id, name: form.name, nameZh: form.nameZh };
      const changes = retention ? retentionChanges(retention, organization.id, typedDays) : [];
      const rule = t('retention.rule', {
        min: formatNumber(retention?.hotDays ?? 1, i18n.language),
        max: formatNumber(MAX_KEEP_DAYS, i18n.language),
      });
      const found = {
        ...problemsOf(UpdateOrganizationInput, input, t),
        ...retentionProblems(changes, rule),
      };
      setProblems(found);
      if (Object.keys(found).length > 0) return;
      keep.reset();
      update.mutate(input, {
        onSuccess: () => {
          if (changes.length > 0) keep.mutate(changes, { onSuccess: onClose });
          else onClose();
        },
      });
    } else {
      const found = problemsOf(CreateOrganizationInput, form, t, { code: t('codeRule') });
      setProblems(found);
      if (Object.keys(found).length === 0) create.mutate(form);
    }
  };
  // A refused day count is the api's coded refusal (`history.keep-shorter-than-hot`), said
  // under the form; field errors are only the organization's own fields'.
  const shown = { ...problemsOfError(organization ? update.error : create.error, t), ...problems };
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
        {organization && retention ? (
          <TrackRetentionFields
            organization={organization}
            retention={retention}
            typed={typedDays}
            problems={shown}
            onChange={(kind, text) => setTypedDays((old) => ({ ...old, [kind]: text }))}
          />
        ) : null}
        {failed && Object.keys(shown).length === 0 ? (
          <p className="form-error" role="alert">
            <ErrorText error={failed} />
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            {t('forms:cancel')}
          </button>
          <button type="submit" className="primary" disabled={isPending}>
            {organization ? t('forms:save') : t('create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
