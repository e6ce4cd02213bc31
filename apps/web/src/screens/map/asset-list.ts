import {
  type AssetKind,
  assetId,
  type Organization,
  type Position,
  type Vehicle,
  type Vessel,
} from '@harbor/shared';
import type { Named } from '../../ui/local-name.ts';

/** What an asset is doing, from its latest report (AIS navigational status, else its speed). */
export type AssetMotion = 'moving' | 'stopped' | 'atAnchor' | 'moored' | 'noPosition';

/** One asset the user may see, as the list and the search show it. */
export type MapAsset = {
  id: string;
  kind: AssetKind;
  assetKey: string;
  /** The vessel's name (else its MMSI), the truck's plate (with its terminal when two fleets share it). */
  label: string;
  /** What a search matches, normalised: names, MMSI, IMO number, call sign, plate, terminal. */
  keys: string[];
  /** The truck's company; vessels have none in Harbor. */
  company: Named | null;
  position: Position | null;
};

/** No report for this long and an asset is offline (AIS at anchor reports every 3 minutes). */
export const OFFLINE_AFTER_MS = 10 * 60_000;
/** Slower than this (knots) is standing still: GNSS noise moves a parked truck a little. */
const MOVING_FROM_KNOTS = 0.5;

export const normalise = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function keysOf(values: readonly (string | number | null | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const value of values)
    if (value !== null && value !== undefined && value !== '') keys.add(normalise(String(value)));
  return [...keys];
}

/**
 * Every asset the user may see, by label: the vessels Harbor has a record of (curated or
 * from AIS static data), the trucks of the fleets the user sees, and every other asset with
 * a latest position (a ship heard only in position reports yet: its MMSI).
 */
export function buildAssets({
  vessels,
  vehicles,
  positions,
  organizations,
}: {
  vessels: readonly Vessel[];
  vehicles: readonly Vehicle[];
  positions: readonly Position[];
  organizations: readonly Organization[];
}): MapAsset[] {
  const positionById = new Map(positions.map((p) => [assetId(p.assetKind, p.assetKey), p]));
  const organizationById = new Map(organizations.map((o) => [o.id, o]));
  const assets = new Map<string, MapAsset>();
  for (const vessel of vessels) {
    const assetKey = String(vessel.mmsi);
    const id = assetId('VESSEL', assetKey);
    assets.set(id, {
      id,
      kind: 'VESSEL',
      assetKey,
      label: vessel.name ?? vessel.ais?.name ?? assetKey,
      keys: keysOf([
        vessel.name,
        vessel.curated.name,
        vessel.ais?.name,
        assetKey,
        vessel.imo,
        vessel.ais?.imo,
        vessel.callSign,
        vessel.ais?.callSign,
      ]),
      company: null,
      position: positionById.get(id) ?? null,
    });
  }
  const plateCount = new Map<string, number>();
  for (const vehicle of vehicles) {
    const plate = normalise(vehicle.plate);
    plateCount.set(plate, (plateCount.get(plate) ?? 0) + 1);
  }
  for (const vehicle of vehicles) {
    const assetKey = vehicle.position?.assetKey ?? vehicle.terminalPhone;
    // A truck without a tracker cannot be shown on the map.
    if (!assetKey) continue;
    const id = assetId('VEHICLE', assetKey);
    const isShared = (plateCount.get(normalise(vehicle.plate)) ?? 0) > 1;
    assets.set(id, {
      id,
      kind: 'VEHICLE',
      assetKey,
      label: isShared ? `${vehicle.plate} (${assetKey})` : vehicle.plate,
      keys: keysOf([vehicle.plate, assetKey]),
      company: organizationById.get(vehicle.organizationId) ?? null,
      position: positionById.get(id) ?? vehicle.position,
    });
  }
  for (const [id, position] of positionById) {
    if (assets.has(id)) continue;
    assets.set(id, {
      id,
      kind: position.assetKind,
      assetKey: position.assetKey,
      label: position.assetKey,
      keys: keysOf([position.assetKey]),
      company: null,
      position,
    });
  }
  return [...assets.values()].sort((a, b) => collator.compare(a.label, b.label));
}

export function motionOf(position: Position | null): AssetMotion {
  if (!position) return 'noPosition';
  if (position.status === 'AT_ANCHOR') return 'atAnchor';
  if (position.status === 'MOORED') return 'moored';
  return (position.speedKnots ?? 0) >= MOVING_FROM_KNOTS ? 'moving' : 'stopped';
}

export function isOnline(position: Position | null, nowMs: number): boolean {
  return position !== null && nowMs - Date.parse(position.fixAt) <= OFFLINE_AFTER_MS;
}

export type AssetFilter = {
  kind: AssetKind | 'ALL';
  online: 'ALL' | 'ONLINE' | 'OFFLINE';
  query: string;
};

/** Whether an asset's keys hold what the user typed (ignoring spaces, dashes and case). */
export function matchesQuery(asset: MapAsset, query: string): boolean {
  const wanted = normalise(query.trim());
  return wanted === '' || asset.keys.some((key) => key.includes(wanted));
}

/**
 * The assets the list shows under a filter; `latestOf` gives an asset's newest known
 * position (the live one on the map, when newer than the list's).
 */
export function filterAssets(
  assets: readonly MapAsset[],
  filter: AssetFilter,
  nowMs: number,
  latestOf: (asset: MapAsset) => Position | null = (asset) => asset.position,
): MapAsset[] {
  return assets.filter((asset) => {
    if (filter.kind !== 'ALL' && asset.kind !== filter.kind) return false;
    if (filter.online !== 'ALL') {
      const isUp = isOnline(latestOf(asset), nowMs);
      if (isUp !== (filter.online === 'ONLINE')) return false;
    }
    return matchesQuery(asset, filter.query);
  });
}
