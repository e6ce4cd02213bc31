import type { AppRouter } from '@harbor/api/router';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClientErrorLike,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** Inputs and outputs of every procedure, e.g. `RouterOutputs['dispatch']['list']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type TrpcError = TRPCClientErrorLike<AppRouter>;

/**
 * The api at the same origin (the api serves this app; `vite dev` proxies to it). Queries
 * and mutations are batched; subscriptions are Server-Sent Events, which the browser
 * reconnects by itself (tRPC resumes from the last event id).
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc', eventSourceOptions: { withCredentials: true } }),
      false: httpBatchLink({ url: '/trpc', maxURLLength: 4_000 }),
    }),
  ],
});

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
