import type { Db } from '@harbor/db';
import { DCSA_MAX_LIMIT, type DcsaEvent, type DcsaEventsQuery } from '@harbor/shared';
import type { ContainerVisibility } from '../containers/visibility.ts';
import { equipmentEventsPage } from './equipment-events.ts';
import { decodeCursor, encodeCursor, type Filters, filtersOf, type Position } from './filters.ts';
import { compareFeedKeys, feedKey, transportEventsPage } from './transport-events.ts';

export type DcsaEventsPage = {
  events: DcsaEvent[];
  /** The cursor of the next page; null on the last. */
  nextCursor: string | null;
  /** The cursor of the first page, when this page is a later one. */
  firstCursor: string | null;
};

/**
 * The time zone of equipment events with no place or vessel visit: the port's when Harbor
 * serves one port, else UTC (an offset of +00:00 is still a true offset).
 */
async function soleTimeZone(deps: { db: Pick<Db, 'prisma'> }): Promise<string> {
  const ports = await deps.db.prisma.port.findMany({ select: { timezone: true }, take: 2 });
  return ports.length === 1 && ports[0] ? ports[0].timezone : 'UTC';
}

/**
 * One page of the DCSA feed: equipment events of the containers the key's organization sees
 * (containers/visibility.ts) and transport events of every port call (vessel schedules are
 * port data every organization sees, auth/scope.ts), merged in one order: oldest
 * eventCreatedDateTime first (DCSA's order for polling; `sort=eventCreatedDateTime:DESC`
 * reverses it), then eventID. Keyset paginated, so a page costs the same however deep it is.
 * The scope comes from the key on every request, never from the cursor, so a cursor cannot
 * carry one organization's view to another.
 */
export async function findDcsaEvents(
  deps: { db: Pick<Db, 'prisma'> },
  visibility: ContainerVisibility,
  query: DcsaEventsQuery,
): Promise<DcsaEventsPage> {
  // DCSA's limit has no maximum; a page holds at most DCSA_MAX_LIMIT, and Next-Page goes on.
  const limit = Math.min(query.limit ?? 100, DCSA_MAX_LIMIT);
  const { filters, after }: { filters: Filters; after: Position | null } = query.cursor
    ? decodeCursor(query.cursor)
    : { filters: filtersOf(query), after: null };
  const firstCursor = after ? encodeCursor(filters) : null;
  const take = limit + 1;
  const [equipment, transport] = await Promise.all([
    filters.kinds.includes('EQUIPMENT')
      ? equipmentEventsPage(deps, visibility, filters, after, take, await soleTimeZone(deps))
      : [],
    filters.kinds.includes('TRANSPORT') ? transportEventsPage(deps, filters, after, take) : [],
  ]);
  const direction = filters.descending ? -1 : 1;
  const merged = [...equipment, ...transport].sort(
    (a, b) => direction * compareFeedKeys(feedKey(a), feedKey(b)),
  );
  const events = merged.slice(0, limit);
  const last = events.at(-1);
  return {
    events,
    nextCursor:
      merged.length > limit && last
        ? encodeCursor(filters, { at: new Date(last.eventCreatedDateTime), id: last.eventID })
        : null,
    firstCursor,
  };
}
