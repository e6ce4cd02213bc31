import type { SessionUser, Shift, Vehicle } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session.tsx';
import { i18n } from '../../i18n/index.ts';
import { formatDateTime } from '../../ui/format.ts';
import { FleetScreen } from './FleetScreen.tsx';

// The screen asks the api through tRPC; these stand in for the fleet's procedures.
const api = vi.hoisted(() => ({
  vehicles: { list: { query: vi.fn() }, create: { mutate: vi.fn() }, update: { mutate: vi.fn() } },
  drivers: { list: { query: vi.fn() } },
  devices: { list: { query: vi.fn() } },
  shifts: { list: { query: vi.fn() }, create: { mutate: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const ORG = '11111111-1111-4111-8111-111111111111';
const DRIVER = '22222222-2222-4222-8222-222222222222';
const page = <T,>(items: T[]) => ({ items, nextCursor: null });

const howo: Vehicle = {
  id: '33333333-3333-4333-8333-333333333333',
  organizationId: ORG,
  plate: '沪DF00001',
  vin: 'LZZ1CLVB8NA123456',
  model: 'Sinotruk HOWO T7H tractor',
  modelZh: '中国重汽豪沃 T7H 牵引车',
  status: 'MAINTENANCE',
  manualStatus: 'MAINTENANCE',
  terminalPhone: '013917000001',
  position: null,
  currentJob: null,
  driver: { id: DRIVER, name: '李伟' },
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-25T00:00:00.000Z',
};

const user = (role: SessionUser['role']) =>
  ({
    id: '44444444-4444-4444-8444-444444444444',
    email: 'someone@dhcl.harbor.local',
    name: 'Someone',
    role,
    organization: { id: ORG, code: 'DHCL', name: 'Donghai', kind: 'LOGISTICS_COMPANY' },
  }) as SessionUser;

function renderFleet(role: SessionUser['role'], path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={user(role)}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/fleet/*" element={<FleetScreen />} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  for (const group of Object.values(api))
    for (const procedure of Object.values(group))
      for (const fn of Object.values(procedure)) fn.mockReset();
  api.vehicles.list.query.mockResolvedValue(page([howo]));
  api.drivers.list.query.mockResolvedValue(
    page([
      {
        id: DRIVER,
        organizationId: ORG,
        name: '李伟',
        phone: null,
        licenseNumber: null,
        currentVehicle: null,
        createdAt: howo.createdAt,
        updatedAt: howo.updatedAt,
      },
    ]),
  );
  api.shifts.list.query.mockResolvedValue(page<Shift>([]));
});
afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('the fleet screen', () => {
  it('shows a viewer the vehicles in Chinese, read only, without the terminals', async () => {
    await i18n.changeLanguage('zh-CN');
    renderFleet('VIEWER', '/fleet/vehicles');
    const row = (await screen.findByText('沪DF00001')).closest('tr') as HTMLElement;
    expect(within(row).getByText('中国重汽豪沃 T7H 牵引车')).toBeTruthy();
    expect(within(row).getByTestId('vehicle-status').textContent).toBe('维修中');
    expect(row.textContent).not.toContain('MAINTENANCE');
    expect(screen.getByText('只读：由本公司的管理员和调度员修改车队信息。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '添加车辆' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: '操作' })).toBeNull();
    const tabs = screen.getByRole('navigation', { name: '车队管理栏目' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['车辆', '司机', '排班']);
  });

  it('sorts the vehicles by a column header', async () => {
    api.vehicles.list.query.mockResolvedValue(
      page([howo, { ...howo, id: '55555555-5555-4555-8555-555555555555', plate: '沪DA00002' }]),
    );
    renderFleet('DISPATCHER', '/fleet/vehicles');
    await screen.findByText('沪DA00002');
    const plates = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.getAttribute('data-plate'));
    expect(plates()).toEqual(['沪DA00002', '沪DF00001']);
    fireEvent.click(screen.getByRole('button', { name: 'Plate' }));
    expect(plates()).toEqual(['沪DF00001', '沪DA00002']);
  });

  it('marks a bad plate with its one message before asking the api, then adds the vehicle', async () => {
    api.vehicles.create.mutate.mockImplementation((input: { plate: string }) => ({
      ...howo,
      plate: input.plate,
    }));
    renderFleet('DISPATCHER', '/fleet/vehicles');
    fireEvent.click(await screen.findByRole('button', { name: 'Add vehicle' }));
    const dialog = screen.getByRole('dialog', { name: 'Add vehicle' });
    fireEvent.change(within(dialog).getByLabelText('Plate'), { target: { value: '沪D1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog)
        .getAllByTestId('field-error')
        .map((e) => e.textContent),
    ).toEqual(['Enter a plate like 沪D12345, or 2–12 letters and digits.']);
    expect(within(dialog).getByLabelText('Plate').getAttribute('aria-invalid')).toBe('true');
    expect(api.vehicles.create.mutate).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('Plate'), { target: { value: '沪D54321' } });
    fireEvent.change(within(dialog).getByLabelText('Model in Chinese'), {
      target: { value: '解放 J6P' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.vehicles.create.mutate).toHaveBeenCalledWith(
      expect.objectContaining({ plate: '沪D54321', modelZh: '解放 J6P', status: 'AVAILABLE' }),
    );
  });

  it('says in the user’s words which shift an overlapping one meets', async () => {
    const startsAt = '2026-11-25T00:00:00.000Z';
    const endsAt = '2026-11-25T08:00:00.000Z';
    api.shifts.create.mutate.mockRejectedValue({
      error: {
        message: `driver 李伟 already has a shift from ${startsAt} to ${endsAt}`,
        code: -32009,
        data: {
          code: 'CONFLICT',
          httpStatus: 409,
          reason: 'shift.driver-busy',
          params: { driver: '李伟', startsAt, endsAt },
        },
      },
    });
    await i18n.changeLanguage('zh-CN');
    renderFleet('DISPATCHER', '/fleet/shifts?day=2026-11-25');
    fireEvent.click(await screen.findByRole('button', { name: '安排班次' }));
    const dialog = screen.getByRole('dialog', { name: '安排班次' });
    await within(dialog).findByRole('option', { name: '李伟' });
    fireEvent.change(within(dialog).getByLabelText('司机'), { target: { value: DRIVER } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    const alert = await within(dialog).findByRole('alert');
    const at = (iso: string) => formatDateTime(iso, 'zh-CN', 'short');
    expect(alert.textContent).toBe(`司机 李伟 在 ${at(startsAt)} 至 ${at(endsAt)} 已有班次。`);
    expect(api.shifts.create.mutate).toHaveBeenCalledWith(
      expect.objectContaining({
        driverId: DRIVER,
        startsAt: new Date('2026-11-25T08:00').toISOString(),
      }),
    );
  });
});
