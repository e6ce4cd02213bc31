import { type ErrorCode, type ErrorParams, type FieldIssues, isErrorCode } from '@harbor/shared';
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { i18n as appI18n } from '../i18n/index.ts';
import { fieldIssueText } from '../trpc.ts';
import { formatDateTime } from './format.ts';

/** The stable code of a failed call (`vehicle.in-maintenance`, ...), if the api gave one the web knows. */
export function errorReason(error: unknown): ErrorCode | undefined {
  const data = (error as { data?: { reason?: unknown } } | null)?.data;
  return isErrorCode(data?.reason) ? data.reason : undefined;
}

/** The values the text of a failed call's reason needs (`{ plate: '沪D12345' }`). */
export function errorParams(error: unknown): ErrorParams {
  const data = (error as { data?: { params?: unknown } } | null)?.data;
  return typeof data?.params === 'object' && data.params !== null
    ? (data.params as ErrorParams)
    : {};
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The values as people read them: a time the api sends as ISO 8601 in the screens' own format. */
function readableParams(params: ErrorParams, language: string): ErrorParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' && ISO_DATE_TIME.test(value)
        ? formatDateTime(value, language, 'short')
        : value,
    ]),
  );
}

/**
 * A failed call in the user's language: the text of its stable code (`data.reason`, see
 * i18n/errors.ts) with its values (`data.params`) and the api's message as `{{message}}`;
 * the message itself when the error has no code the web knows (a network failure, an older
 * or newer api). Times among the values are shown like the screens' (`11/25 16:00`).
 */
export function errorText(
  error: unknown,
  i18n: Pick<I18n, 't'> & Partial<Pick<I18n, 'language'>> = appI18n,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = errorReason(error);
  if (!reason) return message;
  // What is wrong with the fields, in the user's language, stands for the api's English
  // message where the api says it as codes (`fieldIssues`).
  const issues = fieldIssuesOf(error);
  const fields = Object.values(issues)
    .map((list) => list[0])
    .filter((issue) => issue !== undefined)
    .map((issue) => fieldIssueText(issue, i18n));
  return i18n.t(reason, {
    ns: 'errors',
    defaultValue: message,
    // Under `replace`, a value never names an option of i18next (`count`, `lng`, ...).
    replace: {
      ...readableParams(errorParams(error), i18n.language ?? appI18n.language),
      message: fields.length > 0 ? fields.join(' ') : message,
    },
  });
}

function fieldIssuesOf(error: unknown): FieldIssues {
  const data = (error as { data?: { fieldIssues?: unknown } } | null)?.data;
  return typeof data?.fieldIssues === 'object' && data.fieldIssues !== null
    ? (data.fieldIssues as FieldIssues)
    : {};
}

/** errorText as a component; it follows a change of language. */
export function ErrorText({ error }: { error: unknown }) {
  const { i18n } = useTranslation('errors');
  return <>{errorText(error, i18n)}</>;
}
