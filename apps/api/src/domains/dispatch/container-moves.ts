import type { Prisma } from '@harbor/db';
import { recordEquipmentEvent } from '../containers/events.ts';

/** A dispatch job's container leaving the pickup (GTOT) or arriving at the drop-off (GTIN). */
export type ContainerMove = {
  containerNumber: string;
  eventType: 'GTOT' | 'GTIN';
  emptyIndicator: 'EMPTY' | 'LADEN';
  eventAt: Date;
  /** The job's zone: a terminal's gate (recorded at that terminal) or a depot or warehouse. */
  zone: { id: string; terminalId: string | null };
  vehicleId: string;
  dispatchJobId: string;
};

/**
 * Records the move through the containers service, which owns the rules of where a
 * container may be (it refuses, for one, a gate-out of a container not in that terminal).
 * Harbor records it on the job's behalf, so no user is named.
 */
export async function recordContainerMove(
  tx: Prisma.TransactionClient,
  move: ContainerMove,
  now: Date,
): Promise<void> {
  await recordEquipmentEvent(
    tx,
    {
      containerNumber: move.containerNumber,
      eventType: move.eventType,
      eventClassifier: 'ACT',
      emptyIndicator: move.emptyIndicator,
      eventAt: move.eventAt.toISOString(),
      ...(move.zone.terminalId
        ? { terminalId: move.zone.terminalId, zoneId: move.zone.id }
        : { zoneId: move.zone.id }),
      vehicleId: move.vehicleId,
      note: `dispatch job ${move.eventType === 'GTOT' ? 'left the pickup loaded' : 'delivered'}`,
    },
    { recordedById: null, dispatchJobId: move.dispatchJobId },
    { now },
  );
}
