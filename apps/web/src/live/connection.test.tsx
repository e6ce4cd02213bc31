import type { SessionUser } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME_KEY, SessionProvider } from '../auth/session.tsx';
import { i18n } from '../i18n/index.ts';
import { Shell } from '../layout/Shell.tsx';
import { type LiveHandlers, useLiveSubscription } from './connection.ts';

const dispatcher: SessionUser = {
  id: '7b0f3c1e-2d4a-4e8b-9f21-0c5d6e7f8a90',
  email: 'dispatcher@donghai-logistics.example',
  name: 'Wang Lei',
  role: 'DISPATCHER',
  locale: 'en',
  organization: {
    id: '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5',
    code: 'DHL',
    name: 'Donghai Logistics',
    kind: 'LOGISTICS_COMPANY',
  },
};

// The header's unread-alerts badge holds a live subscription of its own (tested with the
// alerts); here the header shows only the screens' subscriptions.
vi.mock('../screens/alerts/use-unread-alerts.ts', () => ({ useUnreadAlerts: () => 0 }));

/** A stand-in for a tRPC subscription: it keeps each opening's handlers to drive them. */
function fakeSubscribe() {
  const openings: { handlers: LiveHandlers<string>; unsubscribe: ReturnType<typeof vi.fn> }[] = [];
  const subscribe = vi.fn((handlers: LiveHandlers<string>) => {
    const unsubscribe = vi.fn();
    openings.push({ handlers, unsubscribe });
    return { unsubscribe };
  });
  const latest = () => {
    const opening = openings.at(-1);
    if (!opening) throw new Error('never subscribed');
    return opening;
  };
  return { subscribe, openings, latest };
}

function Feed({
  name,
  subscribe,
  onData = () => {},
}: {
  name: string;
  subscribe: (handlers: LiveHandlers<string>) => { unsubscribe(): void };
  onData?: (data: string) => void;
}) {
  useLiveSubscription(name, subscribe, onData);
  return <p>{name}</p>;
}

/** The app's header and navigation around screens that hold live subscriptions. */
function shellAround(screenContent: React.ReactNode, client = new QueryClient()) {
  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <SessionProvider user={dispatcher}>
          <MemoryRouter initialEntries={['/dispatch']}>
            <Routes>
              <Route element={<Shell />}>
                <Route path="/dispatch" element={screenContent} />
              </Route>
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}

function renderShell(screenContent: React.ReactNode) {
  void i18n.changeLanguage('en');
  return render(shellAround(screenContent));
}

const indicator = () =>
  screen.getByText(/^(Live|Connecting…|Live connection lost, reconnecting…)$/);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the live indicator in the header', () => {
  it('shows live when no screen holds a subscription', () => {
    renderShell(<p>Nothing live here</p>);
    expect(indicator().getAttribute('data-live')).toBe('connected');
    expect(indicator().textContent).toBe('Live');
    expect(indicator().getAttribute('role')).toBe('status');
  });

  it('goes from connecting to live once the subscription starts, and passes data on', () => {
    const feed = fakeSubscribe();
    const onData = vi.fn();
    renderShell(<Feed name="positions" subscribe={feed.subscribe} onData={onData} />);
    expect(indicator().textContent).toBe('Connecting…');
    act(() => feed.latest().handlers.onStarted?.());
    expect(indicator().textContent).toBe('Live');
    act(() => feed.latest().handlers.onData('fix 1'));
    expect(onData).toHaveBeenCalledWith('fix 1');
  });

  it('shows a lost connection and re-subscribes by itself after 3 seconds', () => {
    const feed = fakeSubscribe();
    renderShell(<Feed name="positions" subscribe={feed.subscribe} />);
    act(() => feed.latest().handlers.onStarted?.());
    act(() => feed.latest().handlers.onError(new Error('api restarting')));
    expect(indicator().getAttribute('data-live')).toBe('lost');
    expect(indicator().textContent).toBe('Live connection lost, reconnecting…');
    expect(feed.openings[0]?.unsubscribe).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(2_999));
    expect(feed.subscribe).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1));
    expect(feed.subscribe).toHaveBeenCalledTimes(2);
    expect(indicator().textContent).toBe('Connecting…');

    act(() => feed.latest().handlers.onData('fix after restart'));
    expect(indicator().textContent).toBe('Live');
  });

  it('goes back to the login form, without retrying, when the api ends a stream with its session', () => {
    const feed = fakeSubscribe();
    const client = new QueryClient();
    client.setQueryData(ME_KEY, dispatcher);
    void i18n.changeLanguage('en');
    render(shellAround(<Feed name="positions" subscribe={feed.subscribe} />, client));
    act(() => feed.latest().handlers.onStarted?.());
    const ended = Object.assign(new Error('your session has ended'), {
      data: { code: 'UNAUTHORIZED' },
    });
    act(() => feed.latest().handlers.onError(ended));
    expect(client.getQueryData(ME_KEY)).toBeNull();
    act(() => vi.advanceTimersByTime(10_000));
    expect(feed.subscribe).toHaveBeenCalledTimes(1);
  });

  it('keeps retrying while the api still refuses', () => {
    const feed = fakeSubscribe();
    renderShell(<Feed name="positions" subscribe={feed.subscribe} />);
    for (let attempt = 1; attempt <= 3; attempt++) {
      act(() => feed.latest().handlers.onError(new Error('refused')));
      expect(indicator().getAttribute('data-live')).toBe('lost');
      act(() => vi.advanceTimersByTime(3_000));
    }
    expect(feed.subscribe).toHaveBeenCalledTimes(4);
    act(() => feed.latest().handlers.onStarted?.());
    expect(indicator().getAttribute('data-live')).toBe('connected');
  });

  it("follows the SSE link's own reconnecting after a network loss", () => {
    const feed = fakeSubscribe();
    renderShell(<Feed name="positions" subscribe={feed.subscribe} />);
    const { handlers } = feed.latest();
    act(() => handlers.onConnectionStateChange?.({ state: 'pending', error: null }));
    expect(indicator().getAttribute('data-live')).toBe('connected');
    act(() =>
      handlers.onConnectionStateChange?.({ state: 'connecting', error: new Error('network') }),
    );
    expect(indicator().getAttribute('data-live')).toBe('lost');
    act(() => handlers.onConnectionStateChange?.({ state: 'pending', error: null }));
    expect(indicator().getAttribute('data-live')).toBe('connected');
    // The link reconnected the same subscription: no new one was opened.
    expect(feed.subscribe).toHaveBeenCalledTimes(1);
  });

  it('shows the worst of several subscriptions', () => {
    const positions = fakeSubscribe();
    const jobs = fakeSubscribe();
    renderShell(
      <>
        <Feed name="positions" subscribe={positions.subscribe} />
        <Feed name="jobs" subscribe={jobs.subscribe} />
      </>,
    );
    act(() => positions.latest().handlers.onStarted?.());
    expect(indicator().getAttribute('data-live')).toBe('connecting');
    act(() => jobs.latest().handlers.onStarted?.());
    expect(indicator().getAttribute('data-live')).toBe('connected');
    act(() => jobs.latest().handlers.onError(new Error('refused')));
    expect(indicator().getAttribute('data-live')).toBe('lost');
  });
});

describe('useLiveSubscription', () => {
  it('hands a connected stream over to a new key without showing connecting', () => {
    const feed = fakeSubscribe();
    const seen: string[] = [];
    const { rerender } = renderShell(<Feed name="area 1" subscribe={feed.subscribe} />);
    act(() => feed.latest().handlers.onStarted?.());
    const watch = () => seen.push(indicator().getAttribute('data-live') ?? '');
    for (let area = 2; area <= 10; area++) {
      rerender(shellAround(<Feed name={`area ${area}`} subscribe={feed.subscribe} />));
      watch();
      act(() =>
        feed.latest().handlers.onConnectionStateChange?.({ state: 'connecting', error: null }),
      );
      watch();
      act(() => feed.latest().handlers.onStarted?.());
      watch();
    }
    expect(feed.subscribe).toHaveBeenCalledTimes(10);
    expect(feed.openings[0]?.unsubscribe).toHaveBeenCalledTimes(1);
    expect(new Set(seen)).toEqual(new Set(['connected']));
    // A handed-over stream that fails still says so.
    rerender(shellAround(<Feed name="area 11" subscribe={feed.subscribe} />));
    act(() => feed.latest().handlers.onError(new Error('refused')));
    expect(indicator().getAttribute('data-live')).toBe('lost');
  });

  it('unsubscribes on unmount, stops retrying and no longer counts in the header', () => {
    const feed = fakeSubscribe();
    const other = fakeSubscribe();
    const { rerender } = renderShell([
      <Feed key="positions" name="positions" subscribe={feed.subscribe} />,
      <Feed key="jobs" name="jobs" subscribe={other.subscribe} />,
    ]);
    act(() => other.latest().handlers.onStarted?.());
    act(() => feed.latest().handlers.onError(new Error('refused')));
    expect(indicator().getAttribute('data-live')).toBe('lost');
    // The screen with the failed subscription is left; the other stays.
    rerender(shellAround([<Feed key="jobs" name="jobs" subscribe={other.subscribe} />]));
    expect(indicator().getAttribute('data-live')).toBe('connected');
    act(() => vi.advanceTimersByTime(10_000));
    expect(feed.subscribe).toHaveBeenCalledTimes(1);
    expect(other.subscribe).toHaveBeenCalledTimes(1);
    expect(other.openings[0]?.unsubscribe).not.toHaveBeenCalled();
    cleanup();
    expect(other.openings[0]?.unsubscribe).toHaveBeenCalledTimes(1);
  });
});
