/**
 * Which drawn asset a click hits: every asset drawn in a frame is filed in a grid of square
 * screen cells, and a click looks only in the cells within reach of its point.
 */
export class SpatialGrid<T> {
  private readonly cells = new Map<number, { item: T; x: number; y: number }[]>();

  constructor(private readonly cellSize = 32) {}

  private cellId(column: number, row: number): number {
    // Screen coordinates stay well inside ±2^15 cells.
    return (column + 32_768) * 65_536 + (row + 32_768);
  }

  clear(): void {
    this.cells.clear();
  }

  insert(item: T, x: number, y: number): void {
    const id = this.cellId(Math.floor(x / this.cellSize), Math.floor(y / this.cellSize));
    const cell = this.cells.get(id);
    if (cell) cell.push({ item, x, y });
    else this.cells.set(id, [{ item, x, y }]);
  }

  /** The item nearest to (x, y) no further than `radius` pixels, or null. */
  nearest(x: number, y: number, radius: number): T | null {
    const first = Math.floor((x - radius) / this.cellSize);
    const last = Math.floor((x + radius) / this.cellSize);
    const top = Math.floor((y - radius) / this.cellSize);
    const bottom = Math.floor((y + radius) / this.cellSize);
    let best: T | null = null;
    let bestDistance = radius * radius;
    for (let column = first; column <= last; column++) {
      for (let row = top; row <= bottom; row++) {
        for (const entry of this.cells.get(this.cellId(column, row)) ?? []) {
          const distance = (entry.x - x) ** 2 + (entry.y - y) ** 2;
          if (distance <= bestDistance) {
            bestDistance = distance;
            best = entry.item;
          }
        }
      }
    }
    return best;
  }
}
