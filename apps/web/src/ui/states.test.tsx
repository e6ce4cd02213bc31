import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { Empty, ErrorState, Loading, QueryState } from './states.tsx';

function withI18n(children: React.ReactNode) {
  void i18n.changeLanguage('en');
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

describe('Loading', () => {
  it('announces loading as a polite status', () => {
    render(withI18n(<Loading />));
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Loading…');
    expect(status.getAttribute('aria-live')).toBe('polite');
  });

  it('shows its own label instead when given one', () => {
    render(withI18n(<Loading label="Loading berths…" />));
    expect(screen.getByRole('status').textContent).toBe('Loading berths…');
  });

  it('speaks the chosen language', async () => {
    render(withI18n(<Loading />));
    await i18n.changeLanguage('zh-CN');
    expect(await screen.findByText('加载中…')).toBeTruthy();
    await i18n.changeLanguage('en');
  });
});

describe('Empty', () => {
  it('says there is nothing yet, or what the screen says instead', () => {
    const { rerender } = render(withI18n(<Empty />));
    expect(screen.getByText('Nothing here yet.')).toBeTruthy();
    rerender(withI18n(<Empty>No jobs match.</Empty>));
    expect(screen.getByText('No jobs match.')).toBeTruthy();
    expect(screen.queryByText('Nothing here yet.')).toBeNull();
  });
});

describe('ErrorState', () => {
  it('shows the error message as an alert and retries on request', () => {
    const onRetry = vi.fn();
    render(withI18n(<ErrorState error={new Error('api unreachable')} onRetry={onRetry} />));
    expect(screen.getByRole('alert').textContent).toContain(
      'Something went wrong: api unreachable',
    );
    expect(onRetry).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows a thrown non-Error as text and offers no retry without a handler', () => {
    render(withI18n(<ErrorState error="timeout" />));
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong: timeout');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('QueryState', () => {
  type Query = { data: string[] | undefined; error: unknown; isPending: boolean };
  const query = (patch: Partial<Query>) => ({
    data: undefined,
    error: null,
    isPending: false,
    refetch: vi.fn(),
    ...patch,
  });
  const list = (items: string[]) => (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );

  it('shows loading while pending, then the data', () => {
    const { rerender } = render(
      withI18n(<QueryState query={query({ isPending: true })}>{list}</QueryState>),
    );
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    rerender(withI18n(<QueryState query={query({ data: ['MSC Anna'] })}>{list}</QueryState>));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('listitem').textContent).toBe('MSC Anna');
  });

  it('shows the error with a retry that refetches', () => {
    const failed = query({ error: new Error('boom') });
    render(withI18n(<QueryState query={failed}>{list}</QueryState>));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(failed.refetch).toHaveBeenCalledTimes(1);
  });

  it('shows the empty text when the data is empty', () => {
    render(
      withI18n(
        <QueryState
          query={query({ data: [] })}
          isEmpty={(items) => items.length === 0}
          empty="No vessels in port."
        >
          {list}
        </QueryState>,
      ),
    );
    expect(screen.getByText('No vessels in port.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
