import { InviteUserInput, type Role, RoleSchema } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { Modal } from '../../ui/modal.tsx';
import { ShownOnce } from '../../ui/shown-once.tsx';
import { linkFor } from '../account/link-token.ts';

type Form = {
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  organizationId: string;
};

/**
 * `users.invite`: email, name, role (and, for the port authority's admins, the organization);
 * then the invitation link, shown once, for the admin to pass on.
 */
export function InviteDialog({
  organizations,
  ownOrganizationId,
  onClose,
}: {
  /** The organizations to invite into; one only (the admin's own) hides the choice. */
  organizations: { id: string; name: string }[];
  ownOrganizationId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('users');
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({
    email: '',
    name: '',
    role: 'VIEWER',
    locale: i18n.language === 'en' ? 'en' : 'zh-CN',
    organizationId: ownOrganizationId,
  });
  const [problems, setProblems] = useState<FieldProblems>({});
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.users.invitations.pathFilter()),
    }),
  );
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(InviteUserInput, form, t);
    setProblems(found);
    if (Object.keys(found).length === 0) invite.mutate(form);
  };
  const shown = { ...problemsOfError(invite.error, t), ...problems };
  const text = (key: 'email' | 'name', type: string, autoComplete: string) =>
    function render({
      id,
      describedBy,
      invalid,
    }: {
      id: string;
      describedBy: string | undefined;
      invalid: true | undefined;
    }) {
      return (
        <input
          id={id}
          name={key}
          type={type}
          autoComplete={autoComplete}
          value={form[key]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => set(key, event.target.value)}
        />
      );
    };
  return (
    <Modal title={t('invite.title')} onClose={onClose} testId="invite-dialog">
      {invite.data ? (
        <div className="admin-form">
          <p role="status">{t('invite.created', { email: invite.data.invitation.email })}</p>
          <ShownOnce
            label={t('invite.link')}
            value={linkFor('invitation', invite.data.token, window.location.origin)}
            testId="invitation-link"
          />
          <div className="form-actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('forms:close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="admin-form" onSubmit={submit} noValidate>
          <FormField
            label={t('column.email')}
            problem={shown.email}
            render={text('email', 'email', 'off')}
          />
          <FormField
            label={t('column.name')}
            problem={shown.name}
            render={text('name', 'text', 'off')}
          />
          <FormField
            label={t('column.role')}
            problem={shown.role}
            render={({ id }) => (
              <select
                id={id}
                name="role"
                value={form.role}
                onChange={(event) => set('role', event.target.value as Role)}
              >
                {RoleSchema.options.map((role) => (
                  <option key={role} value={role}>
                    {t(`common:role.${role}`)}
                  </option>
                ))}
              </select>
            )}
          />
          {organizations.length > 1 ? (
            <FormField
              label={t('column.organization')}
              problem={shown.organizationId}
              render={({ id }) => (
                <select
                  id={id}
                  name="organizationId"
                  value={form.organizationId}
                  onChange={(event) => set('organizationId', event.target.value)}
                >
                  {organizations.map((organization) => (
                    <option key={organization.id} value={organization.id}>
                      {organization.name}
                    </option>
                  ))}
                </select>
              )}
            />
          ) : null}
          <FormField
            label={t('invite.locale')}
            render={({ id }) => (
              <select
                id={id}
                name="locale"
                value={form.locale}
                onChange={(event) => set('locale', event.target.value as Form['locale'])}
              >
                <option value="zh-CN">中文</option>
                <option value="en">English</option>
              </select>
            )}
          />
          {invite.error && Object.keys(shown).length === 0 ? (
            <p className="form-error" role="alert">
              <ErrorText error={invite.error} />
            </p>
          ) : null}
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              {t('forms:cancel')}
            </button>
            <button type="submit" className="primary" disabled={invite.isPending}>
              {t('invite.submit')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
