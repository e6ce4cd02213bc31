import type { DispatchJobDetail, JobEta, Zone } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { JobDrawer } from './JobDrawer.tsx';

// The drawer asks the api through tRPC; this stands in for the job, its ETA and the port's zones.
const api = vi.hoisted(() => ({
  dispatch: {
    get: { query: vi.fn() },
    etas: { query: vi.fn() },
    proofLink: { mutate: vi.fn() },
  },
  port: { zones: { query: vi.fn() }, land: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const NOW = Date.parse('2026-11-25T08:00:00Z');
const square = (lon: number, lat: number): Zone['polygon'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.01],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ],
});
const zone = (id: string, code: string, lon: number, lat: number): Zone => ({
  id,
  portId: 'p',
  terminalId: null,
  code,
  name: code,
  nameZh: null,
  kind: 'GATE',
  polygon: square(lon, lat),
  bbox: { minLat: lat, minLon: lon, maxLat: lat + 0.01, maxLon: lon + 0.01 },
  speedLimitKnots: null,
  speedLimitKmh: null,
});
const ZONES = [
  zone('z-pick', 'YSP4-GATE', 122.01, 30.62),
  zone('z-drop', 'LCG-DEPOT', 121.89, 30.86),
];

const JOB: DispatchJobDetail = {
  id: 'job-1',
  organizationId: 'org',
  reference: 'DH-1',
  kind: 'CONTAINER_MOVE',
  status: 'EN_ROUTE_PICKUP',
  containerNumber: null,
  pickupZone: { id: 'z-pick', code: 'YSP4-GATE', name: 'Yangshan IV gate', nameZh: '洋山四期闸口' },
  dropoffZone: { id: 'z-drop', code: 'LCG-DEPOT', name: 'Luchaogang depot', nameZh: null },
  windowStart: '2026-11-25T07:00:00Z',
  windowEnd: '2026-11-25T09:00:00Z',
  vehicle: { id: 'veh-1', plate: '沪D12345' },
  driver: null,
  deliveredAt: null,
  requiresProofPhoto: false,
  note: null,
  createdAt: '2026-11-25T06:00:00Z',
  updatedAt: '2026-11-25T07:30:00Z',
  events: [],
  photos: [],
  deliveryPhotos: [],
};

const ETA: JobEta = {
  jobId: 'job-1',
  vehicleId: 'veh-1',
  position: { lat: 30.87, lon: 121.9, fixAt: '2026-11-25T07:59:50Z' },
  target: 'PICKUP',
  etaMinutes: 52.4,
  distanceKm: 44.1,
  viaBridge: true,
  arrivalAt: '2026-11-25T08:52:00Z',
  // After the window's end (09:00): it will miss it.
  dropoffArrivalAt: '2026-11-25T10:04:00Z',
};

/** The truck's camera's photo at the drop-off, where the terminal said it was taken. */
const cameraPhoto = (
  where: Pick<DispatchJobDetail['photos'][number], 'lat' | 'lon'>,
): DispatchJobDetail['photos'][number] => ({
  id: 'p-1',
  terminalPhone: '013916001001',
  mediaId: 1,
  kind: 'IMAGE',
  contentType: 'image/jpeg',
  eventCode: 0,
  channelId: 1,
  takenAt: '2026-11-25T08:50:03Z',
  ...where,
  sizeBytes: 7_525,
  receivedAt: '2026-11-25T08:50:05Z',
  dispatchJobId: 'job-1',
  url: '/media/p-1',
});

function renderDrawer(language: 'en' | 'zh-CN', eta: JobEta | null, job = JOB, canEdit = false) {
  void i18n.changeLanguage(language);
  api.dispatch.get.query.mockResolvedValue(job);
  api.dispatch.etas.query.mockResolvedValue(eta ? [eta] : []);
  api.port.zones.query.mockResolvedValue(ZONES);
  api.port.land.query.mockResolvedValue([]);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <JobDrawer jobId="job-1" now={NOW} onClose={vi.fn()} canEdit={canEdit} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('the job drawer', () => {
  it("shows the truck's ETA, the pickup and drop-off and the truck on the map, and warns it will be late", async () => {
    renderDrawer('en', ETA);
    const eta = await screen.findByText(/To the pickup in/);
    expect(eta.textContent).toMatch(
      /^ETA: To the pickup in 52 min \(44\.1 km\), about .* · via the Donghai Bridge$/,
    );
    expect(screen.getByTestId('job-eta').dataset.target).toBe('PICKUP');
    const warning = screen.getByTestId('job-late-warning');
    expect(warning.dataset.lateness).toBe('will-miss');
    expect(warning.textContent).toMatch(/^Will miss its time window: expected at the drop-off /);
    expect(screen.getByTestId('job-late').textContent).toBe('At risk');
    const map = await screen.findByTestId('job-map');
    expect(map.getAttribute('aria-label')).toBe(
      'Map: pickup YSP4-GATE, drop-off LCG-DEPOT, truck 沪D12345',
    );
    await waitFor(() => expect(map.querySelector('.dispatch-map-truck')).not.toBeNull());
    expect(map.querySelector('.dispatch-map-pickup')).not.toBeNull();
    expect(map.querySelector('.dispatch-map-dropoff')).not.toBeNull();
  });

  it('names the zones in Chinese and says when the truck has no position', async () => {
    renderDrawer('zh-CN', null);
    expect((await screen.findByTestId('job-eta')).textContent).toBe('车辆暂无位置。');
    expect(screen.getByText('YSP4-GATE (洋山四期闸口)')).toBeTruthy();
    expect(screen.queryByTestId('job-late-warning')).toBeNull();
    const map = await screen.findByTestId('job-map');
    expect(map.querySelector('.dispatch-map-truck')).toBeNull();
  });

  it('says a job whose window ended undelivered has missed it', async () => {
    renderDrawer('en', null, {
      ...JOB,
      status: 'PLANNED',
      vehicle: null,
      windowEnd: '2026-11-25T07:30:00Z',
    });
    const warning = await screen.findByTestId('job-late-warning');
    expect(warning.textContent).toMatch(/^Missed its time window: it ended /);
    expect(screen.queryByTestId('job-eta')).toBeNull();
  });

  it('shows a delivered job’s proof: where it was delivered and the photo, in Chinese', async () => {
    renderDrawer('zh-CN', null, {
      ...JOB,
      status: 'DELIVERED',
      deliveredAt: '2026-11-25T08:50:00Z',
      requiresProofPhoto: true,
      events: [
        {
          id: 'e-1',
          fromStatus: 'EN_ROUTE_DROPOFF',
          toStatus: 'DELIVERED',
          at: '2026-11-25T08:50:00Z',
          actorKind: 'GEOFENCE',
          actorUser: null,
          note: 'entered drop-off zone LCG-DEPOT',
          position: { lat: 30.8661, lon: 121.8942 },
        },
      ],
      photos: [cameraPhoto({ lat: 30.8661, lon: 121.8942 })],
    });
    const history = await screen.findByTestId('job-history');
    expect(history.textContent).toContain('30.86610, 121.89420');
    expect(screen.getByText('送达时由车载摄像头拍照')).toBeTruthy();
    const photo = within(screen.getByTestId('job-photos')).getByRole('img');
    expect(photo.getAttribute('src')).toBe('/media/p-1');
    expect(photo.getAttribute('alt')).toMatch(/^拍摄于 .+ 的照片$/);
  });

  it('makes the driver’s phone an upload link and shows it whole, to copy', async () => {
    api.dispatch.proofLink.mutate.mockResolvedValue({
      url: '/pod/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123',
      expiresAt: '2026-11-26T09:00:00.000Z',
    });
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderDrawer('zh-CN', null, JOB, true);
    fireEvent.click(await screen.findByRole('button', { name: '司机手机上传链接' }));
    const url = `${window.location.origin}/pod/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123`;
    const field = await screen.findByTestId('phone-link-url-value');
    expect((field as HTMLInputElement).value).toBe(url);
    expect(api.dispatch.proofLink.mutate).toHaveBeenCalledWith({ jobId: 'job-1' });
    expect(screen.getByTestId('phone-link').textContent).toContain('生成新链接后此链接失效');
    fireEvent.click(screen.getByRole('button', { name: '复制' }));
    expect(await screen.findByText('已复制。')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(url);
    // Another link replaces it.
    expect(screen.getByRole('button', { name: '重新生成手机上传链接' })).toBeTruthy();
  });

  it('offers the link to those who change jobs only, and not for a cancelled job', async () => {
    renderDrawer('en', null, JOB, false);
    await screen.findByTestId('job-photos');
    expect(screen.queryByTestId('phone-link')).toBeNull();
    cleanup();
    renderDrawer('en', null, { ...JOB, status: 'CANCELLED', vehicle: null }, true);
    await screen.findByTestId('job-photos');
    expect(screen.queryByTestId('phone-link')).toBeNull();
  });

  it('shows the driver’s phone’s photos beside the camera’s, each saying where it came from', async () => {
    renderDrawer('en', null, {
      ...JOB,
      photos: [cameraPhoto({ lat: null, lon: null })],
      deliveryPhotos: [
        {
          id: 'd-1',
          dispatchJobId: 'job-1',
          uploadedAt: '2026-11-25T08:49:00Z',
          lat: 30.8661,
          lon: 121.8942,
          sizeBytes: 2_345_678,
          contentType: 'image/jpeg',
          url: '/media/delivery/d-1',
        },
      ],
    });
    const list = await screen.findByTestId('job-photos');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.source)).toEqual(['phone', 'terminal']);
    const [phone, camera] = items;
    expect(phone?.textContent).toMatch(/^Driver’s phone · .+ · 30\.86610, 121\.89420$/);
    expect(
      within(phone as HTMLElement)
        .getByRole('img')
        .getAttribute('src'),
    ).toBe('/media/delivery/d-1');
    expect(
      within(phone as HTMLElement)
        .getByRole('img')
        .getAttribute('alt'),
    ).toMatch(/^Photo from the driver’s phone, uploaded /);
    expect(camera?.textContent).toMatch(/^Truck camera · /);
  });
});
