import type { Db } from '@harbor/db';
import type {
  ListTerminalCommandsInput,
  SendTerminalCommandInput,
  SessionUser,
  TerminalCommand,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { findOwnJobOfTruck } from '../dispatch/jobs.ts';
import { type TerminalCommander, toTerminalCommand } from './commands.ts';
import { findOwnTruckTerminal, findVisibleVehicle } from './service.ts';

type Deps = { db: Db; commander: Pick<TerminalCommander, 'send'> };

/**
 * Sends a command to a truck's terminal now (its position, its parameters, a photo, a
 * restart) and stores it to record the answer. Only the truck's own company commands it, a
 * restart only its admins; a terminal not connected is refused rather than queued, as what
 * is asked is wanted now.
 */
export async function sendTerminalCommand(
  deps: Deps,
  user: SessionUser,
  input: SendTerminalCommandInput,
): Promise<TerminalCommand> {
  const { vehicle, terminalPhone } = await findOwnTruckTerminal(deps, user, input.vehicleId);
  if (input.command.kind === 'RESET' && user.role !== 'ADMIN')
    throw new HarborError('forbidden', 'vehicle.reset-admin-only', 'only admins restart terminals');
  if (input.jobId) await findOwnJobOfTruck(deps, user, input.jobId, vehicle);
  const commands = deps.db.prisma.terminalCommand;
  const row = await commands.create({
    data: {
      organizationId: vehicle.organizationId,
      vehicleId: vehicle.id,
      terminalPhone,
      kind: input.command.kind,
      request: input.command,
      requestedById: user.id,
      dispatchJobId: input.jobId ?? null,
    },
  });
  const serial = await deps.commander.send(row).catch(async (error: unknown) => {
    await commands.delete({ where: { id: row.id } });
    throw error;
  });
  if (serial === null) {
    await commands.delete({ where: { id: row.id } });
    throw new HarborError(
      'unavailable',
      'vehicle.terminal-offline',
      `${vehicle.plate}'s terminal is not connected`,
      { params: { plate: vehicle.plate } },
    );
  }
  return toTerminalCommand(await commands.findUniqueOrThrow({ where: { id: row.id } }));
}

/** A truck's commands, newest first, with their answers. */
export async function listTerminalCommands(
  deps: { db: Db },
  user: SessionUser,
  input: ListTerminalCommandsInput,
) {
  await findVisibleVehicle(deps, user, input.vehicleId);
  const rows = await deps.db.prisma.terminalCommand.findMany({
    where: { vehicleId: input.vehicleId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(input, { vehicleId: input.vehicleId }),
  });
  return toPage(rows, input.limit, toTerminalCommand);
}
