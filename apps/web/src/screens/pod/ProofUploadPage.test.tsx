import type { ProofUploadJob } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { ProofUploadPage } from './ProofUploadPage.tsx';

const TOKEN = 'abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123';
const JOB: ProofUploadJob = {
  reference: 'DH-1',
  plate: '沪D12345',
  containerNumber: 'CSQU3054383',
  dropoffZone: {
    code: 'LCG-DEPOT',
    name: 'Luchaogang container depot',
    nameZh: '芦潮港集装箱堆场',
  },
  status: 'EN_ROUTE_DROPOFF',
  expiresAt: '2026-11-26T09:00:00.000Z',
  photoCount: 0,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The api's two upload endpoints: the job (with as many photos as uploaded), and the upload. */
function fakeApi(upload: () => Response) {
  let photos = 0;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      const answer = upload();
      if (answer.ok) photos++;
      return answer;
    }
    if (url === `/api/pod/${TOKEN}`) return json(200, { ...JOB, photoCount: photos });
    return json(404, { error: 'no such link', code: 'proof-link.not-found' });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPage(language: 'en' | 'zh-CN', path = `/pod/${TOKEN}`) {
  void i18n.changeLanguage(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/pod/:token" element={<ProofUploadPage />} />
          </Routes>
        </MemoryRouter>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

const photoFile = () =>
  new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'IMG_0001.jpg', { type: 'image/jpeg' });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'geolocation');
});

describe('the driver’s proof-of-delivery page', () => {
  it('shows the job in Chinese and uploads the photo taken, with where the phone is', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (found: PositionCallback) =>
          found({ coords: { latitude: 30.8661, longitude: 121.8942 } } as GeolocationPosition),
      },
    });
    const fetch = fakeApi(() => json(201, { id: '11111111-1111-4111-8111-111111111111' }));
    renderPage('zh-CN');
    const job = await screen.findByTestId('pod-job');
    expect(job.textContent).toContain('DH-1');
    expect(job.textContent).toContain('沪D12345');
    expect(job.textContent).toContain('CSQU3054383');
    expect(job.textContent).toContain('芦潮港集装箱堆场');
    expect(job.textContent).toContain('状态前往送箱');
    expect(screen.getByTestId('pod-count').textContent).toBe('尚未上传照片。');
    expect(screen.getByTestId('pod-position').textContent).toBe('照片将附带您的位置。');

    const input = screen.getByLabelText('拍照上传') as HTMLInputElement;
    expect(input.accept).toBe('image/jpeg');
    expect(input.getAttribute('capture')).toBe('environment');
    const photo = photoFile();
    fireEvent.change(input, { target: { files: [photo] } });

    expect((await screen.findByTestId('pod-done')).textContent).toBe('照片已上传，谢谢！');
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe(`/api/pod/${TOKEN}/photo?lat=30.8661&lon=121.8942`);
    expect(post?.[1]?.body).toBe(photo);
    expect(post?.[1]?.headers).toEqual({ 'content-type': 'image/jpeg' });
    await waitFor(() =>
      expect(screen.getByTestId('pod-count').textContent).toBe('已上传 1 张照片。'),
    );
    expect(screen.getByLabelText('再拍一张')).toBeTruthy();
  });

  it('uploads without a position when the driver refuses it, and says why an upload failed', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (_found: PositionCallback, refused: PositionErrorCallback) =>
          refused({ code: 1, message: 'denied' } as GeolocationPositionError),
      },
    });
    const fetch = fakeApi(() =>
      json(400, { error: 'expected a JPEG photo', code: 'proof-photo.not-jpeg' }),
    );
    renderPage('en');
    await screen.findByTestId('pod-job');
    expect(screen.getByTestId('pod-position').textContent).toBe(
      'No position: the photo is uploaded without it.',
    );
    fireEvent.change(screen.getByLabelText('Take photo'), { target: { files: [photoFile()] } });
    expect((await screen.findByTestId('pod-failed')).textContent).toBe(
      'The photo was not uploaded: That is not a JPEG photo. Take the photo with the camera and try again.',
    );
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe(`/api/pod/${TOKEN}/photo`);
    expect(screen.queryByTestId('pod-done')).toBeNull();
  });

  it('says an unknown or expired link is so, and a closed job takes no photo', async () => {
    fakeApi(() => json(201, {}));
    renderPage('zh-CN', '/pod/expired');
    expect((await screen.findByRole('alert')).textContent).toContain(
      '上传链接无效或已过期，请向调度员索取新链接。',
    );
    cleanup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { ...JOB, status: 'CANCELLED', photoCount: 2 })),
    );
    renderPage('en');
    expect((await screen.findByRole('alert')).textContent).toBe('This job takes no more photos.');
    expect(screen.getByTestId('pod-count').textContent).toBe('2 photos uploaded so far.');
    expect(screen.queryByLabelText('Take photo')).toBeNull();
  });
});
