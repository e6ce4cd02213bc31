import type { EquipmentEvent, Zone } from '@harbor/shared';
import { zonesExtent } from '../map/viewport.ts';

type Lookups = {
  zoneById: ReadonlyMap<string, Zone>;
  zones: readonly Zone[];
  blockById: ReadonlyMap<string, { code: string; terminalId: string }>;
  visitById: ReadonlyMap<string, { terminalId: string | null }>;
};

/** `order` counts the places from 1 (the first place the container was seen). */
export type MapPlace = {
  order: number;
  lat: number;
  lon: number;
  label: string;
  eventTypes: string[];
};

/** The zones where an event happened: its own zone, its yard block's zone, else its terminal's. */
export function zonesOfEvent(event: EquipmentEvent, lookups: Lookups): Zone[] {
  const own = event.zoneId ? lookups.zoneById.get(event.zoneId) : undefined;
  if (own) return [own];
  const block = event.yardBlockId ? lookups.blockById.get(event.yardBlockId) : undefined;
  if (block) {
    const blockZone = lookups.zones.find(
      (zone) =>
        zone.kind === 'YARD_BLOCK' &&
        zone.terminalId === block.terminalId &&
        zone.code.endsWith(`-${block.code}`),
    );
    if (blockZone) return [blockZone];
  }
  const terminalId =
    event.terminalId ??
    (event.vesselVisitId ? lookups.visitById.get(event.vesselVisitId)?.terminalId : null);
  if (!terminalId) return [];
  return lookups.zones.filter(
    (zone) => zone.terminalId === terminalId && zone.kind !== 'ANCHORAGE',
  );
}

function centreOf(zones: readonly Zone[]): { lat: number; lon: number } {
  const extent = zonesExtent(zones);
  if (!extent) return { lat: Number.NaN, lon: Number.NaN };
  return { lat: (extent.minLat + extent.maxLat) / 2, lon: (extent.minLon + extent.maxLon) / 2 };
}

/**
 * The places a container has been, oldest first: one point per change of place (events at
 * the same place merge), and the zones to draw.
 */
export function placesOf(
  events: readonly EquipmentEvent[],
  lookups: Lookups,
): { places: MapPlace[]; zones: Zone[] } {
  const places: MapPlace[] = [];
  const drawn = new Map<string, Zone>();
  let lastKey = '';
  for (const event of events) {
    const zones = zonesOfEvent(event, lookups);
    if (zones.length === 0) continue;
    for (const zone of zones) drawn.set(zone.id, zone);
    const key = zones.map((zone) => zone.id).join(',');
    const last = places.at(-1);
    if (key === lastKey && last) {
      last.eventTypes.push(event.eventType);
      continue;
    }
    lastKey = key;
    const label =
      zones.length === 1 ? (zones[0]?.code ?? '') : (zones[0]?.code.split('-')[0] ?? '');
    places.push({
      order: places.length + 1,
      ...centreOf(zones),
      label,
      eventTypes: [event.eventType],
    });
  }
  return { places, zones: [...drawn.values()] };
}
