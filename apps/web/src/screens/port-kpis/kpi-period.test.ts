import { describe, expect, it } from 'vitest';
import { kpiViewFromParams, kpiViewProblem } from './kpi-period.ts';

describe('the days the KPIs cover', () => {
  it('defaults to the last seven days, today included', () => {
    const today = new Date(2026, 10, 25, 18, 30);
    expect(kpiViewFromParams(new URLSearchParams('terminal=t1'), today)).toEqual({
      from: '2026-11-19',
      to: '2026-11-25',
      terminalId: 't1',
    });
    expect(kpiViewFromParams(new URLSearchParams('from=2026-11-01&to=junk'), today).from).toBe(
      '2026-11-19',
    );
  });

  it('tells what the api refuses: days out of order, more than 92', () => {
    const view = (from: string, to: string) => ({ from, to, terminalId: null });
    expect(kpiViewProblem(view('2026-11-25', '2026-11-24'))).toBe('order');
    expect(kpiViewProblem(view('2026-01-01', '2026-04-02'))).toBeNull();
    expect(kpiViewProblem(view('2026-01-01', '2026-04-03'))).toBe('tooLong');
  });
});
