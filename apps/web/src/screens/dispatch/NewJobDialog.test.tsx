import type { Terminal, Zone, ZoneKind } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { NewJobDialog } from './NewJobDialog.tsx';

// The dialog asks the api through tRPC; this stands in for port.zones, port.terminals, dispatch.create.
const api = vi.hoisted(() => ({
  port: { zones: { query: vi.fn() }, terminals: { query: vi.fn() } },
  dispatch: { create: { mutate: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const YSP4: Terminal = {
  id: 't-ysp4',
  portId: 'p',
  code: 'YSP4',
  name: 'Yangshan Phase IV (automated)',
  nameZh: '洋山四期自动化码头',
  berthCount: 7,
  yardBlockCount: 8,
};
const box = { minLat: 30.6, minLon: 122, maxLat: 30.61, maxLon: 122.01 };
const zone = (
  code: string,
  kind: ZoneKind,
  name: string,
  terminalId: string | null = null,
): Zone => ({
  id: `z-${code}`,
  portId: 'p',
  terminalId,
  code,
  name,
  nameZh: code === 'YSP4-GATE' ? '洋山四期闸口' : null,
  kind,
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [122, 30.6],
        [122.01, 30.6],
        [122.01, 30.61],
        [122, 30.6],
      ],
    ],
  },
  bbox: box,
  speedLimitKnots: null,
  speedLimitKmh: null,
});
const ZONES = [
  zone('YSP4-GATE', 'GATE', 'Yangshan Phase IV gate', 't-ysp4'),
  zone('YSP4-Y01', 'YARD_BLOCK', 'Yangshan Phase IV yard block 1', 't-ysp4'),
  zone('YSP4-B01', 'BERTH', 'Yangshan Phase IV berth 1', 't-ysp4'),
  zone('LCG-DEPOT', 'DEPOT', 'Luchaogang container depot'),
  zone('YSBZ-WH1', 'WAREHOUSE', 'Bonded zone warehouse 1'),
  zone('DHB-GATE', 'GATE', 'Donghai Bridge gate (Luchaogang)'),
  zone('YS-ANCH-E', 'ANCHORAGE', 'Yangshan east anchorage'),
  zone('YS-FAIRWAY', 'FAIRWAY', 'Yangshan deep-water approach channel'),
  zone('DHB-SPAN', 'RESTRICTED_AREA', 'Donghai Bridge span exclusion'),
];

function renderDialog(language: 'en' | 'zh-CN') {
  void i18n.changeLanguage(language);
  api.port.zones.query.mockResolvedValue(ZONES);
  api.port.terminals.query.mockResolvedValue([YSP4]);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <NewJobDialog onCreated={vi.fn()} onClose={vi.fn()} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

const groupsOf = (select: HTMLElement) =>
  [...select.querySelectorAll('optgroup')].map((group) => [
    group.label,
    [...group.querySelectorAll('option')].map((option) => option.value),
  ]);

describe('the zone pickers of a new job', () => {
  it('offer only where a truck loads or unloads, grouped by terminal and kind', async () => {
    renderDialog('en');
    const pickup = screen.getByLabelText('Pickup zone', { selector: 'select' });
    await waitFor(() => expect(pickup.querySelectorAll('option').length).toBeGreaterThan(0));
    expect(groupsOf(pickup)).toEqual([
      ['Port area · Gates', ['DHB-GATE']],
      ['Port area · Depots', ['LCG-DEPOT']],
      ['Port area · Warehouses', ['YSBZ-WH1']],
      ['Yangshan Phase IV (automated) · Gates', ['YSP4-GATE']],
      ['Yangshan Phase IV (automated) · Yard blocks', ['YSP4-Y01']],
    ]);
  });

  it('finds a gate by searching, in Chinese with Chinese names, and creates the job with its code', async () => {
    renderDialog('zh-CN');
    const dialog = screen.getByTestId('new-job');
    const pickup = within(dialog).getByLabelText('提箱点', { selector: 'select' });
    await waitFor(() => expect(pickup.querySelectorAll('option').length).toBeGreaterThan(0));
    fireEvent.change(within(dialog).getByLabelText('搜索提箱点'), {
      target: { value: '四期 闸口' },
    });
    expect(groupsOf(pickup)).toEqual([['洋山四期自动化码头 · 闸口', ['YSP4-GATE']]]);
    expect(pickup.textContent).toBe('YSP4-GATE · 洋山四期闸口');
    fireEvent.change(pickup, { target: { value: 'YSP4-GATE' } });
    expect(screen.getByTestId('pickupZoneCode-chosen').textContent).toBe(
      '已选：YSP4-GATE · 洋山四期闸口',
    );
    // A search that leaves the chosen zone out still shows it, selected.
    fireEvent.change(within(dialog).getByLabelText('搜索提箱点'), { target: { value: 'depot' } });
    expect((pickup as HTMLSelectElement).value).toBe('YSP4-GATE');

    const dropoff = within(dialog).getByLabelText('送箱点', { selector: 'select' });
    fireEvent.change(within(dialog).getByLabelText('搜索送箱点'), { target: { value: '仓库' } });
    expect(groupsOf(dropoff)).toEqual([['港区 · 仓库', ['YSBZ-WH1']]]);
    fireEvent.change(dropoff, { target: { value: 'YSBZ-WH1' } });
    fireEvent.change(within(dialog).getByLabelText('任务编号'), { target: { value: 'DH-9' } });
    api.dispatch.create.mutate.mockResolvedValue({});
    fireEvent.click(within(dialog).getByRole('button', { name: '创建任务' }));
    await waitFor(() => expect(api.dispatch.create.mutate).toHaveBeenCalled());
    expect(api.dispatch.create.mutate.mock.calls[0]?.[0]).toMatchObject({
      reference: 'DH-9',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'YSBZ-WH1',
    });
  });

  it('says so when nothing matches', async () => {
    renderDialog('en');
    const pickup = screen.getByLabelText('Pickup zone', { selector: 'select' });
    await waitFor(() => expect(pickup.querySelectorAll('option').length).toBeGreaterThan(0));
    fireEvent.change(screen.getByLabelText('Search Pickup zone'), {
      target: { value: 'anchorage' },
    });
    expect(pickup.querySelectorAll('option')).toHaveLength(0);
    expect(screen.getAllByText('No zone matches.')).toHaveLength(1);
  });
});
