import { type DispatchJob, type DispatchJobKind, DispatchJobKindSchema } from '@harbor/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { Dialog } from './Dialog.tsx';
import { fromLocalInput, toLocalInput } from './format.ts';
import { ZonePicker } from './ZonePicker.tsx';

type Form = {
  reference: string;
  kind: DispatchJobKind;
  containerNumber: string;
  pickupZoneCode: string;
  dropoffZoneCode: string;
  windowStart: string;
  windowEnd: string;
  note: string;
  requiresProofPhoto: boolean;
};

function initialForm(now: Date): Form {
  const start = new Date(now.getTime() + 60 * 60_000);
  start.setMinutes(0, 0, 0);
  return {
    reference: '',
    kind: 'CONTAINER_MOVE',
    containerNumber: '',
    pickupZoneCode: '',
    dropoffZoneCode: '',
    windowStart: toLocalInput(start),
    windowEnd: toLocalInput(new Date(start.getTime() + 2 * 60 * 60_000)),
    note: '',
    requiresProofPhoto: false,
  };
}

/** A labelled field (`render` gets the control's id) with the api's messages for it below. */
function Field({
  label,
  errors,
  render,
}: {
  label: string;
  errors?: string[] | undefined;
  render: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="dispatch-field">
      <label htmlFor={id}>{label}</label>
      {render(id)}
      {errors?.map((message) => (
        <span key={message} className="form-error">
          {message}
        </span>
      ))}
    </div>
  );
}

/** `dispatch.create`, with the api's messages shown under the field they concern. */
export function NewJobDialog({
  onCreated,
  onClose,
}: {
  onCreated: (job: DispatchJob) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('dispatch');
  const [form, setForm] = useState(() => initialForm(new Date()));
  const zones = useQuery(trpc.port.zones.queryOptions({}));
  const terminals = useQuery(trpc.port.terminals.queryOptions());
  const create = useMutation(
    trpc.dispatch.create.mutationOptions({
      onSuccess: (job) => {
        onCreated(job);
        onClose();
      },
    }),
  );
  const errors = create.error ? fieldErrors(create.error) : {};
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  const input =
    (key: Exclude<keyof Form, 'kind' | 'requiresProofPhoto'>, type = 'text') =>
    (id: string) => (
      <input
        id={id}
        type={type}
        name={key}
        value={form[key]}
        aria-invalid={errors[key] ? true : undefined}
        onChange={(event) => set(key, event.target.value)}
      />
    );
  const zonePicker = (key: 'pickupZoneCode' | 'dropoffZoneCode') => (id: string) => (
    <ZonePicker
      id={id}
      label={t(`newJob.${key}`)}
      name={key}
      value={form[key]}
      zones={zones.data ?? []}
      terminals={terminals.data ?? []}
      isInvalid={Boolean(errors[key])}
      onChange={(code) => set(key, code)}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      reference: form.reference,
      kind: form.kind,
      containerNumber: form.containerNumber.trim() || undefined,
      pickupZoneCode: form.pickupZoneCode,
      dropoffZoneCode: form.dropoffZoneCode,
      windowStart: fromLocalInput(form.windowStart),
      windowEnd: fromLocalInput(form.windowEnd),
      note: form.note.trim() || undefined,
      requiresProofPhoto: form.requiresProofPhoto,
    });
  };
  const general = Object.entries(errors).filter(([key]) => !(key in form));
  return (
    <Dialog title={t('newJob.title')} onClose={onClose} testId="new-job">
      <form className="dispatch-form dispatch-grid" onSubmit={submit} noValidate>
        <Field
          label={t('newJob.reference')}
          errors={errors.reference}
          render={input('reference')}
        />
        <Field
          label={t('newJob.kind')}
          errors={errors.kind}
          render={(id) => (
            <select
              id={id}
              name="kind"
              value={form.kind}
              onChange={(event) => set('kind', event.target.value as DispatchJobKind)}
            >
              {DispatchJobKindSchema.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        />
        <Field
          label={t('newJob.containerNumber')}
          errors={errors.containerNumber}
          render={input('containerNumber')}
        />
        <Field label={t('newJob.note')} errors={errors.note} render={input('note')} />
        <Field
          label={t('newJob.pickupZoneCode')}
          errors={errors.pickupZoneCode}
          render={zonePicker('pickupZoneCode')}
        />
        <Field
          label={t('newJob.dropoffZoneCode')}
          errors={errors.dropoffZoneCode}
          render={zonePicker('dropoffZoneCode')}
        />
        <Field
          label={t('newJob.windowStart')}
          errors={errors.windowStart}
          render={input('windowStart', 'datetime-local')}
        />
        <Field
          label={t('newJob.windowEnd')}
          errors={errors.windowEnd}
          render={input('windowEnd', 'datetime-local')}
        />
        <label className="dispatch-check">
          <input
            type="checkbox"
            name="requiresProofPhoto"
            checked={form.requiresProofPhoto}
            onChange={(event) => set('requiresProofPhoto', event.target.checked)}
          />
          {t('newJob.requiresProofPhoto')}
        </label>
        {create.error && Object.keys(errors).length === 0 ? (
          <p className="form-error" role="alert">
            <ErrorText error={create.error} />
          </p>
        ) : null}
        {general.map(([key, messages]) => (
          <p key={key} className="form-error" role="alert">
            {messages.join('; ')}
          </p>
        ))}
        <div className="dispatch-form-actions">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('newJob.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
