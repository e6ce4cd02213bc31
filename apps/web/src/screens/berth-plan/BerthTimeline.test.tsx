import type { BerthPlan, BerthPlanVisit } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { BerthTimeline } from './BerthTimeline.tsx';
import type { MoveDraft } from './move.ts';
import { VisitPanel } from './VisitPanel.tsx';

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
    expect(bar?.tagName).toBe('BUTTON');
    expect(bar?.getAttribute('aria-label')).toMatch(
      /^SHIP a · Berthed · .+ · Actual · 1 conflict$/,
    );
    const now = container.querySelector<HTMLElement>('.berth-plan-now');
    expect(now?.style.left).toBe('37.5%');
  });

  it('opens a bar by click or keyboard (a button), but only planners may drag visits still to come', () => {
    const onOpen = vi.fn();
    const actions = {
      selectedId: null,
      onOpen,
      canMove: true,
      draft: null,
      onDrag: vi.fn(),
      onDrop: vi.fn(),
    };
    const { container } = render(
      <BerthTimeline plan={plan} window={window} days={1} now={new Date()} actions={actions} />,
    );
    const bar = screen.getByRole('button', { name: /SHIP a/ });
    fireEvent.click(bar);
    expect(onOpen).toHaveBeenCalledWith('a');
    // A berthed visit stays where it lies.
    expect(container.querySelector('.berth-plan-movable')).toBeNull();
  });

  /** Visit a dragged to `berthId` for 12:00-18:00. */
  const draftTo = (berthId: string): MoveDraft => ({
    visitId: 'a',
    berthId,
    start: new Date('2026-12-01T12:00:00Z'),
    end: new Date('2026-12-01T18:00:00Z'),
  });
  /** A planner's timeline with visit a selected, and `draft` where it is being dragged. */
  const whileDragging = (draft: MoveDraft | null) =>
    render(
      <BerthTimeline
        plan={plan}
        window={window}
        days={1}
        now={new Date()}
        actions={{ selectedId: 'a', onOpen() {}, canMove: true, draft, onDrag() {}, onDrop() {} }}
      />,
    );

  it('shows where a drag would go and how many conflicts it would have there', () => {
    whileDragging(draftTo('b2'));
    const preview = screen.getByTestId('move-preview');
    expect(preview.closest('[data-berth]')?.getAttribute('data-berth')).toBe('B02');
    // 300 m in a berth of 250 m, 14 m of draught in 12 m of water.
    expect(preview.dataset.conflicts).toBe('2');
    expect(preview.style.left).toBe('50%');
  });

  it('keeps every lane where it is while a drag shows where the visit would go', () => {
    const heights = (draft: MoveDraft | null) => {
      const { container, unmount } = whileDragging(draft);
      const tracks = [...container.querySelectorAll<HTMLElement>('[data-berth-id]')];
      const minHeights = tracks.map((track) => track.style.minHeight);
      unmount();
      return minHeights;
    };
    const still = heights(null);
    // Over each berth in turn: the lanes below the pointer never move down to make room.
    for (const berthId of ['b1', 'b2']) expect(heights(draftTo(berthId))).toEqual(still);
  });

  it('details a visit’s conflicts in the user’s language, not the server’s English', async () => {
    await i18n.changeLanguage('zh-CN');
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <VisitPanel
            plan={plan}
            visitId="a"
            canMove={false}
            draft={null}
            onDraft={() => {}}
            onClose={() => {}}
          />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(screen.getByTestId('visit-conflicts').textContent).toBe('吃水 14 米，泊位水深 14 米');
    expect(screen.getByTestId('vessel-link').getAttribute('href')).toBe('/vessels/v-a');
    await i18n.changeLanguage('en');
  });
});
