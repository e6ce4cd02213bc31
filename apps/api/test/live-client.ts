import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../src/runtime/app-router.ts';

/**
 * A tRPC client for Node (tests, benchmarks, scripts) that logs in with a cookie and runs
 * subscriptions over SSE, as the browser does with its own EventSource.
 */
export async function nodeClient(
  base: string,
  credentials: { email: string; password: string },
): Promise<{ client: TRPCClient<AppRouter>; cookie: string }> {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!login.ok) throw new Error(`login as ${credentials.email} failed: HTTP ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const url = `${base}/trpc`;
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
          }),
        }),
        false: httpLink({ url, headers: { cookie } }),
      }),
    ],
  });
  return { client, cookie };
}
