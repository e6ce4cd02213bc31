import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { itemsOf, loadEveryPage } from '../../every-page.ts';
import { trpc, trpcClient } from '../../trpc.ts';

const ALL = { limit: 500 } as const;

/** The company's vehicles, every page (port staff would get every fleet's). */
export function useVehicles() {
  return useQuery({
    queryKey: trpc.vehicles.list.infiniteQueryKey(ALL),
    queryFn: () => loadEveryPage((cursor) => trpcClient.vehicles.list.query({ ...ALL, cursor })),
    select: itemsOf,
    refetchInterval: 30_000,
  });
}

export function useDrivers() {
  return useQuery({
    queryKey: trpc.drivers.list.infiniteQueryKey(ALL),
    queryFn: () => loadEveryPage((cursor) => trpcClient.drivers.list.query({ ...ALL, cursor })),
    select: itemsOf,
  });
}

/** The terminals (ADMIN only), refreshed often: who is online changes by the minute. */
export function useDevices() {
  return useQuery({
    queryKey: trpc.devices.list.infiniteQueryKey(ALL),
    queryFn: () => loadEveryPage((cursor) => trpcClient.devices.list.query({ ...ALL, cursor })),
    select: itemsOf,
    refetchInterval: 15_000,
  });
}

/** The shifts overlapping [from, to). */
export function useShifts(range: { from: string; to: string }) {
  const input = useMemo(() => ({ ...ALL, ...range }), [range]);
  return useQuery({
    queryKey: trpc.shifts.list.infiniteQueryKey(input),
    queryFn: () => loadEveryPage((cursor) => trpcClient.shifts.list.query({ ...input, cursor })),
    select: itemsOf,
  });
}

/**
 * After a change, everything the fleet screen shows is read again: a vehicle's driver and
 * status follow its drivers and shifts, a terminal its vehicle.
 */
export function useFleetRefresh() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all(
        [
          trpc.vehicles.pathFilter(),
          trpc.drivers.pathFilter(),
          trpc.devices.pathFilter(),
          trpc.shifts.pathFilter(),
        ].map((filter) => queryClient.invalidateQueries(filter)),
      ),
    [queryClient],
  );
}
