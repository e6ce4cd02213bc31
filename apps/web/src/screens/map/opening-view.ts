import type { Position, Zone } from '@harbor/shared';
import { type BoundingBox, zonesExtent } from './viewport.ts';

/** Terminals closer than this (centre to centre) are one port area, as Yangshan's four phases. */
const NEIGHBOUR_KM = 20;
/** A fleet's opening view is never smaller than this (degrees), so one truck shows its streets. */
const MIN_SPAN_DEG = 0.02;

const centreOf = (box: BoundingBox) => ({
  lat: (box.minLat + box.maxLat) / 2,
  lon: (box.minLon + box.maxLon) / 2,
});

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const kmPerDegree = 111.32;
  const dLat = (a.lat - b.lat) * kmPerDegree;
  const dLon = (a.lon - b.lon) * kmPerDegree * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.hypot(dLat, dLon);
}

/**
 * The port's main terminal area: the terminals within NEIGHBOUR_KM of one another that hold
 * the most berths (Yangshan's phases in Shanghai), as the box around their zones. Without
 * terminal zones, every zone.
 */
export function terminalsExtent(zones: readonly Zone[]): BoundingBox | null {
  const byTerminal = new Map<string, Zone[]>();
  for (const zone of zones) {
    if (zone.terminalId === null) continue;
    byTerminal.set(zone.terminalId, [...(byTerminal.get(zone.terminalId) ?? []), zone]);
  }
  const terminals = [...byTerminal.values()].map((terminalZones) => ({
    zones: terminalZones,
    centre: centreOf(zonesExtent(terminalZones) as BoundingBox),
    berths: terminalZones.filter((zone) => zone.kind === 'BERTH').length,
  }));
  let best: Zone[] = [];
  let bestBerths = -1;
  for (const terminal of terminals) {
    const area = terminals.filter(
      (other) => distanceKm(terminal.centre, other.centre) <= NEIGHBOUR_KM,
    );
    const berths = area.reduce((sum, other) => sum + other.berths, 0);
    if (berths > bestBerths) {
      bestBerths = berths;
      best = area.flatMap((other) => other.zones);
    }
  }
  return zonesExtent(best) ?? zonesExtent(zones);
}

/** The box around a fleet's trucks, at least MIN_SPAN_DEG wide and high; null without any. */
export function positionsExtent(positions: readonly Position[]): BoundingBox | null {
  if (positions.length === 0) return null;
  const lats = positions.map((p) => p.lat);
  const lons = positions.map((p) => p.lon);
  const grow = (min: number, max: number) => {
    const missing = Math.max(0, MIN_SPAN_DEG - (max - min)) / 2;
    return [min - missing, max + missing] as const;
  };
  const [minLat, maxLat] = grow(Math.min(...lats), Math.max(...lats));
  const [minLon, maxLon] = grow(Math.min(...lons), Math.max(...lons));
  return { minLat, minLon, maxLat, maxLon };
}

/**
 * Where the map opens: a logistics company's user where its trucks are, else (and for port
 * staff) on the port's main terminals, where berths and yard blocks are big enough to see.
 */
export function openingView(
  zones: readonly Zone[],
  fleetPositions: readonly Position[] | null,
): BoundingBox | null {
  return (fleetPositions && positionsExtent(fleetPositions)) || terminalsExtent(zones);
}
