import type { Db, Prisma } from '@harbor/db';
import {
  type DcsaEquipmentEvent,
  DcsaEquipmentEventTypeCode,
  type DcsaEventsQuery,
} from '@harbor/shared';
import { z } from 'zod';
import { type ContainerVisibility, visibleContainersWhere } from '../containers/visibility.ts';
import {
  effectiveParticulars,
  type ParticularsRow,
  particularsSelect,
} from '../vessels/particulars.ts';

/** What a page is filtered by; the cursor carries it so `?cursor=` alone gives the next page. */
const FiltersSchema = z.object({
  equipmentEventTypeCode: z.array(DcsaEquipmentEventTypeCode).optional(),
  equipmentReference: z.string().optional(),
  created: z.array(z.tuple([z.enum(['gte', 'gt', 'lte', 'lt', 'eq']), z.string()])),
  noEquipment: z.boolean(),
});
type Filters = z.infer<typeof FiltersSchema>;

const CursorSchema = z.object({
  f: FiltersSchema,
  /** The last event of the page: eventCreatedDateTime and id (the sort key). */
  at: z.iso.datetime(),
  id: z.uuid(),
});

export class BadCursorError extends Error {}

export function filtersOf(query: DcsaEventsQuery): Filters {
  const created: Filters['created'] = [];
  if (query.eventCreatedDateTime) created.push(['eq', query.eventCreatedDateTime]);
  for (const op of ['gte', 'gt', 'lte', 'lt', 'eq'] as const) {
    const value = query[`eventCreatedDateTime:${op}`];
    if (value) created.push([op, value]);
  }
  return {
    ...(query.equipmentEventTypeCode
      ? { equipmentEventTypeCode: query.equipmentEventTypeCode }
      : {}),
    ...(query.equipmentReference
      ? { equipmentReference: query.equipmentReference.toUpperCase() }
      : {}),
    created,
    noEquipment: query.eventType ? !query.eventType.includes('EQUIPMENT') : false,
  };
}

function encodeCursor(filters: Filters, last: { eventCreatedAt: Date; id: string }): string {
  const cursor = { f: filters, at: last.eventCreatedAt.toISOString(), id: last.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new BadCursorError('cursor is not one this server gave out');
  }
}

const eventInclude = {
  container: { select: { number: true, isoSizeType: true } },
  terminal: { select: { code: true, name: true, port: { select: { unlocode: true } } } },
  zone: { select: { code: true, name: true, port: { select: { unlocode: true } } } },
  vesselVisit: {
    select: {
      id: true,
      voyageNumber: true,
      port: { select: { unlocode: true } },
      terminal: { select: { code: true } },
      vessel: { select: particularsSelect },
    },
  },
} satisfies Prisma.EquipmentEventInclude;
type EventRow = Prisma.EquipmentEventGetPayload<{ include: typeof eventInclude }>;

/**
 * The vessel of a transport call. Name and call sign are the effective ones (curated, else
 * AIS); the IMO number only when the port curated it: integrators key vessels by it, and an
 * AIS-reported one is an unverified claim any transmitter can make.
 */
function dcsaVessel(vessel: ParticularsRow) {
  const { name, callSign } = effectiveParticulars(vessel);
  return {
    ...(vessel.imo ? { vesselIMONumber: String(vessel.imo) } : {}),
    ...(name ? { vesselName: name } : {}),
    ...(vessel.flag ? { vesselFlag: vessel.flag } : {}),
    ...(callSign ? { vesselCallSignNumber: callSign } : {}),
  };
}

/** One event in DCSA's equipmentEvent shape. */
export function toDcsaEvent(row: EventRow): DcsaEquipmentEvent {
  const place = row.terminal ?? row.zone;
  const visit = row.vesselVisit;
  return {
    eventID: row.id,
    eventType: 'EQUIPMENT',
    eventClassifierCode: row.eventClassifier,
    eventCreatedDateTime: row.eventCreatedAt.toISOString(),
    eventDateTime: row.eventAt.toISOString(),
    equipmentEventTypeCode: row.eventType,
    equipmentReference: row.container.number,
    ISOEquipmentCode: row.container.isoSizeType,
    emptyIndicatorCode: row.emptyIndicator,
    ...(place
      ? {
          eventLocation: {
            locationName: place.name,
            UNLocationCode: place.port.unlocode,
            // Terminal codes stand in for SMDG codes; depots and warehouses have no code list.
            ...(place.code.length <= 6 ? { facilityCode: place.code } : {}),
            ...(row.terminal && row.terminal.code.length <= 6
              ? { facilityCodeListProvider: 'SMDG' as const }
              : {}),
          },
        }
      : {}),
    ...(visit
      ? {
          transportCall: {
            transportCallID: visit.id,
            ...(visit.voyageNumber ? { exportVoyageNumber: visit.voyageNumber } : {}),
            UNLocationCode: visit.port.unlocode,
            ...(visit.terminal && visit.terminal.code.length <= 6
              ? { facilityCode: visit.terminal.code, facilityCodeListProvider: 'SMDG' as const }
              : {}),
            facilityTypeCode: 'POTE' as const,
            modeOfTransport: 'VESSEL' as const,
            vessel: dcsaVessel(visit.vessel),
          },
        }
      : {}),
  };
}

const PRISMA_OP = { gte: 'gte', gt: 'gt', lte: 'lte', lt: 'lt', eq: 'equals' } as const;

/**
 * One page of the equipment events of the containers the key's organization sees, oldest
 * created first (DCSA's order for polling), keyset paginated on (eventCreatedAt, id) so a page
 * costs the same however deep it is. The scope comes from the key on every request, never
 * from the cursor, so a cursor cannot carry one organization's view to another.
 */
export async function findDcsaEvents(
  deps: { db: Pick<Db, 'prisma'> },
  visibility: ContainerVisibility,
  query: DcsaEventsQuery,
): Promise<{ events: DcsaEquipmentEvent[]; nextCursor: string | null }> {
  const limit = query.limit ?? 100;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const filters = cursor?.f ?? filtersOf(query);
  if (filters.noEquipment) return { events: [], nextCursor: null };
  const and: Prisma.EquipmentEventWhereInput[] = filters.created.map(([op, value]) => ({
    eventCreatedAt: { [PRISMA_OP[op]]: new Date(value) },
  }));
  if (cursor) {
    const at = new Date(cursor.at);
    and.push({
      OR: [{ eventCreatedAt: { gt: at } }, { eventCreatedAt: at, id: { gt: cursor.id } }],
    });
  }
  if (!visibility.seesAllContainers)
    and.push({ container: { is: visibleContainersWhere(visibility) } });
  const rows = await deps.db.prisma.equipmentEvent.findMany({
    where: {
      AND: and,
      ...(filters.equipmentEventTypeCode
        ? { eventType: { in: filters.equipmentEventTypeCode } }
        : {}),
      ...(filters.equipmentReference ? { container: { number: filters.equipmentReference } } : {}),
    },
    include: eventInclude,
    orderBy: [{ eventCreatedAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toDcsaEvent),
    nextCursor: rows.length > limit && last ? encodeCursor(filters, last) : null,
  };
}
