import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { fieldErrors } from '../../trpc.ts';
import { type Checked, invalidFromApi } from './fleet-forms.ts';

/** What the form needs of each of its mutations (create, update). */
type Mutation = { error: unknown; isPending: boolean };

/** The keys of a form's free-text fields (any string goes). */
type TextKey<Form> = { [K in keyof Form]: string extends Form[K] ? K : never }[keyof Form];

/**
 * A fleet dialog's form: its fields as typed, each refused field's one message (the check
 * before the call, else the api's refusal of it), and what `FleetFormDialog` shows of the
 * calls (a refusal that is no field's, whether one is under way).
 */
export function useFleetForm<Form>(initial: () => Form, mutations: readonly Mutation[]) {
  const [form, setForm] = useState<Form>(initial);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const failed = mutations.find((mutation) => mutation.error)?.error ?? null;
  const apiInvalid = failed ? invalidFromApi(fieldErrors(failed)) : {};
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((old) => ({ ...old, [key]: value }));
  return {
    form,
    set,
    /** Each refused field's message key (`invalid.plate`). */
    shown: { ...apiInvalid, ...invalid },
    /** Marks the fields the check refused, or sends what it passed. */
    send<Input>(checked: Checked<Input>, mutate: (input: Input) => void) {
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) mutate(checked.input);
    },
    /** A text field of the form, as `Field` renders it. */
    text:
      (key: TextKey<Form> & string, attributes?: InputHTMLAttributes<HTMLInputElement>) =>
      (id: string, bad: boolean, describedBy?: string) => (
        <input
          id={id}
          name={key}
          {...attributes}
          value={form[key] as string}
          aria-invalid={bad || undefined}
          aria-describedby={describedBy}
          onChange={(event) => setForm((old) => ({ ...old, [key]: event.target.value }))}
        />
      ),
    /** A choice of the form (its `option`s), as `Field` renders it. */
    select:
      (key: TextKey<Form> & string, options: ReactNode) =>
      (id: string, bad: boolean, describedBy?: string) => (
        <select
          id={id}
          name={key}
          value={form[key] as string}
          aria-invalid={bad || undefined}
          aria-describedby={describedBy}
          onChange={(event) => setForm((old) => ({ ...old, [key]: event.target.value }))}
        >
          {options}
        </select>
      ),
    /** The calls' state as `FleetFormDialog` shows it. */
    calls: {
      error: failed && Object.keys(apiInvalid).length === 0 ? failed : null,
      isPending: mutations.some((mutation) => mutation.isPending),
    },
  };
}
