import type { BerthPlan, BerthPlanVisit } from '@harbor/shared';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import '../../i18n/index.ts';
import { BerthTimeline } from './BerthTimeline.tsx';

afterEach(cleanup);

function visit(id: string, start: string, end: string, extra: Partial<BerthPlanVisit> = {}) {
  return {
    id,
    vessel: {
      id: `v-${id}`,
      mmsi: 413000000,
      imo: null,
      name: `SHIP ${id}`,
      callSign: null,
      lengthM: 300,
      draughtM: 14,
      aisEta: null,
      discrepancies: [],
    },
    status: 'PLANNED',
    voyageNumber: null,
    windowStart: start,
    windowEnd: end,
    isActual: false,
    conflicts: [],
    ...extra,
  } as unknown as BerthPlanVisit;
}

const window = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') };
const plan = {
  terminalId: 't',
  from: window.from.toISOString(),
  to: window.to.toISOString(),
  conflictCount: 1,
  berths: [
    {
      berthId: 'b1',
      code: 'B01',
      lengthM: 300,
      depthM: 14,
      visits: [
        visit('a', '2026-12-01T06:00:00Z', '2026-12-01T12:00:00Z', {
          isActual: true,
          status: 'BERTHED',
          conflicts: [
            { kind: 'TOO_DEEP', otherVisitId: null, message: 'draught 16 m, berth 14 m' },
          ],
        }),
      ],
    },
    { berthId: 'b2', code: 'B02', lengthM: 250, depthM: 12, visits: [] },
  ],
} as unknown as BerthPlan;

describe('BerthTimeline', () => {
  it('draws a lane per berth and a bar per visit with the test hooks', () => {
    const { container } = render(
      <BerthTimeline plan={plan} window={window} days={1} now={new Date('2026-12-01T09:00:00Z')} />,
    );
    const lanes = [...container.querySelectorAll('[data-berth]')].map((lane) =>
      lane.getAttribute('data-berth'),
    );
    expect(lanes).toEqual(['B01', 'B02']);
    const bar = container.querySelector<HTMLElement>('[data-berth="B01"] [data-visit-id="a"]');
    expect(bar?.dataset.conflict).toBe('true');
    expect(bar?.style.left).toBe('25%');
    expect(bar?.style.width).toBe('25%');
    expect(bar?.className).toContain('berth-plan-actual');
    expect(bar?.title).toContain('draught 16 m, berth 14 m');
    const now = container.querySelector<HTMLElement>('.berth-plan-now');
    expect(now?.style.left).toBe('37.5%');
  });
});
