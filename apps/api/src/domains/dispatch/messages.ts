import type { Db } from '@harbor/db';
import type {
  ListTerminalMessagesInput,
  SendTerminalMessageInput,
  SessionUser,
  TerminalMessage,
} from '@harbor/shared';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { findOwnTruckTerminal, findVisibleVehicle } from '../vehicles/service.ts';
import { findOwnJob } from './jobs.ts';
import { type TerminalMessenger, toTerminalMessage } from './messenger.ts';

type Deps = { db: Db; messenger: Pick<TerminalMessenger, 'deliver'> };

/**
 * Stores a text for a truck's terminal and sends it when the terminal is online (0x8300),
 * else leaves it QUEUED for the terminal's next authentication. Only the truck's own company
 * writes to its drivers.
 */
export async function sendTerminalMessage(
  deps: Deps,
  user: SessionUser,
  input: SendTerminalMessageInput,
): Promise<TerminalMessage> {
  const { vehicle, terminalPhone } = await findOwnTruckTerminal(deps, user, input.vehicleId);
  if (input.jobId) await findOwnJob(deps, user, input.jobId);
  const row = await deps.db.prisma.terminalMessage.create({
    data: {
      organizationId: vehicle.organizationId,
      vehicleId: vehicle.id,
      terminalPhone,
      text: input.text,
      flags: input.flags,
      sentById: user.id,
      dispatchJobId: input.jobId ?? null,
    },
  });
  return toTerminalMessage(await deps.messenger.deliver(row));
}

export async function listTerminalMessages(
  deps: Deps,
  user: SessionUser,
  input: ListTerminalMessagesInput,
) {
  await findVisibleVehicle(deps, user, input.vehicleId);
  const rows = await deps.db.prisma.terminalMessage.findMany({
    where: { vehicleId: input.vehicleId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(input, { vehicleId: input.vehicleId }),
  });
  return toPage(rows, input.limit, toTerminalMessage);
}
