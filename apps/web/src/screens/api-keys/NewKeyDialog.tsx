import { CreateApiKeyInput } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Modal } from '../../ui/modal.tsx';
import { ShownOnce } from '../../ui/shown-once.tsx';

/** `apiKeys.create`: a name, then the key, shown this once. */
export function NewKeyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('apiKeys');
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter()),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(CreateApiKeyInput, { name }, t);
    setProblems(found);
    if (Object.keys(found).length === 0) create.mutate({ name });
  };
  const shown = { ...problemsOfError(create.error, t), ...problems };
  return (
    <Modal title={t('create.title')} onClose={onClose} testId="new-key-dialog">
      {create.data ? (
        <div className="admin-form">
          <ShownOnce label={t('create.key')} value={create.data.key} testId="new-key" />
          <p className="hint">{t('create.usage')}</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('forms:close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="admin-form" onSubmit={submit} noValidate>
          <FormField
            label={t('column.name')}
            problem={shown.name}
            render={({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="name"
                value={name}
                autoComplete="off"
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          />
          <p className="hint">{t('create.nameHint')}</p>
          {create.error && Object.keys(shown).length === 0 ? (
            <p className="form-error" role="alert">
              <ErrorText error={create.error} />
            </p>
          ) : null}
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              {t('forms:cancel')}
            </button>
            <button type="submit" className="primary" disabled={create.isPending}>
              {t('create.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
