import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldErrors } from '../trpc.ts';

/** One translated message per field of a form, by field name; `''` for the form as a whole. */
export type FieldProblems = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** An issue of the shared contract in the user's words (namespace `forms`). */
function issueText(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === 1 || issue.minimum === 1n
        ? t('forms:required')
        : t('forms:tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('forms:tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('forms:email') : t('forms:invalid');
    default:
      return t('forms:invalid');
  }
}

/**
 * The problems of a form's value under the shared contract the api checks it with, the
 * first of each field, translated; `rules` gives a field's own text for a rule the generic
 * words cannot say (an organization code's letters and digits). Empty when the value passes.
 */
export function problemsOf(
  schema: z.ZodType,
  value: unknown,
  t: TFunction,
  rules: Record<string, string> = {},
): FieldProblems {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const problems: FieldProblems = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    problems[field] ??= rules[field] ?? issueText(issue, t);
  }
  return problems;
}

/**
 * The fields the api refused, should it refuse what the web let through (its rules changed):
 * each named, in the user's words, without the api's English.
 */
export function problemsOfError(error: unknown, t: TFunction): FieldProblems {
  return Object.fromEntries(
    Object.keys(fieldErrors(error)).map((field) => [field, t('forms:invalid')]),
  );
}
