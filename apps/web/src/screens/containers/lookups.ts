import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc } from '../../trpc.ts';

/** Port data the tracker names things by: terminals, zones, yard blocks and vessel visits. */
export function usePortLookups() {
  const terminals = useQuery(trpc.port.terminals.queryOptions());
  const zones = useQuery(trpc.port.zones.queryOptions({}));
  const occupancy = useQuery(trpc.yard.occupancy.queryOptions({}));
  const visits = useQuery(trpc.visits.list.queryOptions({ limit: 500 }));
  return useMemo(() => {
    const blocks = (occupancy.data ?? []).flatMap((terminal) =>
      terminal.blocks.map((block) => ({
        id: block.yardBlockId,
        code: block.code,
        terminalId: terminal.terminalId,
        terminalCode: terminal.terminalCode,
      })),
    );
    const visitList = visits.data?.items ?? [];
    return {
      terminals: terminals.data ?? [],
      zones: zones.data ?? [],
      blocks,
      visits: visitList,
      terminalCode: new Map((terminals.data ?? []).map((item) => [item.id, item.code])),
      zoneById: new Map((zones.data ?? []).map((zone) => [zone.id, zone])),
      blockById: new Map(blocks.map((block) => [block.id, block])),
      visitById: new Map(visitList.map((visit) => [visit.id, visit])),
    };
  }, [terminals.data, zones.data, occupancy.data, visits.data]);
}
export type PortLookups = ReturnType<typeof usePortLookups>;

/** A vessel visit as people name it: vessel name and voyage (`COSCO SHIPPING ARIES 071E`). */
export function visitLabel(
  visit: { vessel: { name: string | null; mmsi: number }; voyageNumber: string | null } | undefined,
  fallbackId: string,
): string {
  if (!visit) return fallbackId.slice(0, 8);
  const name = visit.vessel.name ?? String(visit.vessel.mmsi);
  return visit.voyageNumber ? `${name} ${visit.voyageNumber}` : name;
}
