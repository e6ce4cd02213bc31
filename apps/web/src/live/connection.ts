import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { trpcCode } from '../trpc.ts';

/** The state of the app's live (SSE) subscriptions, as the header shows it. */
export type LiveState = 'connecting' | 'connected' | 'lost';

const states = new Map<number, LiveState>();
const listeners = new Set<() => void>();
let nextId = 1;
let snapshot: LiveState = 'connected';

function publish() {
  const all = [...states.values()];
  snapshot = all.includes('lost')
    ? 'lost'
    : all.includes('connecting')
      ? 'connecting'
      : 'connected';
  for (const listener of listeners) listener();
}

/** The worst state of all open subscriptions (`connected` when none is open). */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/** What to do when the api ends a stream because its session ended (logout elsewhere, expiry). */
let onSessionEnded: (() => void) | null = null;

/** The session's owner (SessionProvider) says how the app leaves an ended session. */
export function setSessionEndedHandler(handler: (() => void) | null): void {
  onSessionEnded = handler;
}

type Unsubscribable = { unsubscribe(): void };
/** The subset of tRPC's subscription options this hook drives. */
export type LiveHandlers<T> = {
  onStarted?: () => void;
  onData: (data: T) => void;
  onError: (error: unknown) => void;
  onConnectionStateChange?: (state: {
    state: 'idle' | 'connecting' | 'pending';
    error: unknown;
  }) => void;
};

/**
 * Keeps one subscription open while the component is mounted and `key` is unchanged,
 * reporting its connection state to the header. The SSE link reconnects by itself after
 * a network loss; an error that ends the subscription (the api refused it) is retried
 * after `retryMs`, so a restart of the api is also survived. A stream ended because its
 * session ended (UNAUTHORIZED) is not retried: the app goes back to the login form.
 *
 * A new `key` while the stream is connected (the map panned to another area) is a
 * handover, not a new connection as far as the header is concerned: the new stream shows
 * "connecting" only if it fails or drops after it started. The header's state is kept per
 * hook, not per stream, so it never flickers between two streams of one screen.
 */
export function useLiveSubscription<T>(
  key: string | null,
  subscribe: (handlers: LiveHandlers<T>) => Unsubscribable,
  onData: (data: T) => void,
  retryMs = 3_000,
): void {
  const onDataRef = useRef(onData);
  onDataRef.current = onData;
  const subscribeRef = useRef(subscribe);
  subscribeRef.current = subscribe;
  const [id] = useState(() => nextId++);
  useEffect(
    () => () => {
      states.delete(id);
      publish();
    },
    [id],
  );
  useEffect(() => {
    if (key === null) {
      if (states.delete(id)) publish();
      return;
    }
    let subscription: Unsubscribable | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let isClosed = false;
    let isHandover = states.get(id) === 'connected';
    const set = (state: LiveState) => {
      if (isClosed) return;
      if (state !== 'connecting') isHandover = false;
      if (states.get(id) === state) return;
      states.set(id, state);
      publish();
    };
    const open = () => {
      if (!isHandover) set('connecting');
      subscription = subscribeRef.current({
        onStarted: () => set('connected'),
        onData: (data) => {
          set('connected');
          onDataRef.current(data);
        },
        onError: (error) => {
          subscription?.unsubscribe();
          if (trpcCode(error) === 'UNAUTHORIZED' && onSessionEnded) {
            onSessionEnded();
            return;
          }
          set('lost');
          retry = setTimeout(open, retryMs);
        },
        onConnectionStateChange: ({ state, error }) => {
          if (state === 'pending') set('connected');
          else if (state === 'connecting' && error) set('lost');
          else if (state === 'connecting' && !isHandover) set('connecting');
        },
      });
    };
    open();
    return () => {
      isClosed = true;
      clearTimeout(retry);
      subscription?.unsubscribe();
    };
  }, [id, key, retryMs]);
}
