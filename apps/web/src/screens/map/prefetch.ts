import type { SessionUser, Zone } from '@harbor/shared';
import { meQuery } from '../../auth/session.tsx';
import { queryClient, trpc, trpcClient } from '../../trpc.ts';
import { openFeed } from './opening-feed.ts';
import { openingView } from './opening-view.ts';
import { LIVE_INTERVAL_MS } from './use-live-positions.ts';

/** The port's zones change rarely: the map keeps them ten minutes. */
export const zonesQuery = () => trpc.port.zones.queryOptions({}, { staleTime: 10 * 60_000 });

/**
 * What the map needs before it can show its assets, asked for while the map's own code is
 * still loading rather than after its first render: the zones (they give its opening view)
 * and, for port staff (a fleet opens where its trucks are) on a plain address (not an
 * asset's), the live subscription for the view it opens on. The zones go in one request
 * with the session (one round trip, not two; for nobody logged in that request answers
 * 207, the zones refused and asked again after the login); the subscription opens once
 * the user is known.
 */
export function prefetchMap(): void {
  // Both asked in this tick: the batch link sends them together.
  const user = queryClient.fetchQuery(meQuery());
  const zones = queryClient.fetchQuery(zonesQuery());
  void openMap(user, zones).catch(
    // The screen asks again itself, and shows what fails.
    () => undefined,
  );
}

async function openMap(
  userAsked: Promise<SessionUser | null>,
  zonesAsked: Promise<Zone[]>,
): Promise<void> {
  const user = await userAsked;
  if (!user) return;
  const zones = await zonesAsked;
  if (user.organization.kind === 'LOGISTICS_COMPANY') return;
  if (new URLSearchParams(window.location.search).has('asset')) return;
  const view = openingView(zones, null);
  if (!view) return;
  openFeed(view, (bbox, handlers) =>
    trpcClient.positions.live.subscribe({ bbox, intervalMs: LIVE_INTERVAL_MS }, handlers),
  );
}
