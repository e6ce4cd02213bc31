import type { Zone } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { trpc } from '../../trpc.ts';
import { usePortLookups } from '../containers/lookups.ts';
import { useMapData } from './use-map-data.ts';

const zone: Zone = {
  id: '00000000-0000-4000-8000-000000000001',
  portId: '00000000-0000-4000-8000-000000000002',
  terminalId: null,
  code: 'B01',
  name: 'Berth 1',
  kind: 'BERTH',
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [121.9, 30.6],
        [122.0, 30.6],
        [122.0, 30.7],
        [121.9, 30.6],
      ],
    ],
  },
  bbox: { minLat: 30.6, minLon: 121.9, maxLat: 30.7, maxLon: 122.0 },
  nameZh: null,
  speedLimitKnots: null,
  speedLimitKmh: null,
};
const api = vi.hoisted(() => ({
  port: { zones: { query: vi.fn() }, terminals: { query: vi.fn(async () => []) } },
  yard: { occupancy: { query: vi.fn(async () => []) } },
  visits: { list: { query: vi.fn(async () => ({ items: [], nextCursor: null })) } },
  vessels: { list: { query: vi.fn(async () => ({ items: [], nextCursor: null })) } },
  vehicles: { list: { query: vi.fn(async () => ({ items: [], nextCursor: null })) } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

describe('port.zones in the cache', () => {
  it('is one entry for the map and the containers screen, asked once', async () => {
    api.port.zones.query.mockResolvedValue([zone]);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => ({
        map: useMapData({ wantsLand: false, wantsFleets: true, wantsOccupancy: true }),
        lookups: usePortLookups(),
      }),
      { wrapper },
    );

    await waitFor(() => expect(result.current.lookups.zones).toEqual([zone]));
    expect(result.current.map.zones.data).toEqual([zone]);
    expect(api.port.zones.query).toHaveBeenCalledTimes(1);
    expect(api.port.zones.query).toHaveBeenCalledWith({});
    const cached = queryClient.getQueryCache().findAll(trpc.port.zones.pathFilter());
    expect(cached.map((query) => query.queryKey)).toEqual([trpc.port.zones.queryKey({})]);
  });
});
