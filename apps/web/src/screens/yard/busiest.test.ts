import type { YardUtilisation } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { busiestPlace } from './busiest.ts';

const figures = (containers: number) => ({
  containers,
  capacitySlots: 100,
  occupiedSlots: containers,
  teu: containers,
  ratio: containers / 100,
});

describe('busiestPlace', () => {
  it('opens the terminal with the most containers, at its fullest block', () => {
    const utilisation = [
      {
        terminalId: '1',
        terminalCode: 'WGQ1',
        ...figures(3),
        blocks: [{ yardBlockId: 'a', code: 'A1', ...figures(3) }],
      },
      {
        terminalId: '2',
        terminalCode: 'YSP4',
        ...figures(9),
        blocks: [
          { yardBlockId: 'b', code: 'B1', ...figures(2) },
          { yardBlockId: 'c', code: 'B2', ...figures(7) },
        ],
      },
    ] as unknown as YardUtilisation;
    expect(busiestPlace(utilisation)).toEqual({ terminal: 'YSP4', block: 'B2' });
  });

  it('keeps the first terminal on a tie and has nothing to open without terminals', () => {
    const tie = [
      { terminalId: '1', terminalCode: 'A', ...figures(0), blocks: [] },
      { terminalId: '2', terminalCode: 'B', ...figures(0), blocks: [] },
    ] as unknown as YardUtilisation;
    expect(busiestPlace(tie)).toEqual({ terminal: 'A', block: null });
    expect(busiestPlace([])).toBeNull();
  });
});
