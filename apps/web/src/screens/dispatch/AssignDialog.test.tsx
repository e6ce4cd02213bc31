import type { DispatchJob, TruckSuggestion } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { AssignDialog } from './AssignDialog.tsx';

// The dialog asks the api through tRPC; these stand in for its procedures.
const api = vi.hoisted(() => ({
  dispatch: { suggest: { query: vi.fn() }, assign: { mutate: vi.fn() } },
  drivers: { list: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const JOB = { id: '44444444-4444-4444-8444-444444444444', reference: 'J-0001' } as DispatchJob;
const truck = (plate: string, makesSlot: boolean | null): TruckSuggestion => ({
  vehicleId: `33333333-3333-4333-8333-33333333333${plate.length}`,
  plate,
  terminalPhone: '013917000001',
  fixAt: '2026-11-25T02:00:00.000Z',
  etaMinutes: 12,
  distanceKm: 8.4,
  straightLineKm: 6.1,
  viaBridge: false,
  why: 'no bridge',
  arrivesAt: '2026-11-25T02:12:00.000Z',
  makesSlot,
});

beforeEach(() => {
  api.drivers.list.query.mockResolvedValue({ items: [], nextCursor: null });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

async function renderDialog() {
  await i18n.changeLanguage('zh-CN');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <AssignDialog job={JOB} onAssigned={() => {}} onClose={() => {}} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('the assign dialog', () => {
  it('says which trucks can make the job’s gate slot', async () => {
    api.dispatch.suggest.query.mockResolvedValue([truck('沪D1', true), truck('沪D12', false)]);
    await renderDialog();
    const badges = await screen.findAllByTestId('suggest-slot');
    expect(badges.map((b) => [b.textContent, b.getAttribute('data-makes-slot')])).toEqual([
      ['赶得上闸口预约', 'true'],
      ['赶不上闸口预约', 'false'],
    ]);
  });

  it('says nothing of slots for a job without one', async () => {
    api.dispatch.suggest.query.mockResolvedValue([truck('沪D1', null)]);
    await renderDialog();
    await screen.findByText('沪D1');
    expect(screen.queryByTestId('suggest-slot')).toBeNull();
  });
});
