import type { Db, Prisma } from '@harbor/db';
import type {
  DcsaEventClassifierCode,
  DcsaTransportEvent,
  DcsaTransportEventTypeCode,
} from '@harbor/shared';
import { v5 as uuidv5 } from 'uuid';
import type { Filters, Position } from './filters.ts';
import { localDateTime, transportCall, transportCallSelect } from './places.ts';

/**
 * Transport events (DCSA T&T 2.2 `transportEvent`, ARRI and DEPA) of the port calls, read from
 * the columns of the visit rows the visits domain keeps; nothing is stored for them here.
 * Every visit column below is one event of the vessel's transport call at the port:
 */
const SOURCES = [
  { code: 'ARRI', classifier: 'PLN', column: 'eta' },
  { code: 'ARRI', classifier: 'EST', column: 'predictedEta' },
  /** Actual time of berthing (ATB): a DCSA transport call at a port terminal arrives alongside. */
  { code: 'ARRI', classifier: 'ACT', column: 'ata' },
  { code: 'DEPA', classifier: 'PLN', column: 'etd' },
  { code: 'DEPA', classifier: 'ACT', column: 'atd' },
] as const satisfies readonly {
  code: DcsaTransportEventTypeCode;
  classifier: DcsaEventClassifierCode;
  column: keyof Prisma.VesselVisitWhereInput;
}[];

/**
 * The namespace of transport event ids (RFC 9562 §5.5, UUID v5): the id of a call's event is
 * the name `visit id/code/classifier` in it, the same on every request, so a poller that saw
 * the event before recognises it, with the latest time, when the call changes.
 */
const TRANSPORT_EVENT_NAMESPACE = '0b9f3c2e-4d1a-4c61-9a53-7c1d2e8f6a40';

export function transportEventId(
  visitId: string,
  code: DcsaTransportEventTypeCode,
  classifier: DcsaEventClassifierCode,
): string {
  return uuidv5(`${visitId}/${code}/${classifier}`, TRANSPORT_EVENT_NAMESPACE);
}

const visitSelect = {
  ...transportCallSelect,
  updatedAt: true,
  eta: true,
  predictedEta: true,
  ata: true,
  etd: true,
  atd: true,
} satisfies Prisma.VesselVisitSelect;
type VisitRow = Prisma.VesselVisitGetPayload<{ select: typeof visitSelect }>;

function sourcesOf(filters: Filters) {
  const codes = filters.transportEventTypeCode;
  return SOURCES.filter((source) => !codes || codes.includes(source.code));
}

/**
 * The events of one call. They are created, in DCSA's sense, when the call last changed
 * (`updatedAt`): a changed estimate is published again under the same id, and a poller
 * reading `eventCreatedDateTime:gte` from its last poll sees it.
 */
function eventsOf(visit: VisitRow, filters: Filters): DcsaTransportEvent[] {
  return sourcesOf(filters).flatMap(({ code, classifier, column }) => {
    const at = visit[column];
    if (!at) return [];
    return [
      {
        eventID: transportEventId(visit.id, code, classifier),
        eventType: 'TRANSPORT' as const,
        eventClassifierCode: classifier,
        eventCreatedDateTime: visit.updatedAt.toISOString(),
        eventDateTime: localDateTime(at, visit.port.timezone),
        transportEventTypeCode: code,
        transportCall: transportCall(visit),
      },
    ];
  });
}

const PRISMA_OP = { gte: 'gte', gt: 'gt', lte: 'lte', lt: 'lt', eq: 'equals' } as const;

/** The calls with at least one event matching `filters`, apart from the page position. */
function visitsWhere(filters: Filters): Prisma.VesselVisitWhereInput[] {
  return [
    // A cancelled call will neither arrive nor depart: its planned times are void.
    { status: { not: 'CANCELLED' } },
    { OR: sourcesOf(filters).map(({ column }) => ({ [column]: { not: null } })) },
    ...filters.created.map(([op, value]) => ({ updatedAt: { [PRISMA_OP[op]]: new Date(value) } })),
    ...(filters.transportCallID ? [{ id: filters.transportCallID }] : []),
    ...(filters.imo !== undefined ? [{ vessel: { is: { imo: filters.imo } } }] : []),
    ...(filters.voyageNumber ? [{ voyageNumber: filters.voyageNumber }] : []),
    ...(filters.unlocode ? [{ port: { is: { unlocode: filters.unlocode } } }] : []),
  ];
}

/**
 * At least the first `take` transport events after `after` in the feed's order (eventCreated-
 * DateTime, eventID), or all there are. Calls are read in updatedAt order: those at the
 * position's own time whole (their events may sort either side of it), then `take` calls
 * beyond it, then every other call at the last one's time, so no event that sorts before the
 * last one read is missed. Each call read has at least one matching event.
 */
export async function transportEventsPage(
  deps: { db: Pick<Db, 'prisma'> },
  filters: Filters,
  after: Position | null,
  take: number,
): Promise<DcsaTransportEvent[]> {
  const prisma = deps.db.prisma;
  const base = visitsWhere(filters);
  const order = filters.descending ? 'desc' : 'asc';
  const beyond = filters.descending ? 'lt' : 'gt';
  const read = (where: Prisma.VesselVisitWhereInput[], limit?: number) =>
    prisma.vesselVisit.findMany({
      where: { AND: [...base, ...where] },
      select: visitSelect,
      orderBy: [{ updatedAt: order }, { id: order }],
      ...(limit !== undefined ? { take: limit } : {}),
    });
  const atPosition = after ? await read([{ updatedAt: after.at }]) : [];
  const next = await read(after ? [{ updatedAt: { [beyond]: after.at } }] : [], take);
  const last = next.at(-1);
  const sameTimeAsLast =
    last && next.length === take
      ? await read([{ updatedAt: last.updatedAt }, { id: { [beyond]: last.id } }])
      : [];
  const events = [...atPosition, ...next, ...sameTimeAsLast].flatMap((visit) =>
    eventsOf(visit, filters),
  );
  if (!after) return events;
  const position = { at: after.at.toISOString(), id: after.id };
  return events.filter((event) => {
    const sign = compareFeedKeys(feedKey(event), position);
    return filters.descending ? sign < 0 : sign > 0;
  });
}

/** An event's place in the feed: eventCreatedDateTime (UTC ISO strings sort as times), eventID. */
export type FeedKey = { at: string; id: string };
export const feedKey = (event: { eventCreatedDateTime: string; eventID: string }): FeedKey => ({
  at: event.eventCreatedDateTime,
  id: event.eventID,
});

/** The feed's ascending order of two keys: negative, zero or positive. */
export function compareFeedKeys(a: FeedKey, b: FeedKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}
