import type { AssetKind } from '@harbor/shared';

export type SearchableVessel = { mmsi: number; name: string | null };
export type SearchableVehicle = { plate: string; assetKey: string | null };
export type AssetMatch = { kind: AssetKind; assetKey: string; label: string };

const normalise = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();

/**
 * Assets matching what the user typed: an exact MMSI, else plates and vessel names
 * containing it (exact matches first). A truck without a known tracker key cannot be shown.
 */
export function findAssets(
  query: string,
  vessels: readonly SearchableVessel[],
  vehicles: readonly SearchableVehicle[],
  limit = 8,
): AssetMatch[] {
  const wanted = normalise(query.trim());
  if (wanted === '') return [];
  const exact: AssetMatch[] = [];
  const partial: AssetMatch[] = [];
  // A plate is unique within a company only: port staff may see two companies' trucks with
  // one plate, told apart by their terminal.
  const platesSeen = new Map<string, number>();
  for (const vehicle of vehicles) {
    const plate = normalise(vehicle.plate);
    platesSeen.set(plate, (platesSeen.get(plate) ?? 0) + 1);
  }
  for (const vehicle of vehicles) {
    if (vehicle.assetKey === null) continue;
    const plate = normalise(vehicle.plate);
    if (!plate.includes(wanted)) continue;
    const label =
      (platesSeen.get(plate) ?? 0) > 1 ? `${vehicle.plate} (${vehicle.assetKey})` : vehicle.plate;
    const match = { kind: 'VEHICLE' as const, assetKey: vehicle.assetKey, label };
    (plate === wanted ? exact : partial).push(match);
  }
  for (const vessel of vessels) {
    const mmsi = String(vessel.mmsi);
    const name = normalise(vessel.name ?? '');
    const label = vessel.name ? `${vessel.name} (${mmsi})` : mmsi;
    const match = { kind: 'VESSEL' as const, assetKey: mmsi, label };
    if (mmsi === wanted || name === wanted) exact.push(match);
    else if (name.includes(wanted) || (wanted.length >= 4 && mmsi.startsWith(wanted)))
      partial.push(match);
  }
  return [...exact, ...partial].slice(0, limit);
}
