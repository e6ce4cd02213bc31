import { queryClient, trpc } from '../../trpc.ts';

/** The port's zones change rarely: the map keeps them ten minutes. */
export const zonesQuery = () => trpc.port.zones.queryOptions({}, { staleTime: 10 * 60_000 });

/**
 * What the map needs before it can follow its viewport (the zones give its opening view),
 * asked for while the map's own code is still loading rather than after its first render.
 */
export function prefetchMap(): void {
  void queryClient.prefetchQuery(zonesQuery());
}
