import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';

/**
 * Who may record equipment events: ADMIN and PORT_OPERATOR of the port authority (anywhere
 * in the port) and of a terminal operator (at the terminals it operates). Returns the
 * terminals the user is limited to, or null for the whole port.
 */
export async function eventWriterTerminals(
  deps: { db: Pick<Db, 'prisma'> },
  user: SessionUser,
): Promise<string[] | null> {
  const kind = user.organization.kind;
  const isOperator = user.role === 'ADMIN' || user.role === 'PORT_OPERATOR';
  if (!isOperator || (kind !== 'PORT_AUTHORITY' && kind !== 'TERMINAL_OPERATOR')) {
    throw new HarborError(
      'forbidden',
      'container.event-writers-only',
      'only ADMIN and PORT_OPERATOR staff of the port authority or a terminal operator may record equipment events',
    );
  }
  if (kind === 'PORT_AUTHORITY') return null;
  const terminals = await deps.db.prisma.terminal.findMany({
    where: { operatorOrganizationId: user.organization.id },
    select: { id: true },
  });
  return terminals.map((terminal) => terminal.id);
}
