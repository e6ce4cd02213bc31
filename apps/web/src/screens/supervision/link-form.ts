import { type Jt809Edition, SaveSupervisionLinkInput, type SupervisionLink } from '@harbor/shared';
import type { TFunction } from 'i18next';
import { type FieldProblems, problemsOf } from '../../ui/field-problems.ts';

/** The settings form as typed: numbers as their text, the password blank to keep it. */
export type LinkFormValue = {
  enabled: boolean;
  edition: Jt809Edition;
  host: string;
  port: string;
  userId: string;
  password: string;
  gnssCenterId: string;
  platformId: string;
  downLinkIp: string;
  downLinkPort: string;
  encrypted: boolean;
  /** The link is stored encrypted: blank constants keep the stored ones. */
  hasStoredKeys: boolean;
  m1: string;
  ia1: string;
  ic1: string;
  key: string;
};

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * The form for a link, or a blank one for the first. The api never gives the password or the
 * cipher's constants back: they stay blank, and left blank they are kept as they are.
 */
export function formOf(link: SupervisionLink | null): LinkFormValue {
  return {
    enabled: link?.enabled ?? true,
    edition: link?.edition ?? 'JT809_2011',
    host: link?.host ?? '',
    port: text(link?.port),
    userId: text(link?.userId),
    password: '',
    gnssCenterId: text(link?.gnssCenterId),
    platformId: link?.platformId ?? '',
    downLinkIp: link?.downLinkIp ?? '',
    downLinkPort: text(link?.downLinkPort),
    encrypted: link?.encrypted ?? false,
    hasStoredKeys: link?.encrypted ?? false,
    m1: '',
    ia1: '',
    ic1: '',
    key: '',
  };
}

/** Digits only as a number; anything else (blank, 1e3, -1) fails the schema as not a number. */
const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN);

/** An encrypted link whose constants the admin left blank: the stored ones are kept. */
const keepsEncryption = (form: LinkFormValue) =>
  form.hasStoredKeys && [form.m1, form.ia1, form.ic1, form.key].every((v) => v.trim() === '');

/** The form as `supervision.save` takes it, before the shared schema checks it. */
export function inputOf(form: LinkFormValue): unknown {
  return {
    enabled: form.enabled,
    edition: form.edition,
    host: form.host,
    port: whole(form.port),
    userId: whole(form.userId),
    ...(form.password === '' ? {} : { password: form.password }),
    gnssCenterId: whole(form.gnssCenterId),
    platformId: form.platformId,
    downLinkIp: form.downLinkIp,
    downLinkPort: whole(form.downLinkPort),
    // An encrypted link saved again with its constants left blank keeps the stored ones.
    ...(form.encrypted && keepsEncryption(form)
      ? {}
      : {
          encryption: form.encrypted
            ? {
                m1: whole(form.m1),
                ia1: whole(form.ia1),
                ic1: whole(form.ic1),
                key: whole(form.key),
              }
            : null,
        }),
  };
}

/**
 * The form checked by the schema the api checks it with, each field's first problem in the
 * user's words; a first link also needs its password (the api refuses it without).
 */
export function checkLinkForm(
  form: LinkFormValue,
  isNew: boolean,
  t: TFunction,
): { problems: FieldProblems; input: SaveSupervisionLinkInput | null } {
  const dword = t('supervision:settings.invalid.dword');
  const port = t('supervision:settings.invalid.port');
  const problems = problemsOf(SaveSupervisionLinkInput, inputOf(form), t, {
    host: t('supervision:settings.invalid.host'),
    port,
    downLinkPort: port,
    userId: dword,
    gnssCenterId: dword,
    'encryption.m1': dword,
    'encryption.ia1': dword,
    'encryption.ic1': dword,
    'encryption.key': dword,
    downLinkIp: t('supervision:settings.invalid.downLinkIp'),
  });
  if (isNew && form.password === '') problems.password ??= t('forms:required');
  if (Object.keys(problems).length > 0) return { problems, input: null };
  return { problems, input: SaveSupervisionLinkInput.parse(inputOf(form)) };
}
