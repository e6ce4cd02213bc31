import { type AssetKind, assetId } from '@harbor/shared';

export type SelectedAsset = { id: string; kind: AssetKind; assetKey: string };

/** `?asset=VESSEL:413000001` or `?asset=VEHICLE:013917000003`; anything else is no asset. */
export function parseAsset(value: string | null): SelectedAsset | null {
  const match = /^(VESSEL|VEHICLE):([A-Za-z0-9_-]{1,32})$/.exec(value ?? '');
  if (!match) return null;
  const kind = match[1] as AssetKind;
  const assetKey = match[2] as string;
  return { id: assetId(kind, assetKey), kind, assetKey };
}

/** `&at=<ISO time>` (an alert's moment): its time in ms, or null when absent or not a time. */
export function parseAt(value: string | null): number | null {
  if (!value) return null;
  const atMs = Date.parse(value);
  return Number.isNaN(atMs) ? null : atMs;
}

/** How much track the replay of an alert's moment loads on either side of it. */
export const REPLAY_AROUND_MS = 30 * 60_000;

/** The period replayed around `atMs`: half an hour either side, not past now (unless `at` is). */
export function replayWindow(atMs: number, nowMs: number): { from: string; to: string } {
  const toMs = Math.min(atMs + REPLAY_AROUND_MS, Math.max(nowMs, atMs + 60_000));
  return {
    from: new Date(atMs - REPLAY_AROUND_MS).toISOString(),
    to: new Date(toMs).toISOString(),
  };
}
