import { describe, expect, it } from 'vitest';
import { SpatialGrid } from './hit-test.ts';

describe('SpatialGrid', () => {
  it('finds the nearest item within the radius, across cell borders', () => {
    const grid = new SpatialGrid<string>(32);
    grid.insert('a', 30, 30);
    grid.insert('b', 36, 36);
    grid.insert('c', 200, 200);
    expect(grid.nearest(32, 32, 10)).toBe('a');
    expect(grid.nearest(35, 35, 10)).toBe('b');
    expect(grid.nearest(195, 203, 10)).toBe('c');
  });

  it('finds nothing beyond the radius or after clearing', () => {
    const grid = new SpatialGrid<string>(32);
    grid.insert('a', 10, 10);
    expect(grid.nearest(25, 10, 10)).toBeNull();
    expect(grid.nearest(18, 10, 10)).toBe('a');
    grid.clear();
    expect(grid.nearest(10, 10, 10)).toBeNull();
  });

  it('handles points left of and above the screen', () => {
    const grid = new SpatialGrid<number>(32);
    grid.insert(1, -5, -5);
    expect(grid.nearest(2, 2, 12)).toBe(1);
  });

  it('picks the right one among thousands', () => {
    const grid = new SpatialGrid<number>(32);
    for (let i = 0; i < 10_000; i++) grid.insert(i, (i % 100) * 10, Math.floor(i / 100) * 10);
    expect(grid.nearest(503, 702, 4)).toBe(70 * 100 + 50);
  });
});
