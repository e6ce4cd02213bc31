import { type Zone, type ZoneKind, ZoneKindSchema } from '@harbor/shared';

export type { ZoneKind };
export const ZONE_KINDS: readonly ZoneKind[] = ZoneKindSchema.options;

export type ZonePaint = {
  color: string;
  fillColor: string;
  fillOpacity: number;
  weight: number;
  dashArray?: string;
};

export const ZONE_PAINT: Record<ZoneKind, ZonePaint> = {
  BERTH: { color: '#37474f', fillColor: '#90a4ae', fillOpacity: 0.7, weight: 1 },
  YARD_BLOCK: { color: '#5d4037', fillColor: '#d7ccc8', fillOpacity: 0.8, weight: 1 },
  GATE: { color: '#6a1b9a', fillColor: '#ce93d8', fillOpacity: 0.7, weight: 1 },
  GATE_APPROACH: {
    color: '#6a1b9a',
    fillColor: '#e1bee7',
    fillOpacity: 0.35,
    weight: 1,
    dashArray: '4 3',
  },
  ANCHORAGE: {
    color: '#0277bd',
    fillColor: '#81d4fa',
    fillOpacity: 0.25,
    weight: 1,
    dashArray: '6 4',
  },
  FAIRWAY: {
    color: '#01579b',
    fillColor: '#b3e5fc',
    fillOpacity: 0.2,
    weight: 1,
    dashArray: '2 4',
  },
  APPROACH: {
    color: '#4fc3f7',
    fillColor: '#e1f5fe',
    fillOpacity: 0.08,
    weight: 1,
    dashArray: '10 6',
  },
  PILOT_BOARDING: {
    color: '#00695c',
    fillColor: '#80cbc4',
    fillOpacity: 0.35,
    weight: 1,
  },
  RESTRICTED_AREA: {
    color: '#b71c1c',
    fillColor: '#ef9a9a',
    fillOpacity: 0.3,
    weight: 2,
    dashArray: '8 4',
  },
  DEPOT: { color: '#33691e', fillColor: '#c5e1a5', fillOpacity: 0.7, weight: 1 },
  WAREHOUSE: { color: '#e65100', fillColor: '#ffcc80', fillOpacity: 0.7, weight: 1 },
};

/** Occupancy bands of a yard block, with their fill colours (legend order). */
export const OCCUPANCY_BANDS = [
  { id: 'low', below: 0.5, color: '#66bb6a' },
  { id: 'medium', below: 0.8, color: '#ffca28' },
  { id: 'high', below: Number.POSITIVE_INFINITY, color: '#ef5350' },
] as const;

export function occupancyColour(ratio: number): string {
  const band = OCCUPANCY_BANDS.find((b) => ratio < b.below) ?? OCCUPANCY_BANDS[2];
  return band.color;
}

/** A terminal's block figures, as `yard.occupancy` (utilisation) or `dashboards.yardUtilisation` (ratio) give them. */
export type BlockFigures = {
  terminalId: string;
  blocks: readonly { code: string; utilisation?: number; ratio?: number }[];
};

/**
 * Each yard block zone's occupied ratio, by zone id. A block is named by its code within
 * its terminal (`Y01`); its zone by the terminal's code in front (`YSP1-Y01`).
 */
export function occupancyByZone(
  zones: readonly Pick<Zone, 'id' | 'kind' | 'code' | 'terminalId'>[],
  terminals: readonly BlockFigures[],
): Map<string, number> {
  const ratios = new Map<string, number>();
  for (const terminal of terminals)
    for (const block of terminal.blocks) {
      const ratio = block.utilisation ?? block.ratio;
      if (ratio !== undefined) ratios.set(`${terminal.terminalId}|${block.code}`, ratio);
    }
  const result = new Map<string, number>();
  for (const zone of zones) {
    if (zone.kind !== 'YARD_BLOCK' || zone.terminalId === null) continue;
    const blockCode = zone.code.slice(zone.code.lastIndexOf('-') + 1);
    const ratio =
      ratios.get(`${zone.terminalId}|${zone.code}`) ??
      ratios.get(`${zone.terminalId}|${blockCode}`);
    if (ratio !== undefined) result.set(zone.id, ratio);
  }
  return result;
}

export function zonePaint(kind: ZoneKind, occupancy: number | undefined): ZonePaint {
  const paint = ZONE_PAINT[kind];
  return occupancy === undefined ? paint : { ...paint, fillColor: occupancyColour(occupancy) };
}
