import type { SessionUser } from '@harbor/shared';
import {
  matchQuery,
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { TRPCQueryKey } from '@trpc/tanstack-react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { setSessionEndedHandler } from '../live/connection.ts';
import { trpc, trpcClient, trpcCode } from '../trpc.ts';

/** Where `useMe` keeps who is logged in: `auth.session`'s key, `null` while nobody is. */
export const ME_KEY: TRPCQueryKey = trpc.auth.session.queryKey();

type Session = { user: SessionUser; logout: () => Promise<void> };
const SessionContext = createContext<Session | null>(null);

/** The logged-in user; only screens rendered inside `RequireSession` call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in screen');
  return session;
}

/** Who is logged in (`null` when nobody is): `useMe`'s query, for those who ask before it. */
export const meQuery = () =>
  queryOptions({
    queryKey: ME_KEY,
    queryFn: (): Promise<SessionUser | null> => trpcClient.auth.session.query(),
    staleTime: 5 * 60_000,
    retry: (count, error) => trpcCode(error) === undefined && count < 2,
  });

/** Who is logged in: `null` when nobody is. */
export function useMe() {
  return useQuery(meQuery());
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.login.mutationOptions({
      // Everything cached belonged to nobody or to the user before: start afresh (the
      // `me` query refetches, and the app turns into the new user's).
      onSuccess: () => queryClient.resetQueries(),
    }),
  );
}

/** Back to the login form, and nothing of this user's stays in the cache for the next one. */
function leave(queryClient: QueryClient): void {
  queryClient.setQueryData<SessionUser | null>(ME_KEY, null);
  queryClient.removeQueries({ predicate: (query) => !matchQuery(trpc.auth.pathFilter(), query) });
}

export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  const queryClient = useQueryClient();
  // Logging out starts the next person at the beginning, not on the screen this one left
  // (a session that ends by itself keeps its address, to come back to after logging in).
  const logout = async () => {
    await trpcClient.auth.logout.mutate();
    window.history.replaceState(null, '', '/');
    leave(queryClient);
  };
  // A live stream the api ended with its session (logged out elsewhere, expired, disabled).
  useEffect(() => {
    setSessionEndedHandler(() => leave(queryClient));
    return () => setSessionEndedHandler(null);
  }, [queryClient]);
  return <SessionContext.Provider value={{ user, logout }}>{children}</SessionContext.Provider>;
}
