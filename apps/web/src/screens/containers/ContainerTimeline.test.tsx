import type { EquipmentEvent } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { ContainerTimeline } from './ContainerTimeline.tsx';
import type { PortLookups } from './lookups.ts';

const lookups = {
  terminals: [],
  zones: [],
  blocks: [],
  visits: [],
  terminalCode: new Map([['t4', 'YSP4']]),
  zoneById: new Map(),
  blockById: new Map([['b1', { id: 'b1', code: 'Y01', terminalId: 't4', terminalCode: 'YSP4' }]]),
  visitById: new Map(),
} as unknown as PortLookups;

function event(
  id: string,
  eventType: EquipmentEvent['eventType'],
  eventAt: string,
): EquipmentEvent {
  return {
    id,
    eventType,
    eventClassifier: 'ACT',
    emptyIndicator: 'LADEN',
    eventAt,
    eventCreatedAt: eventAt,
    terminalId: 't4',
    zoneId: null,
    yardBlockId: eventType === 'GTOT' ? null : 'b1',
    bay: eventType === 'GTOT' ? null : 3,
    row: eventType === 'GTOT' ? null : 2,
    tier: eventType === 'GTOT' ? null : 1,
    vesselVisitId: null,
    vehicleId: null,
    dispatchJobId: null,
    recordedById: null,
    note: null,
  };
}

const events = [
  event('1', 'GTIN', '2026-11-20T01:00:00Z'),
  event('2', 'PICK', '2026-11-21T01:00:00Z'),
  event('3', 'GTOT', '2026-11-22T01:00:00Z'),
];

function renderTimeline(language: string, order: 'newest' | 'oldest', onOrder = vi.fn()) {
  void i18n.changeLanguage(language);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nextProvider i18n={i18n}>
        <ContainerTimeline events={events} order={order} onOrder={onOrder} lookups={lookups} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
  return [...screen.getByTestId('container-timeline').querySelectorAll('li')];
}

describe('ContainerTimeline', () => {
  it('lists the events newest first with readable labels and places', () => {
    const items = renderTimeline('en', 'newest');
    expect(items.map((item) => item.dataset.eventType)).toEqual(['GTOT', 'PICK', 'GTIN']);
    expect(items[0]?.textContent).toContain('Gate out');
    expect(items[2]?.textContent).toContain('YSP4 · Y01 3-2-1');
  });

  it('lists them oldest first, in Chinese, and asks to change the order', () => {
    const onOrder = vi.fn();
    const items = renderTimeline('zh-CN', 'oldest', onOrder);
    expect(items.map((item) => item.dataset.eventType)).toEqual(['GTIN', 'PICK', 'GTOT']);
    expect(items[0]?.textContent).toContain('进闸');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'newest' } });
    expect(onOrder).toHaveBeenCalledWith('newest');
  });
});
