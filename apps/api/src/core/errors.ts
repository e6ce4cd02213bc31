import type { ErrorCode, ErrorParams, FieldErrors, FieldIssue, FieldIssues } from '@harbor/shared';

/**
 * What kind of refusal an error is: all an edge needs to answer it (edges/trpc/errors.ts maps
 * each to a tRPC code, edges/http/error-answers.ts to an HTTP status).
 */
export const ERROR_KINDS = [
  /** The input breaks a rule: a field, a state machine, a layout. */
  'invalid',
  /** Nobody is known: no session, no key, wrong password. */
  'unauthenticated',
  /** The caller is known and may not do this. */
  'forbidden',
  /** No such thing, or none the caller may see (the two are told alike). */
  'not-found',
  /** The thing is not in a state that allows it now: taken, changed meanwhile, already done. */
  'conflict',
  /** The request is larger than Harbor takes. */
  'too-large',
  /** Too many calls or attempts: try again later. */
  'too-many',
  /** What is asked for is not served here, or not right now. */
  'unavailable',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export type HarborErrorDetails = {
  /** Values the translated text needs, e.g. `{ plate: '沪D12345' }`. */
  params?: ErrorParams;
  fieldErrors?: FieldErrors;
  /** The same fields' problems as codes a client translates (`fieldDetailsOf`). */
  fieldIssues?: FieldIssues;
  cause?: unknown;
};

/**
 * Harbor's one domain error: domain code, the pipeline and the edges' own checks throw it;
 * only the edges turn it into what their protocol says. `message` is English, for logs and
 * API users; `code` is stable and what a client branches on or translates.
 */
export class HarborError extends Error {
  override name = 'HarborError';
  readonly params: ErrorParams | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly fieldIssues: FieldIssues | undefined;

  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    details: HarborErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.params = details.params;
    this.fieldErrors = details.fieldErrors;
    this.fieldIssues = details.fieldIssues;
  }
}

/** True for a HarborError, of `kind` when one is given. */
export function isHarborError(error: unknown, kind?: ErrorKind): error is HarborError {
  return error instanceof HarborError && (kind === undefined || error.kind === kind);
}

export type Issue = {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
  /** zod's issue code and details (`too_small` with `minimum`, ...), when the issue is zod's. */
  code?: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  expected?: unknown;
  params?: unknown;
  /** The issue as a code already (a CSV file's problems): taken as it is. */
  fieldIssue?: FieldIssue;
};

const keyOf = (issue: Issue) =>
  (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');

/** `{ 'field.path': ['message', ...] }` of zod-like issues; issues about the whole input go under `''`. */
export function fieldErrorsOf(issues: readonly Issue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = keyOf(issue);
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const amount = (value: unknown) =>
  typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;

/** One zod issue as the code a client translates (FieldIssue). */
export function fieldIssueOf(issue: Issue): FieldIssue {
  if (issue.fieldIssue) return issue.fieldIssue;
  switch (issue.code) {
    case 'too_small':
      return {
        code: 'too-small',
        params: { origin: text(issue.origin), minimum: amount(issue.minimum) },
      };
    case 'too_big':
      return {
        code: 'too-big',
        params: { origin: text(issue.origin), maximum: amount(issue.maximum) },
      };
    case 'invalid_format':
      return { code: 'invalid-format', params: { format: text(issue.format) } };
    case 'invalid_value':
      return { code: 'invalid-value' };
    case 'invalid_type':
      // zod says what it received only in the message: nothing at all is a missing field.
      return / received undefined$/.test(issue.message)
        ? { code: 'required' }
        : { code: 'invalid-type', params: { expected: text(issue.expected) } };
    case 'unrecognized_keys':
      return { code: 'unrecognized-keys' };
    case 'custom': {
      const { rule, ...values } = (issue.params ?? {}) as Record<string, unknown>;
      if (typeof rule !== 'string') return { code: 'invalid' };
      const params = Object.fromEntries(
        Object.entries(values).filter(
          (entry): entry is [string, string | number] =>
            typeof entry[1] === 'string' || typeof entry[1] === 'number',
        ),
      );
      return Object.keys(params).length > 0
        ? { code: `rule.${rule}`, params }
        : { code: `rule.${rule}` };
    }
    default:
      return { code: 'invalid' };
  }
}

/** `{ 'field.path': [FieldIssue, ...] }` of zod-like issues, keyed as fieldErrorsOf keys them. */
export function fieldIssuesOf(issues: readonly Issue[]): FieldIssues {
  const fields: FieldIssues = {};
  for (const issue of issues) {
    const key = keyOf(issue);
    fields[key] = [...(fields[key] ?? []), fieldIssueOf(issue)];
  }
  return fields;
}

/** A refusal's field details from zod-like issues: English messages and translatable codes. */
export function fieldDetailsOf(issues: readonly Issue[]): {
  fieldErrors: FieldErrors;
  fieldIssues: FieldIssues;
} {
  return { fieldErrors: fieldErrorsOf(issues), fieldIssues: fieldIssuesOf(issues) };
}
