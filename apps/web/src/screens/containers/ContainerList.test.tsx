import type { ContainerSummary } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { trpc } from '../../trpc.ts';
import { ContainerList } from './ContainerList.tsx';
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

const own: ContainerSummary = {
  id: '00000000-0000-4000-8000-000000000010',
  number: 'MSCU7100011',
  isoSizeType: '22G1',
  state: {
    containerId: '00000000-0000-4000-8000-000000000010',
    containerNumber: 'MSCU7100011',
    isoSizeType: '22G1',
    place: 'TERMINAL',
    emptyIndicator: 'LADEN',
    terminalId: null,
    terminalCode: 'WGQ1',
    zoneId: null,
    zoneCode: null,
    yardBlockId: null,
    yardBlockCode: 'W01',
    bay: 1,
    row: 1,
    tier: 1,
    vesselVisitId: null,
    vehicleId: null,
    lastEventId: null,
    lastEventType: 'DISC',
    lastEventAt: '2026-11-20T01:00:00.000Z',
    arrivedAt: '2026-11-20T01:00:00.000Z',
    dwellHours: 30,
  },
};

/** The list with containers.search (no filter) already answered by the api. */
function renderList(listsOwn: boolean) {
  void i18n.changeLanguage('en');
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(trpc.containers.search.infiniteQueryKey({ limit: 50 }), {
    pages: [{ items: [own], nextCursor: null }],
    pageParams: [null],
  });
  render(
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <ContainerList
          visitId={null}
          blockId={null}
          listsOwn={listsOwn}
          lookups={lookups}
          onFilter={() => {}}
          onOpen={() => {}}
        />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('ContainerList', () => {
  it('lists the containers a company handles before any filter', () => {
    renderList(true);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      'Containers your organization handles',
    );
    expect(screen.getByRole('button', { name: own.number })).toBeDefined();
  });

  it('asks port staff for a filter first (they see the whole port)', () => {
    renderList(false);
    expect(screen.getByText(/Choose a vessel visit or a yard block/)).toBeDefined();
    expect(screen.queryByRole('button', { name: own.number })).toBeNull();
  });
});
