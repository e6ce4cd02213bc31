import { EARTH_RADIUS_M } from '@harbor/shared';

const METRES_PER_DEG_LAT = (EARTH_RADIUS_M * Math.PI) / 180;
/** Keeps a cell's row and column in one safe integer. */
const SPAN = 2 ** 21;

/**
 * Ships in square cells of latitude and longitude as wide (in latitude) as the watch's range.
 * Ships move at every report, so a static tree (flatbush, kdbush) would be rebuilt for every
 * batch; a grid moves a ship between two cells in constant time, and the ships within a
 * range of a point are among those of the few cells its box touches. The caller measures the
 * exact distance. Longitudes do not wrap at the 180th meridian.
 */
export class ShipGrid<T> {
  private readonly cells = new Map<number, Set<T>>();
  private readonly cellOf = new Map<T, number>();
  private readonly cellDeg: number;

  constructor(cellM: number) {
    this.cellDeg = cellM / METRES_PER_DEG_LAT;
  }

  get size(): number {
    return this.cellOf.size;
  }

  /** Puts the ship at a position, moving it from where it was. */
  set(item: T, lat: number, lon: number): void {
    const cell = this.key(Math.floor(lat / this.cellDeg), Math.floor(lon / this.cellDeg));
    const was = this.cellOf.get(item);
    if (was === cell) return;
    if (was !== undefined) this.leave(item, was);
    this.cellOf.set(item, cell);
    let members = this.cells.get(cell);
    if (!members) {
      members = new Set();
      this.cells.set(cell, members);
    }
    members.add(item);
  }

  delete(item: T): void {
    const was = this.cellOf.get(item);
    if (was === undefined) return;
    this.leave(item, was);
    this.cellOf.delete(item);
  }

  has(item: T): boolean {
    return this.cellOf.has(item);
  }

  /** Calls `visit` for every ship in the cells a box of `radiusM` around the point touches. */
  near(lat: number, lon: number, radiusM: number, visit: (item: T) => void): void {
    const dLat = radiusM / METRES_PER_DEG_LAT;
    const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    const row0 = Math.floor((lat - dLat) / this.cellDeg);
    const row1 = Math.floor((lat + dLat) / this.cellDeg);
    const col0 = Math.floor((lon - dLon) / this.cellDeg);
    const col1 = Math.floor((lon + dLon) / this.cellDeg);
    for (let row = row0; row <= row1; row++) {
      for (let col = col0; col <= col1; col++) {
        const members = this.cells.get(this.key(row, col));
        if (members) for (const item of members) visit(item);
      }
    }
  }

  private leave(item: T, cell: number): void {
    const members = this.cells.get(cell);
    members?.delete(item);
    if (members?.size === 0) this.cells.delete(cell);
  }

  private key(row: number, col: number): number {
    return (row + SPAN) * 2 * SPAN + (col + SPAN);
  }
}
