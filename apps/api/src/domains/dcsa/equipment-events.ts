import type { Db, Prisma } from '@harbor/db';
import type { DcsaEquipmentEvent } from '@harbor/shared';
import { type ContainerVisibility, visibleContainersWhere } from '../containers/visibility.ts';
import type { Filters, Position } from './filters.ts';
import {
  localDateTime,
  portSelect,
  terminalLocation,
  terminalSelect,
  transportCall,
  transportCallSelect,
  zoneLocation,
} from './places.ts';

const eventInclude = {
  container: { select: { number: true, isoSizeType: true } },
  terminal: { select: { ...terminalSelect, port: { select: portSelect } } },
  zone: { select: { name: true, port: { select: portSelect } } },
  vesselVisit: { select: transportCallSelect },
} satisfies Prisma.EquipmentEventInclude;
type EventRow = Prisma.EquipmentEventGetPayload<{ include: typeof eventInclude }>;

/**
 * One equipment event in DCSA's equipmentEvent shape. `eventDateTime` is in the local time of
 * the event's port (its place's, else its vessel visit's, else `fallbackTimeZone`).
 */
function toDcsaEvent(row: EventRow, fallbackTimeZone: string): DcsaEquipmentEvent {
  const { terminal, zone, vesselVisit: visit } = row;
  const location = terminal
    ? terminalLocation(terminal, terminal.port)
    : zone
      ? zoneLocation(zone, zone.port)
      : null;
  const timeZone =
    terminal?.port.timezone ?? zone?.port.timezone ?? visit?.port.timezone ?? fallbackTimeZone;
  return {
    eventID: row.id,
    eventType: 'EQUIPMENT',
    eventClassifierCode: row.eventClassifier,
    eventCreatedDateTime: row.eventCreatedAt.toISOString(),
    eventDateTime: localDateTime(row.eventAt, timeZone),
    equipmentEventTypeCode: row.eventType,
    equipmentReference: row.container.number,
    ISOEquipmentCode: row.container.isoSizeType,
    emptyIndicatorCode: row.emptyIndicator,
    ...(location ? { eventLocation: location } : {}),
    ...(visit ? { transportCall: transportCall(visit) } : {}),
  };
}

const PRISMA_OP = { gte: 'gte', gt: 'gt', lte: 'lte', lt: 'lt', eq: 'equals' } as const;

/** The filters that apply to an event's vessel visit, as a `where` on VesselVisit. */
function visitWhere(filters: Filters): Prisma.VesselVisitWhereInput | null {
  const where: Prisma.VesselVisitWhereInput = {
    ...(filters.imo !== undefined ? { vessel: { is: { imo: filters.imo } } } : {}),
    ...(filters.voyageNumber ? { voyageNumber: filters.voyageNumber } : {}),
  };
  return Object.keys(where).length > 0 ? where : null;
}

/**
 * Up to `take` equipment events after `after` in the feed's order, of the containers the
 * viewer sees (containers/visibility.ts), keyset paginated on (eventCreatedAt, id).
 */
export async function equipmentEventsPage(
  deps: { db: Pick<Db, 'prisma'> },
  visibility: ContainerVisibility,
  filters: Filters,
  after: Position | null,
  take: number,
  fallbackTimeZone: string,
): Promise<DcsaEquipmentEvent[]> {
  const and: Prisma.EquipmentEventWhereInput[] = filters.created.map(([op, value]) => ({
    eventCreatedAt: { [PRISMA_OP[op]]: new Date(value) },
  }));
  const beyond = filters.descending ? 'lt' : 'gt';
  if (after) {
    and.push({
      OR: [
        { eventCreatedAt: { [beyond]: after.at } },
        { eventCreatedAt: after.at, id: { [beyond]: after.id } },
      ],
    });
  }
  if (!visibility.seesAllContainers)
    and.push({ container: { is: visibleContainersWhere(visibility) } });
  if (filters.equipmentEventTypeCode)
    and.push({ eventType: { in: filters.equipmentEventTypeCode } });
  if (filters.equipmentReference)
    and.push({ container: { is: { number: filters.equipmentReference } } });
  if (filters.transportCallID) and.push({ vesselVisitId: filters.transportCallID });
  const visit = visitWhere(filters);
  if (visit) and.push({ vesselVisit: { is: visit } });
  if (filters.unlocode) {
    const port = { port: { is: { unlocode: filters.unlocode } } };
    and.push({
      OR: [{ terminal: { is: port } }, { zone: { is: port } }, { vesselVisit: { is: port } }],
    });
  }
  const order = filters.descending ? 'desc' : 'asc';
  const rows = await deps.db.prisma.equipmentEvent.findMany({
    where: { AND: and },
    include: eventInclude,
    orderBy: [{ eventCreatedAt: order }, { id: order }],
    take,
  });
  return rows.map((row) => toDcsaEvent(row, fallbackTimeZone));
}
