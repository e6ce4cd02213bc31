import { type MapAsset, normalise } from './asset-list.ts';

/**
 * Assets matching what the user typed: those with a name, MMSI, IMO number, call sign or
 * plate equal to it first, then those containing it (a number only from its fourth digit,
 * so "41" does not list every Chinese ship).
 */
export function findAssets(query: string, assets: readonly MapAsset[], limit = 8): MapAsset[] {
  const wanted = normalise(query.trim());
  if (wanted === '') return [];
  const isNumber = /^\d+$/.test(wanted);
  if (isNumber && wanted.length < 4) return [];
  const exact: MapAsset[] = [];
  const partial: MapAsset[] = [];
  for (const asset of assets) {
    if (asset.keys.includes(wanted)) exact.push(asset);
    else if (partial.length < limit && asset.keys.some((key) => key.includes(wanted)))
      partial.push(asset);
  }
  return [...exact, ...partial].slice(0, limit);
}
