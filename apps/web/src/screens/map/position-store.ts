import { assetId, type Position } from '@harbor/shared';

/** One asset as the map knows it: its newest position and a short trail of earlier ones. */
export type TrailPoint = { lat: number; lon: number; fixAtMs: number };
export type AssetEntry = {
  id: string;
  position: Position;
  fixAtMs: number;
  trail: TrailPoint[];
};
export type StoreListener = (changedIds: ReadonlySet<string>, arrivedAt: number) => void;

/**
 * Live positions by asset, outside React state: the live subscription applies each message
 * as one batch, and listeners (the canvas layer, the open side panel) hear once per batch.
 * A fix older than (or as old as) the one held is ignored, so a late or repeated message
 * never moves an asset back. Each asset keeps at most `trailLength` earlier points.
 */
export class PositionStore {
  private readonly entries = new Map<string, AssetEntry>();
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly trailLength = 20) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): AssetEntry | undefined {
    return this.entries.get(id);
  }

  values(): IterableIterator<AssetEntry> {
    return this.entries.values();
  }

  /** Applies one message; answers the ids that moved (and tells the listeners, if any). */
  applyBatch(positions: readonly Position[], arrivedAt = performance.now()): Set<string> {
    const changed = new Set<string>();
    for (const position of positions) {
      const id = assetId(position.assetKind, position.assetKey);
      const fixAtMs = Date.parse(position.fixAt);
      if (Number.isNaN(fixAtMs)) continue;
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { id, position, fixAtMs, trail: [] });
        changed.add(id);
        continue;
      }
      if (fixAtMs <= entry.fixAtMs) continue;
      const previous = entry.position;
      entry.trail.push({ lat: previous.lat, lon: previous.lon, fixAtMs: entry.fixAtMs });
      if (entry.trail.length > this.trailLength)
        entry.trail.splice(0, entry.trail.length - this.trailLength);
      entry.position = position;
      entry.fixAtMs = fixAtMs;
      changed.add(id);
    }
    if (changed.size > 0) for (const listener of this.listeners) listener(changed, arrivedAt);
    return changed;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
