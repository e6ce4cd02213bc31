import { Prisma } from '@harbor/db';
import type { ErrorCode, ErrorParams } from '@harbor/shared';
import { HarborError } from './errors.ts';

/** What a caller-caused Prisma error is said to be: its code, English message and text values. */
export type PrismaRefusal = { code: ErrorCode; message: string; params?: ErrorParams };

/**
 * Turns the Prisma errors a caller can cause into HarborErrors with a clear message: a
 * unique-constraint violation (P2002) into a conflict, a missing row in an update (P2025)
 * into not-found. Anything else is rethrown as it is.
 */
export function rethrowPrismaError(
  error: unknown,
  refusals: { conflict?: PrismaRefusal; notFound?: PrismaRefusal },
): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const kind = error.code === 'P2002' ? 'conflict' : error.code === 'P2025' ? 'not-found' : null;
    const refusal = kind === 'conflict' ? refusals.conflict : refusals.notFound;
    if (kind && refusal) {
      throw new HarborError(kind, refusal.code, refusal.message, {
        params: refusal.params,
        cause: error,
      });
    }
  }
  throw error;
}
