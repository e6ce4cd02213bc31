/**
 * Road distance and driving time between two points around the Port of Shanghai, without a
 * road graph. The one thing a straight line gets badly wrong here is Yangshan: its terminals
 * sit on islands 30 km out at sea, reachable by road only over the Donghai Bridge, so a leg
 * between the islands and the mainland is routed through the bridge's two ends.
 *
 * Assumptions (kept deliberately simple, see docs/architecture.md):
 * - Mainland roads wind: road distance = straight line x 1.3 (a usual detour factor for
 *   a dense road grid). The first 5 km of a mainland leg are urban or port roads at
 *   30 km/h; the rest is expressway (S2 Hulu, A30 ring) at 60 km/h, a loaded tractor's
 *   typical average, not the posted limit.
 * - Island roads (Yangshan's terminal and causeway roads): straight line x 1.2 at 30 km/h.
 * - The Donghai Bridge: 32.5 km at 60 km/h between Luchaogang and Xiaoyangshan.
 * - The islands are the area east of 121.98 E and south of 30.72 N (the seed's Yangshan
 *   zones lie at 122.00-122.09 E, 30.61-30.64 N; every other zone, the bridge's mainland
 *   end and Waigaoqiao, lies outside it).
 */

import { distanceM } from '@harbor/shared';

export type LatLon = { lat: number; lon: number };

export const BRIDGE = {
  mainlandEnd: { lat: 30.875, lon: 121.925 },
  islandEnd: { lat: 30.645, lon: 122.045 },
  lengthKm: 32.5,
  speedKmh: 60,
} as const;

export const MAINLAND_DETOUR = 1.3;
export const ISLAND_DETOUR = 1.2;
export const URBAN_KMH = 30;
export const EXPRESSWAY_KMH = 60;
/** The part of a mainland leg driven on urban roads before the expressway. */
export const URBAN_KM = 5;

export function isOnYangshan(point: LatLon): boolean {
  return point.lon > 121.98 && point.lat < 30.72;
}

/** Great-circle distance in km (haversine). */
export function straightKm(a: LatLon, b: LatLon): number {
  return distanceM([a.lon, a.lat], [b.lon, b.lat]) / 1000;
}

export type RoadEstimate = {
  distanceKm: number;
  etaMinutes: number;
  straightLineKm: number;
  viaBridge: boolean;
  /** Mainland, bridge and island km, for the explanation. */
  mainlandKm: number;
  bridgeKm: number;
  islandKm: number;
};

function mainlandMinutes(km: number): number {
  const urban = Math.min(km, URBAN_KM);
  return (urban / URBAN_KMH + (km - urban) / EXPRESSWAY_KMH) * 60;
}

/**
 * Only the minutes of `roadEstimate`, allocating nothing: the ranking runs it for every
 * live truck of a company, and garbage from 10,000 result objects per call shows as pauses.
 */
export function etaMinutes(from: LatLon, to: LatLon): number {
  const fromIsland = isOnYangshan(from);
  if (fromIsland === isOnYangshan(to)) {
    const km = straightKm(from, to);
    return fromIsland
      ? ((km * ISLAND_DETOUR) / URBAN_KMH) * 60
      : mainlandMinutes(km * MAINLAND_DETOUR);
  }
  const island = fromIsland ? from : to;
  const mainland = fromIsland ? to : from;
  return (
    mainlandMinutes(straightKm(mainland, BRIDGE.mainlandEnd) * MAINLAND_DETOUR) +
    ((straightKm(island, BRIDGE.islandEnd) * ISLAND_DETOUR) / URBAN_KMH) * 60 +
    (BRIDGE.lengthKm / BRIDGE.speedKmh) * 60
  );
}

/** The road estimate from `from` to `to`, with its parts, for the trucks a dispatcher is shown. */
export function roadEstimate(from: LatLon, to: LatLon): RoadEstimate {
  const fromIsland = isOnYangshan(from);
  const toIsland = isOnYangshan(to);
  const straightLineKm = straightKm(from, to);
  let mainlandKm = 0;
  let islandKm = 0;
  let bridgeKm = 0;
  if (fromIsland === toIsland) {
    if (fromIsland) islandKm = straightLineKm * ISLAND_DETOUR;
    else mainlandKm = straightLineKm * MAINLAND_DETOUR;
  } else {
    const island = fromIsland ? from : to;
    const mainland = fromIsland ? to : from;
    islandKm = straightKm(island, BRIDGE.islandEnd) * ISLAND_DETOUR;
    mainlandKm = straightKm(mainland, BRIDGE.mainlandEnd) * MAINLAND_DETOUR;
    bridgeKm = BRIDGE.lengthKm;
  }
  const minutes =
    mainlandMinutes(mainlandKm) + (islandKm / URBAN_KMH) * 60 + (bridgeKm / BRIDGE.speedKmh) * 60;
  return {
    distanceKm: mainlandKm + islandKm + bridgeKm,
    etaMinutes: minutes,
    straightLineKm,
    viaBridge: bridgeKm > 0,
    mainlandKm,
    bridgeKm,
    islandKm,
  };
}

const km = (value: number) => `${value.toFixed(1)} km`;

/** One line telling a dispatcher how the estimate was made. */
export function explain(estimate: RoadEstimate): string {
  const parts: string[] = [];
  if (estimate.mainlandKm > 0) parts.push(`mainland roads ${km(estimate.mainlandKm)}`);
  if (estimate.bridgeKm > 0) parts.push(`Donghai Bridge ${km(estimate.bridgeKm)}`);
  if (estimate.islandKm > 0) parts.push(`Yangshan island roads ${km(estimate.islandKm)}`);
  const route = parts.length > 0 ? parts.join(', ') : 'already there';
  return estimate.viaBridge
    ? `via the Donghai Bridge: ${route} (straight line ${km(estimate.straightLineKm)})`
    : `no bridge: ${route} (straight line ${km(estimate.straightLineKm)})`;
}
