import type L from 'leaflet';
import type { AssetEntry } from './position-store.ts';
import { ROTATION_STEP_DEG, rotationStep } from './sprites.ts';

/** How one asset is drawn: a hull rotated to its heading (null: unknown, a circle), or a dot. */
export type AssetLook =
  | { shape: 'ship'; colour: string; rotationDeg: number | null }
  | { shape: 'dot'; colour: string };

const INITIAL_CAPACITY = 1_024;

/**
 * Every asset's place in the map's world pixels at zoom 0 (through the map's CRS, so with
 * the base map's datum applied) and its look, in flat arrays by slot: worked out once when a
 * position arrives (or the base map or the looks change), so that a frame only scales and
 * offsets numbers, with no projection and no allocation per asset.
 */
export class AssetIndex {
  ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  worldX = new Float64Array(INITIAL_CAPACITY);
  worldY = new Float64Array(INITIAL_CAPACITY);
  /** Each slot's look, an index into `looks` (the distinct looks seen so far). */
  lookIndex = new Int32Array(INITIAL_CAPACITY);
  /** Each slot's trail and position, as world x, y pairs (oldest first); empty without a trail. */
  trails: Float64Array[] = [];
  readonly looks: AssetLook[] = [];
  private readonly lookIds = new Map<string, number>();

  constructor(
    private crs: L.CRS,
    private lookOf: (entry: AssetEntry) => AssetLook,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  get currentCrs(): L.CRS {
    return this.crs;
  }

  /** Files (or refiles) the given assets. */
  update(entries: Iterable<AssetEntry>): void {
    for (const entry of entries) {
      let slot = this.slotOf.get(entry.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.grow(slot + 1);
        this.ids.push(entry.id);
        this.trails.push(EMPTY);
        this.slotOf.set(entry.id, slot);
      }
      const [x, y] = this.world(entry.position.lat, entry.position.lon);
      this.worldX[slot] = x;
      this.worldY[slot] = y;
      this.lookIndex[slot] = this.lookId(this.lookOf(entry));
      this.trails[slot] = this.trailOf(entry, x, y);
    }
  }

  /** Refiles everything under another CRS (base map datum) or looks: `entries` are all assets. */
  reset(crs: L.CRS, lookOf: (entry: AssetEntry) => AssetLook, entries: Iterable<AssetEntry>) {
    this.crs = crs;
    this.lookOf = lookOf;
    this.update(entries);
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  private world(lat: number, lon: number): [number, number] {
    const point = this.crs.latLngToPoint({ lat, lng: lon } as L.LatLng, 0);
    return [point.x, point.y];
  }

  private trailOf(entry: AssetEntry, x: number, y: number): Float64Array {
    if (entry.trail.length === 0) return EMPTY;
    const trail = new Float64Array((entry.trail.length + 1) * 2);
    entry.trail.forEach((point, i) => {
      const [x, y] = this.world(point.lat, point.lon);
      trail[i * 2] = x;
      trail[i * 2 + 1] = y;
    });
    const last = entry.trail.length * 2;
    trail[last] = x;
    trail[last + 1] = y;
    return trail;
  }

  /** The look's number, rotations rounded to their sprite's step. */
  private lookId(look: AssetLook): number {
    const step =
      look.shape === 'ship' && look.rotationDeg !== null ? rotationStep(look.rotationDeg) : null;
    const key = `${look.shape}|${look.colour}|${step}`;
    let id = this.lookIds.get(key);
    if (id === undefined) {
      id = this.looks.length;
      this.looks.push(
        look.shape === 'ship'
          ? { ...look, rotationDeg: step === null ? null : step * ROTATION_STEP_DEG }
          : look,
      );
      this.lookIds.set(key, id);
    }
    return id;
  }

  private grow(needed: number): void {
    if (needed <= this.worldX.length) return;
    const capacity = Math.max(needed, this.worldX.length * 2);
    const grown = (from: Float64Array) => {
      const to = new Float64Array(capacity);
      to.set(from);
      return to;
    };
    this.worldX = grown(this.worldX);
    this.worldY = grown(this.worldY);
    const looks = new Int32Array(capacity);
    looks.set(this.lookIndex);
    this.lookIndex = looks;
  }
}

const EMPTY = new Float64Array(0);

/**
 * The map's view as a scale and offset from world pixels at zoom 0 to pixels of a canvas
 * whose top left corner sits at `canvasTopLeft` (a layer point, as Leaflet places panes).
 */
export function viewTransform(
  map: L.Map,
  canvasTopLeft: L.Point,
): { scale: number; offsetX: number; offsetY: number } {
  const crs = map.options.crs as L.CRS;
  const zoom = map.getZoom();
  const scale = crs.scale(zoom) / crs.scale(0);
  const origin = map.getPixelOrigin();
  return {
    scale,
    offsetX: -origin.x - canvasTopLeft.x,
    offsetY: -origin.y - canvasTopLeft.y,
  };
}
