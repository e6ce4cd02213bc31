import type { ContainerStatusOnly, SessionUser } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SessionProvider } from '../../auth/session.tsx';
import { i18n } from '../../i18n/index.ts';
import { trpc } from '../../trpc.ts';
import { ContainerDetail } from './ContainerDetail.tsx';
import type { PortLookups } from './lookups.ts';

const lookups: PortLookups = {
  terminals: [],
  zones: [],
  blocks: [],
  visits: [],
  terminalCode: new Map(),
  zoneById: new Map(),
  blockById: new Map(),
  visitById: new Map(),
};

const dispatcher: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'dispatcher@dhcl.example',
  name: 'DHCL dispatcher',
  role: 'DISPATCHER',
  locale: 'en',
  organization: {
    id: '00000000-0000-4000-8000-000000000002',
    code: 'DHCL',
    name: 'Donghai Container Logistics',
    kind: 'LOGISTICS_COMPANY',
  },
};

const number = 'CSQU3054383';
const statusOnly: ContainerStatusOnly = {
  access: 'STATUS',
  number,
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

/** ContainerDetail as a logistics dispatcher, with containers.get already answered. */
function renderDetail(language: 'en' | 'zh-CN') {
  void i18n.changeLanguage(language);
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(trpc.containers.get.queryKey({ number }), statusOnly);
  return render(
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={dispatcher}>
          <MemoryRouter>
            <ContainerDetail number={number} order="newest" onOrder={() => {}} lookups={lookups} />
          </MemoryRouter>
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('another organization’s container, looked up by its number', () => {
  it('shows where it is now and why there is no history (en)', () => {
    renderDetail('en');
    const panel = screen.getByTestId('container-status-only');
    expect(panel.dataset.place).toBe('TERMINAL');
    expect(panel.textContent).toContain(number);
    expect(panel.textContent).toContain('WGQ1');
    expect(panel.textContent).toContain('Discharged from vessel');
    expect(screen.getByRole('note').textContent).toContain(
      'your organization does not handle this container',
    );
    // No history, no map of its places, no yard slot, no form for a dispatcher.
    expect(screen.queryByTestId('container-timeline')).toBeNull();
    expect(screen.queryByTestId('container-state')).toBeNull();
    expect(screen.queryByText('Yard slot')).toBeNull();
    expect(screen.queryByText('Record event')).toBeNull();
  });

  it('explains it in Chinese too', () => {
    renderDetail('zh-CN');
    expect(screen.getByTestId('status-only-note').textContent).toContain('仅显示当前状态');
    expect(screen.getByTestId('container-status-only').textContent).toContain('卸船');
    expect(screen.queryByTestId('container-timeline')).toBeNull();
  });
});
