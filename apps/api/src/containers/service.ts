import type { Db } from '@harbor/db';
import type { Container, EquipmentEvent } from '@harbor/shared';
import { TRPCError } from '@trpc/server';

type EventRow = Omit<EquipmentEvent, 'eventAt' | 'eventCreatedAt'> & {
  eventAt: Date;
  eventCreatedAt: Date;
};

function toEquipmentEvent(row: EventRow): EquipmentEvent {
  return {
    id: row.id,
    eventType: row.eventType,
    eventClassifier: row.eventClassifier,
    emptyIndicator: row.emptyIndicator,
    eventAt: row.eventAt.toISOString(),
    eventCreatedAt: row.eventCreatedAt.toISOString(),
    terminalId: row.terminalId,
    yardBlockId: row.yardBlockId,
    bay: row.bay,
    row: row.row,
    tier: row.tier,
    vesselVisitId: row.vesselVisitId,
    vehicleId: row.vehicleId,
    dispatchJobId: row.dispatchJobId,
  } satisfies EquipmentEvent;
}

/** A container by its (already validated) ISO 6346 number, with its equipment events oldest first. */
export async function getContainerByNumber(deps: { db: Db }, number: string): Promise<Container> {
  const row = await deps.db.prisma.container.findUnique({
    where: { number },
    include: { equipmentEvents: { orderBy: [{ eventAt: 'asc' }, { eventCreatedAt: 'asc' }] } },
  });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `no container ${number} in Harbor` });
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    tareKg: row.tareKg,
    maxGrossKg: row.maxGrossKg,
    events: row.equipmentEvents.map(toEquipmentEvent),
  } satisfies Container;
}
