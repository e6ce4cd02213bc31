import { Prisma } from '@harbor/db';
import { TRPCError } from '@trpc/server';

/**
 * Turns the Prisma errors a caller can cause into tRPC errors with a clear message: a
 * unique-constraint violation (P2002) into CONFLICT, a missing row in an update (P2025)
 * into NOT_FOUND. Anything else is rethrown as it is.
 */
export function rethrowPrismaError(
  error: unknown,
  messages: { conflict?: string; notFound?: string },
): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002' && messages.conflict) {
      throw new TRPCError({ code: 'CONFLICT', message: messages.conflict, cause: error });
    }
    if (error.code === 'P2025' && messages.notFound) {
      throw new TRPCError({ code: 'NOT_FOUND', message: messages.notFound, cause: error });
    }
  }
  throw error;
}
