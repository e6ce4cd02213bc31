import type { AppRouter } from '@harbor/api/router';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

/**
 * Stand-ins for the api's procedures, as the client names them:
 * `{ port: { zones: { query: vi.fn() } }, alerts: { acknowledge: { mutate: vi.fn() } } }`.
 * Each is called with the call's input and answers (or fails) in its place.
 */
export type StandIns = { [name: string]: StandIns | ((input: unknown) => unknown) };

/** A link that answers every query and mutation from `standIns`, without HTTP. */
function standInLink(standIns: StandIns): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const names = [...op.path.split('.'), op.type === 'mutation' ? 'mutate' : 'query'];
        let found: StandIns | ((input: unknown) => unknown) | undefined = standIns;
        for (const name of names) found = typeof found === 'object' ? found[name] : undefined;
        if (typeof found !== 'function') {
          observer.error(new TRPCClientError(`no stand-in for ${op.type} ${op.path}`));
          return;
        }
        const answer = found;
        Promise.resolve()
          .then(() => answer(op.input))
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (cause: unknown) => observer.error(TRPCClientError.from(cause as Error)),
          );
      });
}

/**
 * What `src/trpc.ts` exports for the app's calls, answered by `standIns`: to replace it in a
 * component test, `vi.mock('…/trpc.ts', async (original) => ({ ...(await original()),
 * ...fakeTrpc(standIns) }))`. Cache keys and filters are the real ones.
 */
export function fakeTrpc(standIns: StandIns) {
  const trpcClient = createTRPCClient<AppRouter>({ links: [standInLink(standIns)] });
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: trpcClient,
    queryClient: new QueryClient(),
  });
  return { trpcClient, trpc };
}
