import type { Alert, DispatchJobChange, Position } from '@harbor/shared';
import { isTrackedEnvelope } from '@trpc/server';
import { PHONES, TRACK, type Who, YANGSHAN } from '../worlds/visibility.ts';
import type { Stream } from './entry.ts';
import { scopedMap } from './port-table.ts';
import { anyone, loggedIn, outcome, type Problems, seen, sees } from './rule.ts';

/** What a subscriber received, without tRPC's `tracked()` envelope. */
function dataOf<T>(item: unknown): T {
  return (isTrackedEnvelope(item) ? item[1] : item) as T;
}

/** The owners of what was heard, against those of what was published that `who` sees. */
function sameOwners(
  who: Who,
  heardIds: string[],
  published: { id: string; owner: 'dhcl' | 'lgft' | null }[],
): Problems {
  const name = (owner: 'dhcl' | 'lgft' | null) => owner ?? 'the port';
  const ownerOf = (id: string) => published.find((p) => p.id === id)?.owner;
  const heard = heardIds.map((id) => {
    const owner = ownerOf(id);
    return owner === undefined ? `unpublished ${id}` : name(owner);
  });
  const expected = published.filter((p) => sees(who, p.owner)).map((p) => name(p.owner));
  return heard.sort().join() === expected.sort().join()
    ? []
    : [`heard ${heard.join(', ') || 'nothing'}; expected ${expected.join(', ') || 'nothing'}`];
}

/**
 * The subscriptions: each viewer opens each one, the test publishes a movement of every
 * asset, an alert of DHCL, of LGFT and of the port, and a change of a DHCL and an LGFT job,
 * and each subscriber must have heard what it may see and nothing else.
 */
export const streams: Record<string, Stream> = {
  'positions.live': {
    open: ({ as }) => as.positions.live({ bbox: YANGSHAN, intervalMs: 100 }),
    expect: anyone,
    listensOn: 'positions',
    heard(items, { who }) {
      // First what is on the map, then what moved: the test moved every asset once.
      const [snapshot = [], ...updates] = items.map((item) => dataOf<Position[]>(item));
      return [
        ...scopedMap(who, snapshot, ['dhcl', 'lgft', null]).map((p) => `snapshot ${p}`),
        ...scopedMap(who, updates.flat(), ['dhcl', 'lgft', null]).map((p) => `live ${p}`),
      ];
    },
  },
  'positions.asset': {
    open: ({ as }) =>
      as.positions.asset({ assetKind: 'VEHICLE', assetKey: PHONES.dhcl, intervalMs: 100 }),
    expect: outcome(loggedIn, seen('dhcl')),
    listensOn: 'positions',
    heard(items, _run, published) {
      const positions = items.flatMap((item) => dataOf<Position[]>(item));
      const problems: Problems = [];
      if (positions.some((position) => position.assetKey !== PHONES.dhcl))
        problems.push('another asset');
      if (!positions.some((position) => position.fixAt === published.fixAt))
        problems.push('missed the movement');
      return problems;
    },
  },
  'positions.replay': {
    open: ({ as }) =>
      as.positions.replay({
        assetKind: 'VEHICLE',
        assetKey: PHONES.dhcl,
        from: TRACK.from.toISOString(),
        to: TRACK.to.toISOString(),
        speed: 10_000,
      }),
    expect: outcome(loggedIn, seen('dhcl')),
    listensOn: null,
    heard: (items) => (items.length === 6 ? [] : [`${items.length} fixes replayed`]),
  },
  'alerts.live': {
    open: ({ as }) => as.alerts.live(undefined),
    expect: anyone,
    listensOn: 'alerts',
    heard: (items, { who }, published) =>
      sameOwners(
        who,
        items.map((item) => dataOf<Alert>(item).id),
        published.alerts,
      ),
  },
  'dispatch.live': {
    open: ({ as }) => as.dispatch.live(undefined),
    expect: anyone,
    listensOn: 'jobs',
    heard: (items, { who }, published) =>
      sameOwners(
        who,
        items.map((item) => dataOf<DispatchJobChange>(item).job.id),
        published.jobs,
      ),
  },
};
