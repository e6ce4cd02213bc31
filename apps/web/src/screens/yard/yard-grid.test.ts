import type { YardSlotView } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { buildYardGrid, stackColour, stackInk, utilisationLevel } from './yard-grid.ts';

const block = { code: 'Y01', bays: 4, rows: 2, tiers: 5 };

function slot(partial: Partial<YardSlotView> & Pick<YardSlotView, 'bay' | 'row' | 'tier'>) {
  return {
    containerNumber: 'CSQU3054383',
    isoSizeType: '22G1',
    lengthFeet: 20,
    emptyIndicator: 'LADEN' as const,
    isFirstBay: true,
    ...partial,
  };
}

describe('buildYardGrid', () => {
  it('has a cell for every bay and row, empty ones at height 0', () => {
    const grid = buildYardGrid(block, []);
    expect(grid.cells).toHaveLength(2);
    expect(grid.cells[0]).toHaveLength(4);
    expect(grid.cells[1]?.[3]).toMatchObject({ key: 'Y01-4-2', bay: 4, row: 2, height: 0 });
    expect(grid.cells.flat().every((cell) => cell.units.length === 0)).toBe(true);
  });

  it('gives each stack its height (top tier) and its units top first', () => {
    const grid = buildYardGrid(block, [
      slot({ bay: 3, row: 2, tier: 1, containerNumber: 'AAAU0000001' }),
      slot({ bay: 3, row: 2, tier: 3, containerNumber: 'AAAU0000003' }),
      slot({ bay: 3, row: 2, tier: 2, containerNumber: 'AAAU0000002' }),
    ]);
    const cell = grid.cells[1]?.[2];
    expect(cell?.key).toBe('Y01-3-2');
    expect(cell?.height).toBe(3);
    expect(cell?.maxTiers).toBe(5);
    expect(cell?.units.map((unit) => unit.containerNumber)).toEqual([
      'AAAU0000003',
      'AAAU0000002',
      'AAAU0000001',
    ]);
    expect(grid.cells[0]?.[2]?.height).toBe(0);
  });

  it('shows a 40-ft unit on both bays it covers, marking its start and end', () => {
    const forty = { containerNumber: 'TOLU4734787', isoSizeType: '42G1', lengthFeet: 40 };
    const grid = buildYardGrid(block, [
      slot({ ...forty, bay: 1, row: 1, tier: 1, isFirstBay: true }),
      slot({ ...forty, bay: 2, row: 1, tier: 1, isFirstBay: false }),
    ]);
    const [first, second, third] = grid.cells[0] ?? [];
    expect(first).toMatchObject({ height: 1, span: 'start' });
    expect(second).toMatchObject({ height: 1, span: 'end' });
    expect(third).toMatchObject({ height: 0, span: 'none' });
    expect(first?.units[0]?.spanBays).toEqual([1, 2]);
    expect(second?.units[0]?.spanBays).toEqual([1, 2]);
  });

  it('takes the span from the top unit: a 40-ft on two 20-ft units', () => {
    const forty = { containerNumber: 'TOLU4734787', isoSizeType: '42G1', lengthFeet: 40 };
    const grid = buildYardGrid(block, [
      slot({ bay: 3, row: 1, tier: 1 }),
      slot({ bay: 4, row: 1, tier: 1, containerNumber: 'GYOU4047990' }),
      slot({ ...forty, bay: 3, row: 1, tier: 2, isFirstBay: true }),
      slot({ ...forty, bay: 4, row: 1, tier: 2, isFirstBay: false }),
    ]);
    const third = grid.cells[0]?.[2];
    expect(third).toMatchObject({ height: 2, span: 'start' });
    expect(third?.units[1]?.spanBays).toBeNull();
    expect(grid.cells[0]?.[3]).toMatchObject({ height: 2, span: 'end' });
  });
});

describe('stackColour', () => {
  it('is neutral for an empty stack and turns from green to red as the stack grows', () => {
    expect(stackColour(0, 5)).toBe('#f4f6f9');
    expect(stackColour(1, 5)).toBe('hsl(112 65% 72%)');
    expect(stackColour(5, 5)).toBe('hsl(0 65% 50%)');
    expect(stackInk(1, 5)).toBe('#1c2733');
    expect(stackInk(4, 5)).toBe('#ffffff');
  });
});

describe('utilisationLevel', () => {
  it('grades utilisation', () => {
    expect(utilisationLevel(0.2)).toBe('ok');
    expect(utilisationLevel(0.75)).toBe('warn');
    expect(utilisationLevel(0.95)).toBe('bad');
  });
});
