import type { SessionUser, User } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session.tsx';
import { i18n } from '../../i18n/index.ts';
import { UsersScreen } from './UsersScreen.tsx';

// The screen asks the api through tRPC; these stand in for the procedures it calls.
const api = vi.hoisted(() => ({
  users: {
    list: { query: vi.fn() },
    invitations: { query: vi.fn() },
    update: { mutate: vi.fn() },
    resetPassword: { mutate: vi.fn() },
  },
  organizations: { list: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

const DHCL = '11111111-1111-4111-8111-111111111111';
const ADMIN_ID = '22222222-2222-4222-8222-222222222222';
const DISPATCHER_ID = '33333333-3333-4333-8333-333333333333';

const ADMIN: SessionUser = {
  id: ADMIN_ID,
  email: 'admin@dhcl.example',
  name: 'Li Na',
  role: 'ADMIN',
  locale: 'zh-CN',
  organization: { id: DHCL, code: 'DHCL', name: 'Donghai', kind: 'LOGISTICS_COMPANY' },
};

const user = (id: string, name: string, fields: Partial<User>): User => ({
  id,
  organizationId: DHCL,
  email: `${name.toLowerCase().replace(' ', '.')}@dhcl.example`,
  name,
  role: 'VIEWER',
  isActive: true,
  locale: 'zh-CN',
  lastLoginAt: null,
  createdAt: '2026-11-20T08:00:00.000Z',
  ...fields,
});

beforeEach(() => {
  for (const procedure of [
    api.users.list.query,
    api.users.invitations.query,
    api.users.update.mutate,
    api.organizations.list.query,
  ])
    procedure.mockReset();
  api.users.list.query.mockResolvedValue({
    items: [
      user(ADMIN_ID, 'Li Na', { role: 'ADMIN', email: ADMIN.email }),
      user(DISPATCHER_ID, 'Wang Lei', { role: 'DISPATCHER', lastLoginAt: '2026-11-25T01:00:00Z' }),
    ],
    nextCursor: null,
  });
  api.users.invitations.query.mockResolvedValue({ items: [], nextCursor: null });
  api.organizations.list.query.mockResolvedValue([
    {
      id: DHCL,
      code: 'DHCL',
      name: 'Donghai',
      nameZh: '东海集运',
      kind: 'LOGISTICS_COMPANY',
      userCount: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ]);
});

async function renderScreen() {
  await i18n.changeLanguage('zh-CN');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={ADMIN}>
          <UsersScreen />
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>,
  );
  const table = await screen.findByTestId('users-table');
  await within(table).findByText('Wang Lei');
  return table;
}

const rowOf = (table: HTMLElement, id: string) => {
  const row = table.querySelector<HTMLElement>(`tr[data-row-id="${id}"]`);
  if (!row) throw new Error(`no row ${id}`);
  return within(row);
};

describe('the users screen', () => {
  it('lists roles and access in Chinese; one organization needs no organization column', async () => {
    const table = await renderScreen();
    const dispatcher = rowOf(table, DISPATCHER_ID);
    expect(
      (dispatcher.getByTestId('user-role') as HTMLSelectElement).selectedOptions[0]?.textContent,
    ).toBe('调度员');
    expect(dispatcher.getByTestId('user-active').textContent).toBe('启用');
    expect(within(table).queryByText('单位')).toBeNull();
    expect(rowOf(table, ADMIN_ID).getByText('从未')).toBeDefined();
  });

  it('does not offer the admin their own role or access, as the api refuses them', async () => {
    const table = await renderScreen();
    const own = rowOf(table, ADMIN_ID);
    expect(own.queryByTestId('user-role')).toBeNull();
    expect(own.getByText('管理员')).toBeDefined();
    expect(own.queryByRole('button', { name: '停用 Li Na' })).toBeNull();
    expect(own.getByRole('button', { name: '重置密码：Li Na' })).toBeDefined();
  });

  it('changes a role at once, disables only when confirmed, and says a refusal translated', async () => {
    api.users.update.mutate.mockImplementation((input: { id: string }) =>
      Promise.resolve(user(input.id, 'Wang Lei', {})),
    );
    const table = await renderScreen();
    const dispatcher = rowOf(table, DISPATCHER_ID);
    fireEvent.change(dispatcher.getByTestId('user-role'), { target: { value: 'VIEWER' } });
    await vi.waitFor(() =>
      expect(api.users.update.mutate).toHaveBeenCalledWith({ id: DISPATCHER_ID, role: 'VIEWER' }),
    );

    // As the api answers it: the stable code in `data.reason`, an English message.
    const message = 'you cannot disable or demote your own account';
    api.users.update.mutate.mockRejectedValueOnce(
      new TRPCClientError(message, {
        result: {
          error: { message, code: -32003, data: { code: 'FORBIDDEN', reason: 'user.own-access' } },
        },
      }),
    );
    fireEvent.click(dispatcher.getByRole('button', { name: '停用 Wang Lei' }));
    const confirm = await screen.findByTestId('confirm');
    expect(api.users.update.mutate).toHaveBeenCalledTimes(1);
    fireEvent.click(within(confirm).getByRole('button', { name: '停用' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe(
      '不能停用或降级自己的账号。',
    );
    expect(api.users.update.mutate).toHaveBeenLastCalledWith({
      id: DISPATCHER_ID,
      isActive: false,
    });
  });
});
