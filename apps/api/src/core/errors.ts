import type { ErrorCode, ErrorParams, FieldErrors } from '@harbor/shared';

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

  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    details: HarborErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.params = details.params;
    this.fieldErrors = details.fieldErrors;
  }
}

/** True for a HarborError, of `kind` when one is given. */
export function isHarborError(error: unknown, kind?: ErrorKind): error is HarborError {
  return error instanceof HarborError && (kind === undefined || error.kind === kind);
}

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

/** `{ 'field.path': ['message', ...] }` of zod-like issues; issues about the whole input go under `''`. */
export function fieldErrorsOf(issues: readonly Issue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = (issue.path ?? [])
      .map((part) => String(typeof part === 'object' ? part.key : part))
      .join('.');
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}
