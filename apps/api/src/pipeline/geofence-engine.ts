import { type AssetKind, assetId } from '@harbor/shared';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';

/** A zone as the engine needs it: GeoJSON polygon ([lon, lat] rings) and its bounding box. */
export type FenceZone = {
  id: string;
  code: string;
  kind: string;
  polygon: { type: 'Polygon'; coordinates: number[][][] };
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  /** The posted speed limits, for the speeding rule: vessels in knots, trucks in km/h. */
  speedLimitKnots?: number | null;
  speedLimitKmh?: number | null;
};

export type GeofenceTransition = {
  zoneId: string;
  zoneCode: string;
  zoneKind: string;
  assetKind: AssetKind;
  assetKey: string;
  transition: 'ENTER' | 'EXIT';
  at: Date;
  lat: number;
  lon: number;
};

const NO_ZONES: ReadonlySet<string> = new Set();
const NO_TRANSITIONS: readonly GeofenceTransition[] = Object.freeze([]);

type Position = { assetKind: AssetKind; assetKey: string; fixAt: Date; lat: number; lon: number };
/** Per asset: the time of the last fix used, and the zones it was in with when it entered each. */
type Presence = {
  assetKind: AssetKind;
  assetKey: string;
  fixAt: number;
  /** Zone id -> the fix time of its ENTER (ms). */
  zones: ReadonlyMap<string, number>;
};
const OUTSIDE: ReadonlyMap<string, number> = new Map();

/** The grid cells whose candidate zones are kept: 0.01° (about 1 km) a side. */
const CELL_DEGREES = 0.01;
const CELL_MARGIN = 1e-9;
/** Cells kept at most: a city of 100 × 100 km is 10,000. */
const MAX_CELLS = 65_536;
/** The zones whose box meets a cell (indices into the engine's zones), and those boxes. */
type Cell = { zones: readonly number[]; boxes: Float64Array };
const EMPTY_CELL: Cell = { zones: [], boxes: new Float64Array(0) };

/** What the database knows of an asset: its latest stored fix and the zones it entered last. */
export type StoredPresence = {
  assetKind: AssetKind;
  assetKey: string;
  /** The latest fix stored (null: none yet). */
  fixAt: Date | null;
  /** The zones whose last stored event for the asset is an ENTER, with that ENTER's time. */
  zones: readonly { zoneId: string; enteredAt: Date }[];
};

/**
 * Enter and exit events for every zone. Zones sit in a static R-tree (flatbush) over their
 * bounding boxes, asked once per grid cell of about a kilometre for the zones near it, so a
 * fix costs a look-up of its cell plus point-in-polygon tests for the few zones whose box
 * holds it: the cost does not grow with the number of zones. Per asset the engine
 * remembers the zones it is in (by id) and the time of the last fix it used; an older fix
 * arriving late changes nothing. `setZones` swaps the zones while Harbor runs (a zone drawn,
 * moved or deleted): an asset's next fix is placed among the new ones, a zone that is gone
 * is left without an EXIT (its events go with it).
 */
export class GeofenceEngine {
  private index: Flatbush | null = null;
  private zones: readonly FenceZone[] = [];
  private byId = new Map<string, FenceZone>();
  private readonly state = new Map<string, Presence>();
  /** Per grid cell, the zones whose box meets it (candidatesAt). */
  private readonly cells = new Map<number, Cell>();
  /** The point being placed, as turf takes it: one array, filled for each test. */
  private readonly point: [number, number] = [0, 0];

  constructor(zones: readonly FenceZone[]) {
    this.setZones(zones);
  }

  /** Replaces the zones; what each asset is in is kept by zone id until its next fix. */
  setZones(zones: readonly FenceZone[]): void {
    this.zones = zones;
    this.byId = new Map(zones.map((zone) => [zone.id, zone]));
    this.cells.clear();
    if (zones.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(zones.length);
    for (const zone of zones) index.add(zone.minLon, zone.minLat, zone.maxLon, zone.maxLat);
    index.finish();
    this.index = index;
  }

  get zoneCount(): number {
    return this.zones.length;
  }

  /** The ids of the zones a point lies in; most points lie in none. */
  private zonesAt(lon: number, lat: number): ReadonlySet<string> {
    const { zones: candidates, boxes } = this.candidatesAt(lon, lat);
    if (candidates.length === 0) return NO_ZONES;
    let inside: Set<string> | null = null;
    const point = this.point;
    point[0] = lon;
    point[1] = lat;
    for (let c = 0; c < candidates.length; c++) {
      const b = c * 4;
      if (
        lon < (boxes[b] as number) ||
        lat < (boxes[b + 1] as number) ||
        lon > (boxes[b + 2] as number) ||
        lat > (boxes[b + 3] as number)
      )
        continue;
      const zone = this.zones[candidates[c] as number];
      if (zone && booleanPointInPolygon(point, zone.polygon)) {
        inside ??= new Set();
        inside.add(zone.id);
      }
    }
    return inside ?? NO_ZONES;
  }

  /**
   * The zones whose box meets the grid cell holding the point (CELL_DEGREES a side): the tree
   * is asked once per cell, and the answer kept. Asked per fix, the tree's search made two
   * arrays each time, most of the engine's garbage (docs/benchmarks.md, issue 20), and a
   * truck's next fix is mostly in the same cell. Bounded: forgotten when MAX_CELLS are kept.
   */
  private candidatesAt(lon: number, lat: number): Cell {
    if (!this.index) return EMPTY_CELL;
    const column = Math.floor(lon / CELL_DEGREES);
    const row = Math.floor(lat / CELL_DEGREES);
    // Columns -18,000..18,000 and rows -9,000..9,000: one number per cell.
    const cell = column * 20_000 + row;
    let candidates = this.cells.get(cell);
    if (candidates === undefined) {
      if (this.cells.size >= MAX_CELLS) this.cells.clear();
      // A hair wider than the cell: a point that rounding puts on its edge is still inside.
      const found = this.index.search(
        column * CELL_DEGREES - CELL_MARGIN,
        row * CELL_DEGREES - CELL_MARGIN,
        (column + 1) * CELL_DEGREES + CELL_MARGIN,
        (row + 1) * CELL_DEGREES + CELL_MARGIN,
      );
      candidates = found.length === 0 ? EMPTY_CELL : this.cellOf(found);
      this.cells.set(cell, candidates);
    }
    return candidates;
  }

  /** A cell's zones, their boxes side by side as the tree keeps them. */
  private cellOf(found: number[]): Cell {
    const boxes = new Float64Array(found.length * 4);
    for (let c = 0; c < found.length; c++) {
      const zone = this.zones[found[c] as number];
      if (!zone) continue;
      boxes[c * 4] = zone.minLon;
      boxes[c * 4 + 1] = zone.minLat;
      boxes[c * 4 + 2] = zone.maxLon;
      boxes[c * 4 + 3] = zone.maxLat;
    }
    return { zones: found, boxes };
  }

  /** Feeds one fix; returns the transitions it causes (EXITs first, then ENTERs). */
  update(fix: Position): readonly GeofenceTransition[] {
    const key = assetId(fix.assetKind, fix.assetKey);
    const previous = this.state.get(key);
    const at = fix.fixAt.getTime();
    if (previous && at <= previous.fixAt) return [];
    const current = this.zonesAt(fix.lon, fix.lat);
    const before = previous?.zones ?? OUTSIDE;
    let isSame = current.size === before.size;
    if (isSame) for (const id of current) if (!before.has(id)) isSame = false;
    // The same zones as before (most fixes: none) keep the same map, entry times and all.
    const zones = isSame
      ? before
      : new Map([...current].map((id): [string, number] => [id, before.get(id) ?? at]));
    this.state.set(key, { assetKind: fix.assetKind, assetKey: fix.assetKey, fixAt: at, zones });
    if (isSame) return NO_TRANSITIONS;
    const transitions: GeofenceTransition[] = [];
    const event = (zoneId: string, transition: 'ENTER' | 'EXIT') => {
      const zone = this.byId.get(zoneId);
      // A zone deleted meanwhile: no event for it (it would name a zone that is gone).
      if (!zone) return;
      transitions.push({
        zoneId: zone.id,
        zoneCode: zone.code,
        zoneKind: zone.kind,
        assetKind: fix.assetKind,
        assetKey: fix.assetKey,
        transition,
        at: fix.fixAt,
        lat: fix.lat,
        lon: fix.lon,
      });
    };
    for (const id of before.keys()) if (!current.has(id)) event(id, 'EXIT');
    for (const id of current) if (!before.has(id)) event(id, 'ENTER');
    return transitions;
  }

  /**
   * Feeds a batch in time order and returns its transitions with a `rollback` that puts
   * the touched assets back as they were: for a batch whose write then fails and will be
   * delivered again, so its transitions are neither lost nor doubled.
   */
  updateBatch(fixes: readonly Position[]): { transitions: GeofenceTransition[]; rollback(): void } {
    const before = new Map<string, Presence | undefined>();
    const transitions: GeofenceTransition[] = [];
    const ordered = [...fixes].sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime());
    for (const fix of ordered) {
      const key = assetId(fix.assetKind, fix.assetKey);
      if (!before.has(key)) before.set(key, this.state.get(key));
      const caused = this.update(fix);
      if (caused.length > 0) transitions.push(...caused);
    }
    return {
      transitions,
      rollback: () => {
        for (const [key, state] of before) {
          if (state) this.state.set(key, state);
          else this.state.delete(key);
        }
      },
    };
  }

  /**
   * The assets among `fixes` the engine knows nothing of: since it started, or since it
   * forgot them (`forget`). Their presence is to be restored from the database first.
   */
  unknownAssets(fixes: readonly Position[]): { assetKind: AssetKind; assetKey: string }[] {
    const unknown = new Map<string, { assetKind: AssetKind; assetKey: string }>();
    for (const fix of fixes) {
      const key = assetId(fix.assetKind, fix.assetKey);
      if (!this.state.has(key) && !unknown.has(key))
        unknown.set(key, { assetKind: fix.assetKind, assetKey: fix.assetKey });
    }
    return [...unknown.values()];
  }

  /**
   * Takes up where the stored events left off: an asset inside a zone stays inside without a
   * second ENTER, and a fix already stored (delivered again after a tracker died before
   * acknowledging it) is late and causes nothing. Only assets still unknown are restored.
   */
  restore(presences: readonly StoredPresence[]): void {
    for (const presence of presences) {
      const key = assetId(presence.assetKind, presence.assetKey);
      if (this.state.has(key)) continue;
      this.state.set(key, {
        assetKind: presence.assetKind,
        assetKey: presence.assetKey,
        fixAt: presence.fixAt?.getTime() ?? Number.NEGATIVE_INFINITY,
        zones:
          presence.zones.length === 0
            ? OUTSIDE
            : new Map(presence.zones.map((z) => [z.zoneId, z.enteredAt.getTime()])),
      });
    }
  }

  /**
   * Forgets the assets another tracker may have moved on since (their partition was just
   * taken over): they are restored from the database before their next fix.
   */
  forget(isGone: (assetKind: AssetKind, assetKey: string) => boolean): number {
    let forgotten = 0;
    for (const [key, presence] of this.state)
      if (isGone(presence.assetKind, presence.assetKey)) {
        this.state.delete(key);
        forgotten++;
      }
    return forgotten;
  }

  /**
   * The zones an asset is in now (as of the last fix fed) and when it entered each, for a
   * watch that meets the asset late (after a restart, or a partition taken over).
   */
  zonesIn(
    assetKind: AssetKind,
    assetKey: string,
  ): { id: string; kind: string; code: string; enteredAtMs: number }[] {
    const zones = this.state.get(assetId(assetKind, assetKey))?.zones ?? OUTSIDE;
    return [...zones].flatMap(([id, enteredAtMs]) => {
      const zone = this.byId.get(id);
      return zone ? [{ id, kind: zone.kind, code: zone.code, enteredAtMs }] : [];
    });
  }

  /** Zone codes an asset is in now, for a side panel or a dwell rule. */
  zonesOf(assetKind: AssetKind, assetKey: string): string[] {
    const zones = this.state.get(assetId(assetKind, assetKey))?.zones ?? OUTSIDE;
    return [...zones.keys()].flatMap((id) => this.byId.get(id)?.code ?? []);
  }

  get trackedAssets(): number {
    return this.state.size;
  }
}
