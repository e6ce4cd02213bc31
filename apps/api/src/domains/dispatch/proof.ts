import type { Db } from '@harbor/db';
import type { DispatchJob } from '@harbor/shared';
import type { TerminalCommander } from '../vehicles/commands.ts';

/**
 * Proof of delivery: a job that asks for it gets a photo from its truck's camera as it is
 * delivered (0x8801, channel 1), recorded as a TAKE_PHOTO command for the job, so the photo
 * the terminal uploads is linked to the job (vehicles/media.ts) and shown with it. A truck
 * whose terminal is not connected then has the command recorded FAILED, for the board to say so.
 */
export async function requestProofPhoto(
  deps: { db: Pick<Db, 'prisma'>; commander: Pick<TerminalCommander, 'send'> },
  job: DispatchJob,
): Promise<'sent' | 'offline' | 'no-terminal'> {
  if (!job.vehicle) return 'no-terminal';
  const device = await deps.db.prisma.device.findUnique({
    where: { vehicleId: job.vehicle.id },
    select: { terminalPhone: true },
  });
  if (!device) return 'no-terminal';
  const request = { kind: 'TAKE_PHOTO', channelId: 1 } as const;
  const row = await deps.db.prisma.terminalCommand.create({
    data: {
      organizationId: job.organizationId,
      vehicleId: job.vehicle.id,
      terminalPhone: device.terminalPhone,
      kind: request.kind,
      request,
      dispatchJobId: job.id,
    },
  });
  if ((await deps.commander.send(row)) !== null) return 'sent';
  await deps.db.prisma.terminalCommand.update({
    where: { id: row.id },
    data: { status: 'FAILED' },
  });
  return 'offline';
}
