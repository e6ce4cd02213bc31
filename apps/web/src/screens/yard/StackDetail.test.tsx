import type { ContainerView } from '@harbor/shared';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { StackDetail } from './StackDetail.tsx';
import { YardSearch } from './YardSearch.tsx';
import { buildYardGrid } from './yard-grid.ts';

const own = 'TOLU4734787';
// Bay 1 row 1: the company's own box on the ground, another organization's on top of it.
const model = buildYardGrid({ code: 'W01', bays: 2, rows: 1, tiers: 3 }, [
  {
    bay: 1,
    row: 1,
    tier: 1,
    containerNumber: own,
    isoSizeType: '22G1',
    lengthFeet: 20,
    emptyIndicator: 'LADEN',
    isFirstBay: true,
  },
  {
    bay: 1,
    row: 1,
    tier: 2,
    containerNumber: null,
    isoSizeType: '22G1',
    lengthFeet: 20,
    emptyIndicator: null,
    isFirstBay: true,
  },
]);

function renderStack(language: 'en' | 'zh-CN') {
  void i18n.changeLanguage(language);
  render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <StackDetail cell={model.cells[0]?.[0] ?? null} dwellByNumber={new Map([[own, 30]])} />
      </MemoryRouter>
    </I18nextProvider>,
  );
  return screen.getByTestId('yard-stack');
}

describe('a stack holding another organization’s container', () => {
  it('shows its tier as occupied, without a number or a link (en)', () => {
    const stack = renderStack('en');
    const rows = stack.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const hidden = stack.querySelector('[data-withheld="true"]') as HTMLElement;
    expect(hidden.dataset.container).toBeUndefined();
    expect(hidden.textContent).toContain('Occupied');
    expect(hidden.querySelector('a')).toBeNull();
    const mine = stack.querySelector(`[data-container="${own}"]`) as HTMLElement;
    expect(mine.querySelector('a')?.getAttribute('href')).toBe(`/containers?number=${own}`);
    expect(stack.querySelectorAll('a')).toHaveLength(1);
  });

  it('says so in Chinese too', () => {
    const stack = renderStack('zh-CN');
    expect(stack.querySelector('[data-withheld="true"]')?.textContent).toContain('已占用');
  });
});

describe('the yard search for another organization’s container', () => {
  const view: ContainerView = {
    access: 'STATUS',
    number: 'CSQU3054383',
    isoSizeType: '22G1',
    status: {
      place: 'TERMINAL',
      terminalId: '00000000-0000-4000-8000-000000000003',
      terminalCode: 'WGQ1',
      zoneId: null,
      zoneCode: null,
      vesselVisitId: null,
      lastEventType: 'DISC',
      lastEventAt: '2026-11-20T01:00:00.000Z',
    },
  };

  it.each([
    ['en', 'CSQU3054383 (WGQ1): its yard slot is shown only to the organizations that handle it.'],
    ['zh-CN', 'CSQU3054383（WGQ1）：其堆场箱位只向经手该集装箱的单位显示。'],
  ] as const)('names its terminal, not its slot (%s)', (language, text) => {
    void i18n.changeLanguage(language);
    render(
      <I18nextProvider i18n={i18n}>
        <YardSearch
          initial="CSQU3054383"
          located={{ data: view, error: null, isPending: false }}
          onFind={() => {}}
          onClear={() => {}}
        />
      </I18nextProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe(text);
  });
});
