import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { KanbanBoard } from './KanbanBoard.tsx';
import { jobLateness } from './lateness.ts';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const zone = (code: string) => ({ id: `zone-${code}`, code, name: code, nameZh: null });

function job(n: number, status: DispatchJobStatus, windowEnd: string, plate?: string): DispatchJob {
  return {
    id: `job-${n}`,
    organizationId: 'org',
    reference: `DH-${n}`,
    kind: 'CONTAINER_MOVE',
    status,
    containerNumber: null,
    pickupZone: zone('YSP4-GATE'),
    dropoffZone: zone('LCG-DEPOT'),
    windowStart: '2026-11-25T04:00:00Z',
    windowEnd,
    vehicle: plate ? { id: `veh-${plate}`, plate } : null,
    driver: null,
    deliveredAt: null,
    requiresProofPhoto: false,
    note: null,
    createdAt: '2026-11-24T08:00:00Z',
    updatedAt: '2026-11-24T08:00:00Z',
  };
}

const JOBS = [
  job(1, 'PLANNED', '2026-11-25T08:00:00Z'),
  job(2, 'EN_ROUTE_PICKUP', '2026-11-25T06:00:00Z', '沪D12345'),
  job(3, 'DELIVERED', '2026-11-25T08:00:00Z', '沪D23456'),
];

function renderBoard(language: 'en' | 'zh-CN', canEdit = true) {
  void i18n.changeLanguage(language);
  const onMove = vi.fn();
  const onOpen = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <KanbanBoard
        jobs={JOBS}
        canEdit={canEdit}
        latenessOf={(j) => jobLateness(j, NOW)}
        onOpen={onOpen}
        onMove={onMove}
      />
    </I18nextProvider>,
  );
  return { onMove, onOpen };
}

const column = (name: string) => screen.getByRole('region', { name });

describe('the kanban view', () => {
  it('shows a column per status, each card with reference, plate, window and lateness', () => {
    renderBoard('en');
    const board = screen.getByTestId('jobs-kanban');
    expect(
      [...board.querySelectorAll('section[data-status]')].map((s) => s.getAttribute('data-status')),
    ).toEqual([
      'PLANNED',
      'ASSIGNED',
      'EN_ROUTE_PICKUP',
      'AT_PICKUP',
      'LOADED',
      'EN_ROUTE_DROPOFF',
      'DELIVERED',
      'CANCELLED',
      'FAILED',
    ]);
    const card = within(column('To pickup')).getByRole('listitem');
    expect(card.dataset.reference).toBe('DH-2');
    expect(card.textContent).toContain('沪D12345');
    expect(within(card).getByTestId('job-late').textContent).toBe('Late');
    expect(within(column('Planned')).queryByTestId('job-late')).toBeNull();
    expect(within(column('Assigned')).getByText('None')).toBeTruthy();
  });

  it('moves a card on through the next status of the state machine', () => {
    const { onMove, onOpen } = renderBoard('zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '将 DH-2 改为“到达提箱点”' }));
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'job-2' }), 'AT_PICKUP');
    fireEvent.click(screen.getByRole('button', { name: '将 DH-1 改为“已派车”' }));
    expect(onMove).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'job-1' }), 'ASSIGNED');
    // A delivered job goes nowhere.
    expect(within(column('已送达')).queryByRole('button', { name: /^将/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '查看 DH-3' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'job-3' }));
    // Statuses in the screen's words only.
    expect(screen.getByTestId('jobs-kanban').textContent).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
  });

  it('accepts a dragged card only on a column the state machine allows', () => {
    const { onMove } = renderBoard('en');
    const card = within(column('To pickup')).getByRole('listitem');
    const dataTransfer = { setData: vi.fn(), effectAllowed: '' };
    fireEvent.dragStart(card, { dataTransfer });
    fireEvent.drop(column('Delivered'), { dataTransfer });
    expect(onMove).not.toHaveBeenCalled();
    fireEvent.dragStart(card, { dataTransfer });
    fireEvent.drop(column('Cancelled'), { dataTransfer });
    expect(onMove).toHaveBeenCalledWith(expect.objectContaining({ id: 'job-2' }), 'CANCELLED');
  });

  it('lets a read-only user look, not move', () => {
    renderBoard('en', false);
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    expect(within(column('To pickup')).getByRole('listitem').getAttribute('draggable')).toBe(
      'false',
    );
  });
});
