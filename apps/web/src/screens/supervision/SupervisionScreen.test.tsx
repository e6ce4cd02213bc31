import type {
  SessionUser,
  SupervisionLink,
  SupervisionLinkStatus,
  SupervisionRequest,
  Vehicle,
} from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session.tsx';
import { i18n } from '../../i18n/index.ts';
import { formatDateTime } from '../../ui/format.ts';
import { SupervisionScreen } from './SupervisionScreen.tsx';

// The screen asks the api through tRPC; these stand in for the procedures it calls.
const api = vi.hoisted(() => ({
  supervision: {
    link: { query: vi.fn() },
    requests: { query: vi.fn() },
    save: { mutate: vi.fn() },
    share: { mutate: vi.fn() },
    answer: { mutate: vi.fn() },
  },
  vehicles: { list: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const ORG = '11111111-1111-4111-8111-111111111111';
const LINK_ID = '22222222-2222-4222-8222-222222222222';
const HOWO = '33333333-3333-4333-8333-333333333333';
const SHACMAN = '44444444-4444-4444-8444-444444444444';
const INSPECTION = '55555555-5555-4555-8555-555555555555';

const vehicle = (id: string, plate: string, modelZh: string): Vehicle => ({
  id,
  organizationId: ORG,
  plate,
  vin: null,
  model: 'Tractor',
  modelZh,
  status: 'AVAILABLE',
  manualStatus: 'AVAILABLE',
  terminalPhone: null,
  position: null,
  currentJob: null,
  driver: null,
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
});

const status = (fields: Partial<SupervisionLinkStatus> = {}): SupervisionLinkStatus => ({
  main: 'up',
  sub: 'up',
  messagesSent: 12_345,
  messagesReceived: 67,
  decodeErrors: 0,
  loginsRefused: 1,
  connects: 2,
  positionsSent: 10_000,
  backlogSent: 420,
  backlogPending: 15,
  backlogDropped: 0,
  registrationsSent: 2,
  requestsReceived: 3,
  requestsAnswered: 1,
  lastError: {
    at: '2026-12-06T01:00:00.000Z',
    code: 'main-link-error',
    detail: 'connect ECONNREFUSED 10.1.2.3:9000',
  },
  lastLoginAt: '2026-12-06T01:05:00.000Z',
  at: new Date().toISOString(),
  ...fields,
});

const link = (fields: Partial<SupervisionLink> = {}): SupervisionLink => ({
  id: LINK_ID,
  enabled: true,
  edition: 'JT809_2019',
  host: '10.1.2.3',
  port: 9000,
  userId: 8001,
  gnssCenterId: 31_000_001,
  platformId: '31000000001',
  downLinkIp: '10.9.8.7',
  downLinkPort: 9100,
  encrypted: false,
  held: true,
  vehicleIds: [HOWO],
  stoppedVehicleIds: [],
  forwardedUntil: null,
  status: status(),
  updatedAt: '2026-12-06T00:00:00.000Z',
  ...fields,
});

const inspection: SupervisionRequest = {
  id: INSPECTION,
  kind: 'INSPECTION',
  infoId: 7,
  objectType: 2,
  objectId: '31000001',
  content: '请报告值班人员姓名',
  vehicleId: null,
  receivedAt: '2026-12-06T02:00:00.000Z',
  answer: null,
  answeredAt: null,
  sentAt: null,
};

const user = (role: SessionUser['role']) =>
  ({
    id: '66666666-6666-4666-8666-666666666666',
    email: 'someone@dhcl.harbor.local',
    name: 'Someone',
    role,
    locale: 'zh-CN',
    organization: { id: ORG, code: 'DHCL', name: 'Donghai', kind: 'LOGISTICS_COMPANY' },
  }) as SessionUser;

async function renderScreen(role: SessionUser['role'] = 'ADMIN') {
  await i18n.changeLanguage('zh-CN');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={user(role)}>
          <SupervisionScreen />
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

/** The message under a form control, as its aria-describedby names it. */
function problemOf(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

beforeEach(() => {
  for (const group of Object.values(api))
    for (const procedure of Object.values(group))
      for (const fn of Object.values(procedure)) fn.mockReset();
  api.supervision.link.query.mockResolvedValue(link());
  api.supervision.requests.query.mockResolvedValue([inspection]);
  api.vehicles.list.query.mockResolvedValue({
    items: [
      vehicle(HOWO, '沪DF00001', '中国重汽豪沃 T7H 牵引车'),
      vehicle(SHACMAN, '沪DA00002', '陕汽德龙 X3000 牵引车'),
    ],
    nextCursor: null,
  });
});
afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('the supervision platform screen', () => {
  it('shows a link that is up with its figures, in Chinese', async () => {
    await renderScreen();
    const panel = await screen.findByTestId('supervision-status');
    const at = (id: string) => within(panel).getByTestId(id).textContent;
    expect(panel.getAttribute('data-note')).toBe('current');
    expect(within(panel).queryByTestId('supervision-status-note')).toBeNull();
    expect(at('supervision-status-main')).toBe('已连接');
    expect(at('supervision-status-sub')).toBe('已连接');
    expect(at('supervision-messages-sent')).toBe('12,345');
    expect(at('supervision-messages-received')).toBe('67');
    expect(at('supervision-positions-sent')).toBe('10,000');
    expect(at('supervision-backlog-sent')).toBe('420');
    expect(at('supervision-backlog-pending')).toBe('15');
    expect(at('supervision-backlog-dropped')).toBe('0');
    expect(at('supervision-registrations-sent')).toBe('2');
    expect(at('supervision-logins-refused')).toBe('1');
    expect(at('supervision-last-login')).toBe(
      formatDateTime('2026-12-06T01:05:00.000Z', 'zh-CN', 'seconds'),
    );
    expect(at('supervision-last-error')).toContain('主链路故障。');
    // The socket's own message (English) only on hover.
    expect(at('supervision-last-error')).not.toContain('ECONNREFUSED');
    expect(
      within(panel).getByTestId('supervision-last-error-code').getAttribute('title'),
    ).toContain('ECONNREFUSED');
    expect(at('supervision-status-at')).toContain('截至');
    expect(within(panel).getByText('主链路')).toBeTruthy();
    expect(within(panel).getByText('从链路')).toBeTruthy();
    expect(within(panel).getByText('已补报')).toBeTruthy();
  });

  it('says why the platform refused the login, in Chinese', async () => {
    api.supervision.link.query.mockResolvedValue(
      link({
        status: status({
          main: 'connecting',
          lastError: {
            at: '2026-12-06T01:00:00.000Z',
            code: 'login-refused',
            detail: 'password-wrong',
          },
        }),
      }),
    );
    await renderScreen();
    const error = await screen.findByTestId('supervision-last-error-code');
    expect(error.textContent).toBe('监管平台拒绝登录：密码错误。');
  });

  it('says no process holds the link when its lease has run out', async () => {
    api.supervision.link.query.mockResolvedValue(
      link({ held: false, status: status({ main: 'connecting' }) }),
    );
    await renderScreen();
    const note = await screen.findByTestId('supervision-status-note');
    expect(note.textContent).toContain('当前没有 Harbor 进程持有该链路');
    expect(screen.getByTestId('supervision-status-main').textContent).toBe('连接中');
  });

  it('refuses a bad sub link IP address with its message before asking the api, then saves', async () => {
    api.supervision.save.mutate.mockImplementation(() => link({ downLinkIp: '10.9.8.6' }));
    await renderScreen();
    const ip = await screen.findByTestId('supervision-down-link-ip');
    expect((ip as HTMLInputElement).value).toBe('10.9.8.7');
    expect(screen.getByTestId('supervision-password').getAttribute('placeholder')).toBe(
      '不变：输入新密码以修改',
    );
    fireEvent.change(ip, { target: { value: '10.9.8' } });
    fireEvent.click(screen.getByTestId('supervision-save'));
    expect(ip.getAttribute('aria-invalid')).toBe('true');
    expect(problemOf(ip)).toBe('请输入 IP 地址（四段数字），例如 10.1.2.3。');
    expect(api.supervision.save.mutate).not.toHaveBeenCalled();

    fireEvent.change(ip, { target: { value: ' 10.9.8.6 ' } });
    fireEvent.click(screen.getByTestId('supervision-save'));
    await screen.findByTestId('supervision-saved');
    // The password left blank is left out: the api keeps the one stored.
    expect(api.supervision.save.mutate).toHaveBeenCalledWith({
      enabled: true,
      edition: 'JT809_2019',
      host: '10.1.2.3',
      port: 9000,
      userId: 8001,
      gnssCenterId: 31_000_001,
      platformId: '31000000001',
      downLinkIp: '10.9.8.6',
      downLinkPort: 9100,
      encryption: null,
    });
  });

  it('asks a first link for its password', async () => {
    api.supervision.link.query.mockResolvedValue(null);
    await renderScreen();
    expect((await screen.findByTestId('supervision-not-configured')).textContent).toBe(
      '尚未配置链路：请填写监管平台分配的参数并保存。',
    );
    const password = screen.getByTestId('supervision-password');
    expect(password.getAttribute('placeholder')).toBeNull();
    fireEvent.click(screen.getByTestId('supervision-save'));
    expect(problemOf(password)).toBe('必填。');
    expect(problemOf(screen.getByTestId('supervision-host'))).toBe(
      '请输入主机名或 IP 地址，例如 10.1.2.3。',
    );
    expect(problemOf(screen.getByTestId('supervision-user-id'))).toBe(
      '请输入 0 至 4294967295 之间的整数。',
    );
    expect(api.supervision.save.mutate).not.toHaveBeenCalled();
  });

  it('shares the ticked vehicles and shows which the platform stopped', async () => {
    api.supervision.link.query.mockResolvedValue(link({ stoppedVehicleIds: [HOWO] }));
    api.supervision.share.mutate.mockImplementation(() =>
      link({ vehicleIds: [HOWO, SHACMAN], stoppedVehicleIds: [HOWO] }),
    );
    await renderScreen();
    const table = await screen.findByTestId('supervision-vehicles');
    const row = (id: string) =>
      within(table.querySelector<HTMLElement>(`tr[data-row-id="${id}"]`) as HTMLElement);
    await row(HOWO).findByText('中国重汽豪沃 T7H 牵引车');
    expect(row(HOWO).getByTestId('supervision-vehicle-shared').textContent).toBe('上报中');
    expect(row(HOWO).getByTestId('supervision-vehicle-stopped').textContent).toBe('平台已停止交换');
    expect(row(SHACMAN).getByTestId('supervision-vehicle-shared').textContent).toBe('未上报');
    const share = screen.getByTestId('supervision-share') as HTMLButtonElement;
    expect(share.disabled).toBe(true);
    fireEvent.click(row(SHACMAN).getByRole('checkbox', { name: '选择 沪DA00002' }));
    fireEvent.click(share);
    await vi.waitFor(() =>
      expect(row(SHACMAN).getByTestId('supervision-vehicle-shared').textContent).toBe('上报中'),
    );
    expect(api.supervision.share.mutate).toHaveBeenCalledWith({
      vehicleIds: [SHACMAN],
      shared: true,
    });
    expect(screen.getByTestId('supervision-vehicles-count').textContent).toBe('已上报 2 / 2 辆');
  });

  it('lets a dispatcher answer an inspection, the settings only to read', async () => {
    api.supervision.answer.mutate.mockImplementation((input: { id: string; answer: string }) => ({
      ...inspection,
      answer: input.answer,
      answeredAt: '2026-12-06T02:01:00.000Z',
    }));
    await renderScreen('DISPATCHER');
    const requests = await screen.findByTestId('supervision-requests');
    expect(within(requests).getByTestId('supervision-request-kind').textContent).toBe('平台查岗');
    expect(screen.queryByTestId('supervision-save')).toBeNull();
    expect(screen.queryByTestId('supervision-password')).toBeNull();
    expect(screen.getByTestId('supervision-host').matches(':disabled')).toBe(true);
    expect(screen.queryByTestId('supervision-share')).toBeNull();

    // An empty answer is refused here; then the text goes to the api.
    fireEvent.click(within(requests).getByTestId('supervision-answer-submit'));
    expect(within(requests).getByTestId('supervision-answer-error').textContent).toBe('必填。');
    expect(api.supervision.answer.mutate).not.toHaveBeenCalled();
    api.supervision.requests.query.mockResolvedValue([
      { ...inspection, answer: '值班员 王磊', answeredAt: '2026-12-06T02:01:00.000Z' },
    ]);
    fireEvent.change(within(requests).getByTestId('supervision-answer-input'), {
      target: { value: '值班员 王磊' },
    });
    fireEvent.click(within(requests).getByTestId('supervision-answer-submit'));
    await vi.waitFor(() =>
      expect(api.supervision.answer.mutate).toHaveBeenCalledWith({
        id: INSPECTION,
        answer: '值班员 王磊',
      }),
    );
    expect((await within(requests).findByTestId('supervision-answer')).textContent).toBe(
      '值班员 王磊',
    );
    expect(within(requests).getByTestId('supervision-answer-sent').textContent).toBe('等待发送');
  });
});
