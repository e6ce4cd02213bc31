import type { Vehicle, Vessel } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpcClient } from '../../trpc.ts';
import { landArea } from './land-area.ts';
import { type BlockFigures, occupancyByZone } from './zone-style.ts';

const MAX_PAGES = 40;

/** Every page of a cursor-paged list (at most MAX_PAGES of 500). */
async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const result = await page(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

/**
 * Yard blocks' occupancy: `yard.occupancy`, else `dashboards.yardUtilisation`; a user who
 * may call neither gets none, and the blocks are drawn uncoloured.
 */
async function loadOccupancy(): Promise<BlockFigures[]> {
  try {
    return await trpcClient.yard.occupancy.query({});
  } catch {
    try {
      return await trpcClient.dashboards.yardUtilisation.query();
    } catch {
      return [];
    }
  }
}

/** The port's geography and the fleets' static data the map draws with. */
/** `wantsLand`: the map has no tiles to show, so it draws the coastlines itself. */
export function useMapData({ wantsLand }: { wantsLand: boolean }) {
  const zones = useQuery({
    queryKey: ['port', 'zones'],
    queryFn: () => trpcClient.port.zones.query({}),
    staleTime: 10 * 60_000,
  });
  const area = useMemo(() => landArea(zones.data ?? []), [zones.data]);
  const land = useQuery({
    queryKey: ['port', 'land', area],
    queryFn: () => {
      if (!area) throw new Error('no port area');
      return trpcClient.port.land.query({ bbox: area });
    },
    enabled: wantsLand && area !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const occupancy = useQuery({
    queryKey: ['yard', 'occupancy', 'map'],
    queryFn: loadOccupancy,
    refetchInterval: 60_000,
  });
  const vessels = useQuery({
    queryKey: ['vessels', 'list', 'all'],
    queryFn: () =>
      allPages<Vessel>((cursor) => trpcClient.vessels.list.query({ cursor, limit: 500 })),
    staleTime: 5 * 60_000,
  });
  const vehicles = useQuery({
    queryKey: ['vehicles', 'list', 'all'],
    queryFn: () =>
      allPages<Vehicle>((cursor) => trpcClient.vehicles.list.query({ cursor, limit: 500 })),
    refetchInterval: 60_000,
  });

  const occupancyByZoneId = useMemo(
    () => occupancyByZone(zones.data ?? [], occupancy.data ?? []),
    [zones.data, occupancy.data],
  );
  const vesselByMmsi = useMemo(
    () => new Map((vessels.data ?? []).map((v) => [String(v.mmsi), v])),
    [vessels.data],
  );
  const vehicleByKey = useMemo(() => {
    const byKey = new Map<string, Vehicle>();
    for (const vehicle of vehicles.data ?? []) {
      const key = vehicle.position?.assetKey ?? vehicle.terminalPhone;
      if (key) byKey.set(key, vehicle);
    }
    return byKey;
  }, [vehicles.data]);

  return { zones, land, occupancyByZoneId, vessels, vesselByMmsi, vehicles, vehicleByKey };
}
