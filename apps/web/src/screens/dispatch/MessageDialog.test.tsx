import type { DispatchJob, SessionUser, TerminalCommand, TerminalMedia } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session.tsx';
import { i18n } from '../../i18n/index.ts';
import { MessageDialog } from './MessageDialog.tsx';

// The dialog asks the api through tRPC; these stand in for its procedures.
const api = vi.hoisted(() => ({
  dispatch: { messages: { query: vi.fn() }, sendMessage: { mutate: vi.fn() } },
  port: { terminals: { query: vi.fn() } },
  gates: {
    load: { query: vi.fn() },
    appointments: { query: vi.fn() },
    book: { mutate: vi.fn() },
    cancel: { mutate: vi.fn() },
  },
  vehicles: {
    media: { query: vi.fn() },
    commands: { query: vi.fn() },
    sendCommand: { mutate: vi.fn() },
  },
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
  dispatchJobId: null,
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

const user = (role: SessionUser['role']) =>
  ({
    id: '77777777-7777-4777-8777-777777777777',
    email: 'someone@dhcl.harbor.local',
    name: 'Someone',
    role,
    organization: {
      id: '11111111-1111-4111-8111-111111111111',
      code: 'DHCL',
      name: 'Donghai',
      kind: 'LOGISTICS_COMPANY',
    },
  }) as SessionUser;

function renderDialog(role: SessionUser['role'] = 'DISPATCHER') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={user(role)}>
          <MessageDialog job={JOB} vehicle={VEHICLE} onClose={() => undefined} />
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

const located: TerminalCommand = {
  id: '88888888-8888-4888-8888-888888888888',
  vehicleId: VEHICLE.id,
  terminalPhone: '013917000001',
  request: { kind: 'LOCATE' },
  status: 'ANSWERED',
  result: 0,
  answer: {
    position: {
      fixAt: '2026-11-25T02:10:00.000Z',
      lat: 30.6305,
      lon: 122.0712,
      speedKmh: 42,
      directionDeg: 90,
      isPositioned: true,
    },
  },
  dispatchJobId: null,
  createdAt: '2026-11-25T02:09:58.000Z',
  answeredAt: '2026-11-25T02:10:00.000Z',
};
const settings: TerminalCommand = {
  ...located,
  id: '99999999-9999-4999-8999-999999999999',
  request: { kind: 'QUERY_PARAMETERS' },
  answer: { parameters: { reportIntervalS: 30, maxSpeedKmh: 80 } },
};
const unsupported: TerminalCommand = {
  ...located,
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  request: { kind: 'TAKE_PHOTO', channelId: 1 },
  status: 'FAILED',
  result: 3,
  answer: null,
};

beforeEach(() => {
  api.port.terminals.query.mockResolvedValue([]);
  api.gates.appointments.query.mockResolvedValue([]);
  api.dispatch.messages.query.mockResolvedValue(page([]));
  api.vehicles.media.query.mockResolvedValue(page([]));
  api.vehicles.commands.query.mockResolvedValue(page([]));
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

describe('the message dialog’s terminal commands', () => {
  it('sends a locate, a photo and new settings, and shows the answers in words', async () => {
    api.vehicles.commands.query.mockResolvedValue(page([located, settings, unsupported]));
    api.vehicles.sendCommand.mutate.mockResolvedValue(located);
    renderDialog();
    const panel = await screen.findByTestId('terminal-commands');
    const answers = await within(panel).findAllByTestId('command-answer');
    expect(answers.map((answer) => answer.textContent)).toEqual([
      expect.stringMatching(/^30\.63050, 122\.07120 at 42 km\/h \(/),
      'Report every (s) 30 · Speed limit (km/h) 80',
      'The terminal does not support this.',
    ]);
    // No restart for a dispatcher.
    expect(within(panel).queryByRole('button', { name: 'Restart terminal' })).toBeNull();

    fireEvent.click(within(panel).getByRole('button', { name: 'Locate now' }));
    await vi.waitFor(() =>
      expect(api.vehicles.sendCommand.mutate).toHaveBeenCalledWith({
        vehicleId: VEHICLE.id,
        command: { kind: 'LOCATE' },
      }),
    );
    fireEvent.change(within(panel).getByLabelText('Report every (s)'), { target: { value: '10' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Change settings' }));
    await vi.waitFor(() =>
      expect(api.vehicles.sendCommand.mutate).toHaveBeenLastCalledWith({
        vehicleId: VEHICLE.id,
        command: { kind: 'SET_PARAMETERS', parameters: { reportIntervalS: 10 } },
      }),
    );
  });

  it('offers an admin the restart, and says in Chinese why a command was refused', async () => {
    await i18n.changeLanguage('zh-CN');
    api.vehicles.sendCommand.mutate.mockRejectedValue(
      TRPCClientError.from({
        error: {
          message: "沪DF00001's terminal is not connected",
          code: -32_603,
          data: {
            code: 'SERVICE_UNAVAILABLE',
            httpStatus: 503,
            reason: 'vehicle.terminal-offline',
            params: { plate: '沪DF00001' },
          },
        },
      }),
    );
    renderDialog('ADMIN');
    const panel = await screen.findByTestId('terminal-commands');
    fireEvent.click(within(panel).getByRole('button', { name: '重启终端' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      '沪DF00001 的终端未连接，请在其上线后再试。',
    );
  });
});

describe('the message dialog’s gate slot', () => {
  const YSP4 = {
    id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
    portId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
    code: 'YSP4',
    name: 'Yangshan Phase IV',
    nameZh: '洋山四期',
    berthCount: 7,
    yardBlockCount: 40,
  };
  const hour = (iso: string, booked: number) => ({
    hourStart: iso,
    moveKind: 'EXPORT_DROP_OFF' as const,
    capacity: 2,
    booked,
    arrived: 0,
  });

  it('offers the terminal’s hours with their free places and books one for the job’s truck, in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    api.port.terminals.query.mockResolvedValue([YSP4]);
    api.gates.load.query.mockResolvedValue([
      hour('2026-11-25T10:00:00.000Z', 2),
      hour('2026-11-25T11:00:00.000Z', 1),
    ]);
    api.gates.appointments.query.mockResolvedValue([
      {
        id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
        organizationId: '11111111-1111-4111-8111-111111111111',
        terminalId: YSP4.id,
        moveKind: 'EXPORT_DROP_OFF',
        slotStart: '2026-11-25T09:00:00.000Z',
        vehicle: VEHICLE,
        dispatchJobId: JOB.id,
        status: 'BOOKED',
        arrivedAt: '2026-11-25T09:12:00.000Z',
        punctuality: 'ON_TIME',
        createdAt: '2026-11-25T07:00:00.000Z',
      },
    ]);
    api.gates.book.mutate.mockResolvedValue({});
    renderDialog();
    const slots = await screen.findByTestId('gate-slots');
    const rows = await within(slots).findAllByRole('row');
    // The header, then each hour: capacity, booked, free; a full hour cannot be booked.
    expect(rows.map((row) => row.textContent)).toEqual([
      '时段能力已约剩余',
      expect.stringMatching(/^.+220预约$/),
      expect.stringMatching(/^.+211预约$/),
    ]);
    const [full, open] = within(slots).getAllByRole('button', { name: /^预约 .+ 起的时段$/ });
    expect((full as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(open as HTMLElement);
    await vi.waitFor(() =>
      expect(api.gates.book.mutate).toHaveBeenCalledWith({
        vehicleId: VEHICLE.id,
        terminalId: YSP4.id,
        moveKind: 'EXPORT_DROP_OFF',
        slotStart: '2026-11-25T11:00:00.000Z',
        jobId: JOB.id,
      }),
    );
    // The job's booking, and how the truck kept it.
    const bookings = within(slots).getByTestId('gate-bookings');
    expect(bookings.textContent).toMatch(/^准时 洋山四期 · 出口送箱 · .+ 取消预约$/);
  });
});
