import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { BlockGrid } from './BlockGrid.tsx';
import { buildYardGrid } from './yard-grid.ts';

const forty = {
  containerNumber: 'TOLU4734787',
  isoSizeType: '42G1',
  lengthFeet: 40,
  emptyIndicator: 'LADEN' as const,
};
const model = buildYardGrid({ code: 'Y01', bays: 4, rows: 2, tiers: 5 }, [
  { ...forty, bay: 1, row: 2, tier: 1, isFirstBay: true },
  { ...forty, bay: 2, row: 2, tier: 1, isFirstBay: false },
  { ...forty, containerNumber: 'TCNU7200794', bay: 1, row: 2, tier: 2, isFirstBay: true },
  { ...forty, containerNumber: 'TCNU7200794', bay: 2, row: 2, tier: 2, isFirstBay: false },
]);

describe('BlockGrid', () => {
  it('renders one cell per stack with its slot, height and the highlighted slot', () => {
    const onChoose = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <BlockGrid
          model={model}
          highlight={{ bay: 1, row: 2, bays: 2 }}
          chosenKey={null}
          onPoint={() => {}}
          onChoose={onChoose}
        />
      </I18nextProvider>,
    );
    const grid = screen.getByTestId('yard-grid');
    expect(grid.querySelectorAll('[data-slot]')).toHaveLength(8);
    const first = grid.querySelector('[data-slot="Y01-1-2"]') as HTMLElement;
    expect(first.dataset.height).toBe('2');
    expect(first.dataset.highlighted).toBe('true');
    expect(first.className).toContain('yard-cell-span-start');
    const second = grid.querySelector('[data-slot="Y01-2-2"]') as HTMLElement;
    expect(second.className).toContain('yard-cell-span-end');
    expect(second.dataset.highlighted).toBeUndefined();
    expect(grid.querySelectorAll('[data-highlighted="true"]')).toHaveLength(1);
    expect(grid.querySelector('[data-slot="Y01-3-1"]')?.getAttribute('data-height')).toBe('0');
    fireEvent.click(second);
    expect(onChoose).toHaveBeenCalledWith('Y01-2-2');
  });
});
