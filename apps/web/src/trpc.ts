import type { AppRouter } from '@harbor/api/router';
import type { FieldIssue, FieldIssues } from '@harbor/shared';
import { isErrorCode, TRPC_MAX_BATCH_SIZE } from '@harbor/shared';
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
import type { i18n as I18n } from 'i18next';
import { i18n as appI18n } from './i18n/index.ts';

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

/**
 * What is wrong with each field of a refused input, keyed by field (`{ "line 3.eta": [...] }`),
 * in the user's language: the api's `fieldIssues` codes translated (i18n/validation.ts), one
 * text per field (its first issue: a field says one thing at a time). Fields the api has only
 * an English message for (an older api) keep it.
 */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const data = (error as { data?: { fieldErrors?: unknown; fieldIssues?: unknown } } | null)?.data;
  const issues = (data?.fieldIssues ?? {}) as FieldIssues;
  const messages = (data?.fieldErrors ?? {}) as Record<string, string[]>;
  const fields: Record<string, string[]> = {};
  for (const field of new Set([...Object.keys(messages), ...Object.keys(issues)])) {
    const issue = issues[field]?.[0];
    const text = issue ? fieldIssueText(issue) : messages[field]?.[0];
    if (text) fields[field] = [text];
  }
  return fields;
}

/** One FieldIssue in the user's language. */
export function fieldIssueText(issue: FieldIssue, i18n: Pick<I18n, 't'> = appI18n): string {
  const params = issue.params ?? {};
  // A problem that is one of the api's errors (a CSV line naming a zone that does not exist).
  if (isErrorCode(issue.code))
    return i18n.t(issue.code, {
      ns: 'errors',
      defaultValue: i18n.t('invalid', { ns: 'validation' }),
      replace: params,
    });
  const variant = (key: string, value: unknown, known: readonly string[]) =>
    `${key}.${typeof value === 'string' && known.includes(value) ? value : 'other'}`;
  const key =
    issue.code === 'too-small' || issue.code === 'too-big'
      ? variant(issue.code, params.origin, ['string', 'number', 'array'])
      : issue.code === 'invalid-format'
        ? variant(issue.code, params.format, ['email', 'uuid', 'datetime', 'date', 'url'])
        : issue.code;
  return i18n.t(key, {
    ns: 'validation',
    defaultValue: i18n.t('invalid', { ns: 'validation' }),
    replace: params,
  });
}

/** Seconds the api asks to wait before trying again (a throttled login), if it says. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const data = (error as { data?: { retryAfterSeconds?: unknown } } | null)?.data;
  return typeof data?.retryAfterSeconds === 'number' ? data.retryAfterSeconds : undefined;
}
