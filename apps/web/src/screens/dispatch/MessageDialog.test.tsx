import type { DispatchJob, TerminalMedia } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { MessageDialog } from './MessageDialog.tsx';

// The dialog asks the api through tRPC; these stand in for its procedures.
const api = vi.hoisted(() => ({
  dispatch: { messages: { query: vi.fn() }, sendMessage: { mutate: vi.fn() } },
  vehicles: { media: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const VEHICLE = { id: '33333333-3333-4333-8333-333333333333', plate: '沪DF00001' };
const JOB = { id: '44444444-4444-4444-8444-444444444444', reference: 'J-0001' } as DispatchJob;
const page = <T,>(items: T[]) => ({ items, nextCursor: null });

const photo: TerminalMedia = {
  id: '55555555-5555-4555-8555-555555555555',
  terminalPhone: '013917000001',
  mediaId: 7,
  kind: 'IMAGE',
  contentType: 'image/jpeg',
  eventCode: 0,
  channelId: 1,
  takenAt: '2026-11-25T02:10:00.000Z',
  lat: 30.62,
  lon: 122.07,
  sizeBytes: 48_213,
  receivedAt: '2026-11-25T02:10:07.000Z',
  url: '/media/55555555-5555-4555-8555-555555555555',
};
const recording: TerminalMedia = {
  ...photo,
  id: '66666666-6666-4666-8666-666666666666',
  mediaId: 8,
  kind: 'AUDIO',
  contentType: 'audio/wav',
  lat: null,
  lon: null,
  url: '/media/66666666-6666-4666-8666-666666666666',
};

function renderDialog() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <MessageDialog job={JOB} vehicle={VEHICLE} onClose={() => undefined} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  api.dispatch.messages.query.mockResolvedValue(page([]));
});
afterEach(async () => {
  cleanup();
  vi.clearAllMocks();
  await i18n.changeLanguage('en');
});

describe('the message dialog’s photos', () => {
  it('shows the truck’s photos with time and place, and other uploads as links, in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    api.vehicles.media.query.mockResolvedValue(page([photo, recording]));
    renderDialog();
    const list = await screen.findByTestId('terminal-photos');
    const image = await within(list).findByRole('img');
    expect(image.getAttribute('src')).toBe(photo.url);
    expect(image.getAttribute('alt')).toMatch(/^沪DF00001 拍摄于 .+ 的照片$/);
    expect(list.textContent).toContain('30.62000, 122.07000');
    const link = within(list).getByRole('link', { name: /^录音，拍摄于/ });
    expect(link.getAttribute('href')).toBe(recording.url);
    expect(list.textContent).toContain('无位置');
    expect(api.vehicles.media.query).toHaveBeenCalledWith({ vehicleId: VEHICLE.id, limit: 12 });
  });

  it('says when the terminal has sent none', async () => {
    api.vehicles.media.query.mockResolvedValue(page([]));
    renderDialog();
    expect(await screen.findByText('The terminal has uploaded no photos yet.')).toBeTruthy();
  });
});
