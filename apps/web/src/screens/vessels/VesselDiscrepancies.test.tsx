import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { VesselDiscrepancies } from './VesselDiscrepancies.tsx';

const discrepancies = [
  { field: 'imo', curated: 9795610, ais: 9074729 },
  { field: 'lengthM', curated: 400, ais: 120 },
  { field: 'draughtM', curated: 16, ais: 16.5 },
] as const;

async function renderIn(language: 'en' | 'zh-CN') {
  await i18n.changeLanguage(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <VesselDiscrepancies discrepancies={discrepancies} />
    </I18nextProvider>,
  );
}

const rows = () =>
  [...screen.getByTestId('vessel-discrepancies').querySelectorAll('tbody tr')].map((row) =>
    [...row.children].map((cell) => cell.textContent),
  );

describe('VesselDiscrepancies', () => {
  it('shows each particular with the port value and the AIS value (en)', async () => {
    await renderIn('en');
    expect(screen.getByRole('region', { name: 'AIS reports other particulars' })).toBeTruthy();
    expect(rows()).toEqual([
      ['IMO number', '9795610', '9074729'],
      ['Length', '400 m', '120 m'],
      ['Draught (AIS deeper)', '16 m', '16.5 m'],
    ]);
    const heads = [...screen.getAllByRole('columnheader')].map((th) => th.textContent);
    expect(heads).toEqual(['Particular', 'Port record', 'AIS report']);
  });

  it('shows the same in Chinese', async () => {
    await renderIn('zh-CN');
    expect(screen.getByRole('region', { name: 'AIS 报告的船舶资料不一致' })).toBeTruthy();
    expect(rows()).toEqual([
      ['IMO 编号', '9795610', '9074729'],
      ['船长', '400 米', '120 米'],
      ['吃水（AIS 更深）', '16 米', '16.5 米'],
    ]);
  });

  it('shows nothing when the AIS agrees with the port', () => {
    const { container } = render(<VesselDiscrepancies discrepancies={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
