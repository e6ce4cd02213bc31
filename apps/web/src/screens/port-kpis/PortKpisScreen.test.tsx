import type { PortKpiFigures, PortKpis } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { PortKpisScreen } from './PortKpisScreen.tsx';

// The screen asks the api through tRPC; this stands in for dashboards.portKpis.
const api = vi.hoisted(() => ({
  dashboards: { portKpis: { query: vi.fn() } },
  gates: {
    load: { query: vi.fn() },
    punctuality: { query: vi.fn() },
    queue: { query: vi.fn() },
  },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const YSP1 = '11111111-1111-4111-8111-111111111111';
const WGQ1 = '22222222-2222-4222-8222-222222222222';

const figures = (berths: number, fields: Partial<PortKpiFigures>): PortKpiFigures => ({
  berths,
  arrivals: 0,
  berthings: 0,
  anchorageWaitHours: 0,
  meanAnchorageWaitHours: null,
  berthHours: 0,
  callsAtBerth: 0,
  occupancy: 0,
  departures: 0,
  meanTurnaroundHours: null,
  scheduledCalls: 0,
  onTimeCalls: 0,
  onTimeShare: null,
  meanAbsDeviationHours: null,
  ...fields,
});

const KPIS: PortKpis = {
  from: '2026-11-24',
  to: '2026-11-25',
  onTimeWindowHours: 2,
  rows: [
    {
      terminalId: WGQ1,
      terminalCode: 'WGQ1',
      date: '2026-11-24',
      ...figures(3, { arrivals: 1, berthings: 1, berthHours: 6, occupancy: 6 / 72 }),
    },
    { terminalId: WGQ1, terminalCode: 'WGQ1', date: '2026-11-25', ...figures(3, {}) },
    {
      terminalId: YSP1,
      terminalCode: 'YSP1',
      date: '2026-11-24',
      ...figures(5, {
        arrivals: 1,
        berthings: 1,
        anchorageWaitHours: 6,
        meanAnchorageWaitHours: 6,
        berthHours: 4,
        occupancy: 4 / 120,
        scheduledCalls: 1,
        onTimeCalls: 1,
        onTimeShare: 1,
        meanAbsDeviationHours: 1,
      }),
    },
    {
      terminalId: YSP1,
      terminalCode: 'YSP1',
      date: '2026-11-25',
      ...figures(5, {
        arrivals: 1,
        berthings: 1,
        meanAnchorageWaitHours: 0,
        berthHours: 22,
        occupancy: 22 / 120,
        departures: 2,
        meanTurnaroundHours: 16.75,
      }),
    },
  ],
  terminals: [
    {
      terminalId: WGQ1,
      terminalCode: 'WGQ1',
      timezone: 'Asia/Shanghai',
      ...figures(3, { arrivals: 1, berthings: 1, berthHours: 6, occupancy: 6 / 144 }),
    },
    {
      terminalId: YSP1,
      terminalCode: 'YSP1',
      timezone: 'Asia/Shanghai',
      ...figures(5, {
        arrivals: 2,
        berthings: 2,
        anchorageWaitHours: 6,
        meanAnchorageWaitHours: 3,
        berthHours: 26,
        occupancy: 26 / 240,
        departures: 2,
        meanTurnaroundHours: 16.75,
        scheduledCalls: 1,
        onTimeCalls: 1,
        onTimeShare: 1,
        meanAbsDeviationHours: 1,
      }),
    },
  ],
  total: figures(8, {
    arrivals: 3,
    berthings: 3,
    anchorageWaitHours: 6,
    meanAnchorageWaitHours: 2,
    berthHours: 32,
    occupancy: 32 / 384,
    departures: 2,
    meanTurnaroundHours: 16.75,
    scheduledCalls: 2,
    onTimeCalls: 1,
    onTimeShare: 0.5,
    meanAbsDeviationHours: 0.75,
  }),
};

beforeEach(() => {
  api.dashboards.portKpis.query.mockReset();
  api.dashboards.portKpis.query.mockResolvedValue(KPIS);
  api.gates.load.query.mockReset();
  api.gates.load.query.mockResolvedValue([]);
  api.gates.punctuality.query.mockReset();
  api.gates.punctuality.query.mockResolvedValue([]);
  api.gates.queue.query.mockReset();
  api.gates.queue.query.mockResolvedValue({
    terminalId: YSP1,
    at: '2026-11-25T02:00:00.000Z',
    count: 0,
    longestWaitS: 0,
    averageWaitS: 0,
    booked: 0,
    trucks: [],
  });
});

async function renderScreen(language: 'en' | 'zh-CN', url: string) {
  await i18n.changeLanguage(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <MemoryRouter initialEntries={[url]}>
          <PortKpisScreen />
        </MemoryRouter>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

/** The table's lines as cell texts, body then footer. */
const lines = (part: 'tbody' | 'tfoot') =>
  [...screen.getByTestId('port-kpis-table').querySelectorAll(`${part} tr`)].map((row) =>
    [...row.children].map((cell) => cell.textContent),
  );
const csvHref = () => screen.getByTestId('port-kpis-csv').getAttribute('href');

describe('PortKpisScreen', () => {
  it('shows each terminal day, the totals in hours with one decimal and shares in percent', async () => {
    await renderScreen('en', '/port-kpis?from=2026-11-24&to=2026-11-25');
    await screen.findByTestId('port-kpis-table');
    expect(api.dashboards.portKpis.query).toHaveBeenCalledWith({
      from: '2026-11-24',
      to: '2026-11-25',
    });
    expect([...screen.getAllByRole('columnheader')].map((th) => th.textContent)).toEqual([
      'Terminal',
      'Day',
      'Arrivals',
      'Calls berthed',
      'Mean anchorage wait (h)',
      'Time at berth (h)',
      'Berth occupancy',
      'Departures',
      'Mean port turnaround (h)',
      'On time',
      'Mean deviation from plan (h)',
    ]);
    expect(lines('tbody')).toEqual([
      ['WGQ1', '2026-11-24', '1', '1', '—', '6.0', '8%', '0', '—', '—', '—'],
      ['WGQ1', '2026-11-25', '0', '0', '—', '0.0', '0%', '0', '—', '—', '—'],
      ['YSP1', '2026-11-24', '1', '1', '6.0', '4.0', '3%', '0', '—', '100%', '1.0'],
      ['YSP1', '2026-11-25', '1', '1', '0.0', '22.0', '18%', '2', '16.8', '—', '—'],
    ]);
    expect(lines('tfoot')).toEqual([
      ['WGQ1', 'Period', '1', '1', '—', '6.0', '4%', '0', '—', '—', '—'],
      ['YSP1', 'Period', '2', '2', '3.0', '26.0', '11%', '2', '16.8', '100%', '1.0'],
      ['All terminals', 'Period', '3', '3', '2.0', '32.0', '8%', '2', '16.8', '50%', '0.8'],
    ]);
    expect(screen.getByTestId('port-kpis-note').textContent).toBe(
      'Days in the port’s time zone (Asia/Shanghai). On time: berthed within ±2 h of the planned arrival.',
    );
    expect(csvHref()).toBe('/reports/port-kpis.csv?from=2026-11-24&to=2026-11-25');
  });

  it('narrows the table and the download to the terminal chosen', async () => {
    await renderScreen('en', '/port-kpis?from=2026-11-24&to=2026-11-25');
    await screen.findByTestId('port-kpis-table');
    fireEvent.change(screen.getByLabelText('Terminal'), { target: { value: YSP1 } });
    expect(lines('tbody').map((line) => line.slice(0, 2))).toEqual([
      ['YSP1', '2026-11-24'],
      ['YSP1', '2026-11-25'],
    ]);
    expect(lines('tfoot').map((line) => line.slice(0, 2))).toEqual([['YSP1', 'Period']]);
    expect(csvHref()).toBe(
      `/reports/port-kpis.csv?from=2026-11-24&to=2026-11-25&terminalId=${YSP1}`,
    );
    // The api was asked once: the terminal is chosen among what it sent.
    expect(api.dashboards.portKpis.query).toHaveBeenCalledTimes(1);
  });

  it('speaks Chinese, and tells a period the api would refuse without asking it', async () => {
    await renderScreen('zh-CN', '/port-kpis?from=2026-11-24&to=2026-11-25');
    await screen.findByTestId('port-kpis-table');
    expect(screen.getByRole('columnheader', { name: '平均锚地等待（小时）' })).toBeTruthy();
    expect(lines('tfoot').at(-1)?.slice(0, 2)).toEqual(['全部码头', '期间合计']);
    cleanup();
    api.dashboards.portKpis.query.mockClear();
    await renderScreen('zh-CN', '/port-kpis?from=2026-01-01&to=2026-06-30');
    expect(screen.getByRole('alert').textContent).toBe('一次最多 92 天。');
    expect(api.dashboards.portKpis.query).not.toHaveBeenCalled();
  });
});

describe('the gate appointments of the terminal chosen', () => {
  it('shows booked against capacity by hour and each company’s punctuality, in Chinese', async () => {
    api.gates.load.query.mockResolvedValue([
      {
        hourStart: '2026-11-25T02:00:00.000Z',
        moveKind: 'EXPORT_DROP_OFF',
        capacity: 40,
        booked: 31,
        arrived: 28,
      },
      {
        hourStart: '2026-11-25T02:00:00.000Z',
        moveKind: 'EMPTY',
        capacity: 20,
        booked: 4,
        arrived: 4,
      },
    ]);
    api.gates.punctuality.query.mockResolvedValue([
      {
        organizationId: '33333333-3333-4333-8333-333333333333',
        organizationName: 'Donghai Container Logistics',
        organizationNameZh: '东海集装箱物流',
        booked: 35,
        early: 3,
        onTime: 27,
        late: 4,
        noShow: 1,
        pending: 0,
      },
    ]);
    await renderScreen('zh-CN', `/port-kpis?from=2026-11-19&to=2026-11-25&terminal=${YSP1}`);
    const load = await screen.findByTestId('gate-load');
    const cells = [...load.querySelectorAll('tbody td')].map((cell) => cell.textContent);
    expect(cells.slice(1)).toEqual(['已约 31/40，到达 28', '—', '已约 4/20，到达 4']);
    const byCompany = within(screen.getByTestId('gate-punctuality'));
    expect(byCompany.getByText('东海集装箱物流')).toBeTruthy();
    expect(api.gates.load.query).toHaveBeenCalledWith(
      expect.objectContaining({ terminalId: YSP1 }),
    );
  });

  it('shows the queue at the gate now: how many, how long, and the trucks the user sees', async () => {
    api.gates.queue.query.mockResolvedValue({
      terminalId: YSP1,
      at: '2026-11-25T02:00:00.000Z',
      count: 3,
      longestWaitS: 25 * 60,
      averageWaitS: 14 * 60,
      booked: 2,
      trucks: [
        {
          vehicleId: '44444444-4444-4444-8444-444444444444',
          plate: '沪D12345',
          organizationId: '33333333-3333-4333-8333-333333333333',
          since: '2026-11-25T01:35:00.000Z',
          slotStart: '2026-11-25T02:00:00.000Z',
        },
      ],
    });
    await renderScreen('zh-CN', `/port-kpis?from=2026-11-19&to=2026-11-25&terminal=${YSP1}`);
    const summary = await screen.findByTestId('gate-queue-summary');
    expect(summary.textContent).toBe(
      '3 辆车排队，最长已等 25 分钟，平均 14 分钟；其中 2 辆有预约。',
    );
    const row = [...screen.getByTestId('gate-queue-trucks').querySelectorAll('tbody td')].map(
      (cell) => cell.textContent,
    );
    expect(row.slice(0, 2)).toEqual(['沪D12345', '25 分钟']);
    expect(api.gates.queue.query).toHaveBeenCalledWith({ terminalId: YSP1 });
  });

  it('says when nobody waits at the gate', async () => {
    await renderScreen('en', `/port-kpis?from=2026-11-19&to=2026-11-25&terminal=${YSP1}`);
    expect((await screen.findByTestId('gate-queue-summary')).textContent).toBe(
      'No truck is waiting at the gate.',
    );
  });

  it('asks nothing of the gates while all terminals are shown', async () => {
    await renderScreen('en', '/port-kpis?from=2026-11-19&to=2026-11-25');
    await screen.findByTestId('port-kpis-table');
    expect(screen.queryByTestId('gate-appointments')).toBeNull();
    expect(api.gates.load.query).not.toHaveBeenCalled();
  });
});
