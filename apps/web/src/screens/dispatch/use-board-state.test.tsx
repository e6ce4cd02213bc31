import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useBoardState } from './use-board-state.ts';

function wrapperAt(url: string) {
  return ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
}

function useBoardAndRouter() {
  const [board, update] = useBoardState();
  return { board, update, location: useLocation(), navigate: useNavigate() };
}

describe('useBoardState', () => {
  it('reads the board from the URL it opens with', () => {
    const { result } = renderHook(useBoardAndRouter, {
      wrapper: wrapperAt('/dispatch?q=DH-1&status=PLANNED&group=status'),
    });
    expect(result.current.board.search).toBe('DH-1');
    expect(result.current.board.status).toBe('PLANNED');
    expect(result.current.board.groupByStatus).toBe(true);
  });

  it('keeps every change of quick successive updates, in the state and in the URL', async () => {
    const { result } = renderHook(useBoardAndRouter, { wrapper: wrapperAt('/dispatch') });
    await act(async () => {
      result.current.update({ search: 'D' });
      result.current.update({ search: 'DH' });
      result.current.update({ groupByStatus: true });
    });
    expect(result.current.board.search).toBe('DH');
    expect(result.current.board.groupByStatus).toBe(true);
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('DH');
    expect(new URLSearchParams(result.current.location.search).get('group')).toBe('status');
  });

  it('follows a URL it did not write (a link or the back button)', async () => {
    const { result } = renderHook(useBoardAndRouter, { wrapper: wrapperAt('/dispatch?q=A') });
    await act(async () => {
      result.current.navigate('/dispatch?status=DELIVERED');
    });
    expect(result.current.board.search).toBe('');
    expect(result.current.board.status).toBe('DELIVERED');
  });
});
