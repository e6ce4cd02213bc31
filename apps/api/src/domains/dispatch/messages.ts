import type { Db } from '@harbor/db';
import type {
  ListTerminalMessagesInput,
  SendTerminalMessageInput,
  SessionUser,
  TerminalMessage,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { findVisibleVehicle } from '../vehicles/service.ts';
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
  const vehicle = await findVisibleVehicle(deps, user, input.vehicleId);
  if (vehicle.organizationId !== user.organization.id)
    throw new HarborError(
      'forbidden',
      'vehicle.other-company',
      "only the truck's own company may message it",
    );
  const device = await deps.db.prisma.device.findUnique({ where: { vehicleId: vehicle.id } });
  if (!device)
    throw new HarborError(
      'invalid',
      'vehicle.no-terminal',
      `${vehicle.plate} has no JT/T 808 terminal`,
      {
        params: { plate: vehicle.plate },
      },
    );
  if (input.jobId) await findOwnJob(deps, user, input.jobId);
  const row = await deps.db.prisma.terminalMessage.create({
    data: {
      organizationId: vehicle.organizationId,
      vehicleId: vehicle.id,
      terminalPhone: device.terminalPhone,
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
