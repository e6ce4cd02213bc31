import type { SupervisionLink } from '@harbor/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { itemsOf, loadEveryPage } from '../../every-page.ts';
import { trpc, trpcClient } from '../../trpc.ts';

/** How often the screen asks again for the link's status and the platform's messages. */
export const STATUS_REFRESH_MS = 5_000;
/** The most messages `supervision.requests` gives at once. */
const REQUESTS = { limit: 200 } as const;
/** The largest page `vehicles.list` gives: the fleet screen asks the same (one cache entry). */
const ALL_VEHICLES = { limit: 500 } as const;

/** The company's link with what its holder last reported; null when there is none yet. */
export function useSupervisionLink() {
  return useQuery(
    trpc.supervision.link.queryOptions(undefined, { refetchInterval: STATUS_REFRESH_MS }),
  );
}

/** After a save or a share, the link as the api answered it, without waiting for the next poll. */
export function useSetLink() {
  const queryClient = useQueryClient();
  return useCallback(
    (link: SupervisionLink) => queryClient.setQueryData(trpc.supervision.link.queryKey(), link),
    [queryClient],
  );
}

/** What the platform sent lately, newest first. */
export function useSupervisionRequests() {
  return useQuery(
    trpc.supervision.requests.queryOptions(REQUESTS, { refetchInterval: STATUS_REFRESH_MS }),
  );
}

/** The company's vehicles, every page. */
export function useCompanyVehicles() {
  return useQuery({
    queryKey: trpc.vehicles.list.infiniteQueryKey(ALL_VEHICLES),
    queryFn: () =>
      loadEveryPage((cursor) => trpcClient.vehicles.list.query({ ...ALL_VEHICLES, cursor })),
    select: itemsOf,
    refetchInterval: 30_000,
  });
}
