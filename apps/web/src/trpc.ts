import type { AppRouter } from '@harbor/api/router';
import { TRPC_MAX_BATCH_SIZE } from '@harbor/shared';
import { QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClientErrorLike,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

/** Inputs and outputs of every procedure, e.g. `RouterOutputs['dispatch']['list']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type TrpcError = TRPCClientErrorLike<AppRouter>;

/**
 * The api at the same origin (the api serves this app; `vite dev` proxies to it). Queries
 * and mutations are batched, at most as many calls a request as the api takes; login goes
 * alone, as the api refuses it in a batch. Subscriptions are Server-Sent Events, which the
 * browser reconnects by itself (tRPC resumes from the last event id).
 */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc', eventSourceOptions: { withCredentials: true } }),
      false: splitLink({
        condition: (op) => op.path === 'auth.login',
        true: httpLink({ url: '/trpc' }),
        false: httpBatchLink({
          url: '/trpc',
          maxURLLength: 4_000,
          maxItems: TRPC_MAX_BATCH_SIZE,
        }),
      }),
    }),
  ],
});

/** The app's one query cache (a single-page app: one per page load, nothing rendered on a server). */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false } },
});

/**
 * React Query's options, keys and filters for every procedure, through `trpcClient`:
 * `useQuery(trpc.port.zones.queryOptions({}))`, `useMutation(trpc.alerts.acknowledge.mutationOptions())`,
 * `queryClient.invalidateQueries(trpc.containers.pathFilter())`. Every cache key comes from
 * here, so two screens asking the same procedure the same thing share one cache entry.
 */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `BAD_REQUEST`, ...), if it has one. */
export function trpcCode(error: unknown): string | undefined {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === 'string' ? data.code : undefined;
}

/** Field messages of a BAD_REQUEST, keyed by field (`{ "line 3.eta": ["..."] }`). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const data = (error as { data?: { fieldErrors?: unknown } } | null)?.data;
  return (data?.fieldErrors as Record<string, string[]> | undefined) ?? {};
}

/** Seconds the api asks to wait before trying again (a throttled login), if it says. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const data = (error as { data?: { retryAfterSeconds?: unknown } } | null)?.data;
  return typeof data?.retryAfterSeconds === 'number' ? data.retryAfterSeconds : undefined;
}
