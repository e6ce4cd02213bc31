import type { Organization, Vehicle, Vessel } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc } from '../../trpc.ts';
import { buildAssets } from './asset-list.ts';

/** The whole world: the asset list and the search know every asset, not only those in view. */
const WORLD = { minLat: -90, minLon: -180, maxLat: 90, maxLon: 180 };

/**
 * Every asset the user may see, with its latest position: the api's latest positions
 * (refreshed every 30 s; the map's live stream is newer for the assets in view) joined to
 * the vessels' and trucks' records and the trucks' companies.
 */
export function useAssetDirectory(
  vessels: readonly Vessel[] | undefined,
  vehicles: readonly Vehicle[] | undefined,
  enabled: boolean,
) {
  const latest = useQuery(
    trpc.positions.inViewport.queryOptions(
      { bbox: WORLD, limit: 50_000 },
      { refetchInterval: 30_000, enabled },
    ),
  );
  const organizations = useQuery(
    trpc.organizations.list.queryOptions(undefined, { staleTime: 10 * 60_000 }),
  );
  const assets = useMemo(
    () =>
      buildAssets({
        vessels: vessels ?? [],
        vehicles: vehicles ?? [],
        positions: latest.data ?? [],
        organizations: organizations.data ?? ([] as Organization[]),
      }),
    [vessels, vehicles, latest.data, organizations.data],
  );
  return { assets, isPending: latest.isPending, error: latest.error };
}
