import type { ErrorCode, ErrorParams, FieldErrors, FieldIssues } from '@harbor/shared';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { type ErrorKind, fieldErrorsOf, fieldIssuesOf, HarborError } from '../../core/errors.ts';

/** The one table from a HarborError's kind to the tRPC code (and so the HTTP status) clients get. */
export const TRPC_CODE_OF_KIND = {
  invalid: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  'too-large': 'PAYLOAD_TOO_LARGE',
  'too-many': 'TOO_MANY_REQUESTS',
  // 503, as on plain HTTP: what a procedure cannot do now and may do later.
  unavailable: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<ErrorKind, TRPC_ERROR_CODE_KEY>;

/** The TRPCError a HarborError is sent as; it stays the cause, for the formatter and the log. */
export function toTrpcError(error: HarborError): TRPCError {
  return new TRPCError({
    code: TRPC_CODE_OF_KIND[error.kind],
    message: error.message,
    cause: error,
  });
}

/** The HarborError a TRPCError carries (tRPC wraps anything a procedure throws), if any. */
export function harborErrorOf(error: TRPCError): HarborError | null {
  return error.cause instanceof HarborError ? error.cause : null;
}

/** The error as clients are to see it: a wrapped HarborError becomes its own TRPCError. */
export function asSpoken(error: TRPCError): TRPCError {
  const harbor = harborErrorOf(error);
  return harbor && error.code !== TRPC_CODE_OF_KIND[harbor.kind] ? toTrpcError(harbor) : error;
}

/**
 * A subscription's stream with its HarborErrors sent as TRPCErrors: a stream fails after its
 * procedure has returned, past every middleware's catch.
 */
export async function* speakingTrpc<T>(source: AsyncIterable<T>): AsyncGenerator<T, void> {
  try {
    yield* source;
  } catch (error) {
    throw error instanceof HarborError ? toTrpcError(error) : error;
  }
}

type Issue = Parameters<typeof fieldIssuesOf>[0][number];

function hasIssues(cause: unknown): cause is { issues: Issue[] } {
  return (
    typeof cause === 'object' &&
    cause !== null &&
    Array.isArray((cause as { issues?: unknown }).issues)
  );
}

/** The message tRPC refuses an over-long batch with (resolveResponse's getRequestInfo). */
const BATCH_TOO_LARGE = 'Batch call exceeds maximum size';

/**
 * The stable code of an error: a HarborError's own; for tRPC's refusals of its own, the
 * input parser's (`input.invalid`), the batch limit's and a failure's (`server.failed`).
 */
export function reasonOf(error: TRPCError): ErrorCode | null {
  const harbor = harborErrorOf(error);
  if (harbor) return harbor.code;
  if (error.code === 'BAD_REQUEST' && hasIssues(error.cause)) return 'input.invalid';
  if (error.code === 'BAD_REQUEST' && error.message === BATCH_TOO_LARGE)
    return 'request.batch-too-large';
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'server.failed';
  return null;
}

export function paramsOf(error: TRPCError): ErrorParams | null {
  return harborErrorOf(error)?.params ?? null;
}

/** Field messages a client gets: a HarborError's, or tRPC's input parser's issues. */
export function fieldErrorsOfTrpc(error: TRPCError): FieldErrors | null {
  const harbor = harborErrorOf(error);
  if (harbor) return harbor.fieldErrors ?? null;
  return error.code === 'BAD_REQUEST' && hasIssues(error.cause)
    ? fieldErrorsOf(error.cause.issues)
    : null;
}

/** The same fields' problems as codes a client translates (FieldIssue). */
export function fieldIssuesOfTrpc(error: TRPCError): FieldIssues | null {
  const harbor = harborErrorOf(error);
  if (harbor) return harbor.fieldIssues ?? null;
  return error.code === 'BAD_REQUEST' && hasIssues(error.cause)
    ? fieldIssuesOf(error.cause.issues)
    : null;
}
