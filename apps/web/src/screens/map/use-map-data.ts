import type { Vehicle } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { itemsOf, loadEveryPage } from '../../every-page.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { landArea } from './land-area.ts';
import { zonesQuery } from './prefetch.ts';
import { occupancyByZone } from './zone-style.ts';

const EVERY_VESSEL = { limit: 500 };
const EVERY_VEHICLE = { limit: 500 };

/** The port's geography and the fleets' static data the map draws with. */
/**
 * `wantsLand`: the map has no tiles to show, so it draws the coastlines itself.
 * `wantsFleets`: load every vessel's and vehicle's record (the map asks once it has drawn).
 * `wantsOccupancy`: load the yard blocks' occupancy (the map asks once it has drawn).
 */
export function useMapData({
  wantsLand,
  wantsFleets,
  wantsOccupancy,
}: {
  wantsLand: boolean;
  wantsFleets: boolean;
  wantsOccupancy: boolean;
}) {
  const zones = useQuery(zonesQuery());
  const area = useMemo(() => landArea(zones.data ?? []), [zones.data]);
  const land = useQuery(
    trpc.port.land.queryOptions(area ? { bbox: area } : skipToken, {
      enabled: wantsLand,
      staleTime: Number.POSITIVE_INFINITY,
    }),
  );
  // Yard blocks' occupancy: `yard.occupancy`, else `dashboards.yardUtilisation`; a user who
  // may call neither gets none, and the blocks are drawn uncoloured. Neither is retried.
  const occupancy = useQuery(
    trpc.yard.occupancy.queryOptions(
      {},
      { refetchInterval: 60_000, retry: false, enabled: wantsOccupancy },
    ),
  );
  const utilisation = useQuery(
    trpc.dashboards.yardUtilisation.queryOptions(undefined, {
      enabled: occupancy.isError,
      refetchInterval: 60_000,
      retry: false,
    }),
  );
  const vessels = useQuery({
    queryKey: trpc.vessels.list.infiniteQueryKey(EVERY_VESSEL),
    queryFn: () =>
      loadEveryPage((cursor) => trpcClient.vessels.list.query({ ...EVERY_VESSEL, cursor })),
    select: itemsOf,
    enabled: wantsFleets,
    // A ship first heard gets its record from its AIS static data within minutes.
    refetchInterval: 2 * 60_000,
  });
  const vehicles = useQuery({
    queryKey: trpc.vehicles.list.infiniteQueryKey(EVERY_VEHICLE),
    queryFn: () =>
      loadEveryPage((cursor) => trpcClient.vehicles.list.query({ ...EVERY_VEHICLE, cursor })),
    select: itemsOf,
    enabled: wantsFleets,
    refetchInterval: 60_000,
  });

  const figures = occupancy.isError ? utilisation.data : occupancy.data;
  const occupancyByZoneId = useMemo(
    () => occupancyByZone(zones.data ?? [], figures ?? []),
    [zones.data, figures],
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
