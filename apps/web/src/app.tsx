import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginScreen } from './auth/LoginScreen.tsx';
import { ADMIN_SCREENS, SCREEN_PATHS, type Screen, screensFor } from './auth/screens.ts';
import { SessionProvider, useMe, useSession } from './auth/session.tsx';
import { Shell } from './layout/Shell.tsx';
import { ChunkScreen, type ScreenChunk, screenChunk } from './screen-chunk.tsx';
import { prefetchMap } from './screens/map/prefetch.ts';
import { ErrorState, Loading } from './ui/states.tsx';

// The pages a one-time link opens, logged out or not (screens/account/link-token.ts).
const AcceptInvitationPage = lazy(async () => ({
  default: (await import('./screens/account/AcceptInvitationPage.tsx')).AcceptInvitationPage,
}));
const ResetPasswordPage = lazy(async () => ({
  default: (await import('./screens/account/ResetPasswordPage.tsx')).ResetPasswordPage,
}));
// The driver's phone's proof-of-delivery page, opened from a job's link; never logged in.
const ProofUploadPage = lazy(async () => ({
  default: (await import('./screens/pod/ProofUploadPage.tsx')).ProofUploadPage,
}));

// Each screen is its own chunk, loaded when first opened.
const mapScreen = screenChunk(async () => {
  prefetchMap();
  return import('./screens/map/MapScreen.tsx');
}, 'MapScreen');
// Opened at the map's address, the app loads the map (its code, its data) at once, beside
// asking who is logged in, rather than once the session is known and the shell drawn.
const { pathname } = window.location;
if (pathname === SCREEN_PATHS.map || pathname.startsWith(`${SCREEN_PATHS.map}/`))
  void mapScreen.preload().catch(() => undefined);
const SCREEN_CHUNKS: Record<Screen, ScreenChunk> = {
  map: mapScreen,
  vessels: screenChunk(() => import('./screens/vessels/VesselsScreen.tsx'), 'VesselsScreen'),
  berthPlan: screenChunk(
    () => import('./screens/berth-plan/BerthPlanScreen.tsx'),
    'BerthPlanScreen',
  ),
  portKpis: screenChunk(() => import('./screens/port-kpis/PortKpisScreen.tsx'), 'PortKpisScreen'),
  yard: screenChunk(() => import('./screens/yard/YardScreen.tsx'), 'YardScreen'),
  containers: screenChunk(
    () => import('./screens/containers/ContainersScreen.tsx'),
    'ContainersScreen',
  ),
  dispatch: screenChunk(() => import('./screens/dispatch/DispatchScreen.tsx'), 'DispatchScreen'),
  alerts: screenChunk(() => import('./screens/alerts/AlertsScreen.tsx'), 'AlertsScreen'),
  reports: screenChunk(() => import('./screens/reports/ReportsScreen.tsx'), 'ReportsScreen'),
  users: screenChunk(() => import('./screens/users/UsersScreen.tsx'), 'UsersScreen'),
  apiKeys: screenChunk(() => import('./screens/api-keys/ApiKeysScreen.tsx'), 'ApiKeysScreen'),
  organizations: screenChunk(
    () => import('./screens/organizations/OrganizationsScreen.tsx'),
    'OrganizationsScreen',
  ),
  fleet: screenChunk(() => import('./screens/fleet/FleetScreen.tsx'), 'FleetScreen'),
  supervision: screenChunk(
    () => import('./screens/supervision/SupervisionScreen.tsx'),
    'SupervisionScreen',
  ),
  zones: screenChunk(() => import('./screens/zones/ZonesScreen.tsx'), 'ZonesScreen'),
  settings: screenChunk(() => import('./screens/settings/SettingsScreen.tsx'), 'SettingsScreen'),
};

function Allowed({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!screensFor(user).includes(screen))
    return <p className="state state-forbidden">{t('state.forbidden')}</p>;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="state">{t('state.notFound')}</p>;
}

function LoggedIn() {
  const { user } = useSession();
  const screens = screensFor(user);
  const home = SCREEN_PATHS[screens[0] ?? 'map'];
  // `/admin` opens the first administration screen the user has (settings, at least).
  const adminHome =
    SCREEN_PATHS[screens.find((screen) => ADMIN_SCREENS.includes(screen)) ?? 'settings'];
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="/admin" element={<Navigate to={adminHome} replace />} />
        {(Object.keys(SCREEN_PATHS) as Screen[]).map((screen) => (
          <Route
            key={screen}
            path={`${SCREEN_PATHS[screen]}/*`}
            element={
              <Allowed screen={screen}>
                <ChunkScreen chunk={SCREEN_CHUNKS[screen]} />
              </Allowed>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  // The router starts afresh with each login and logout, from the address as it then is.
  return (
    <BrowserRouter key={me.data?.id ?? 'nobody'}>
      <Routes>
        <Route
          path="/accept-invitation"
          element={
            <Suspense fallback={<Loading />}>
              <AcceptInvitationPage />
            </Suspense>
          }
        />
        <Route
          path="/reset-password"
          element={
            <Suspense fallback={<Loading />}>
              <ResetPasswordPage />
            </Suspense>
          }
        />
        <Route
          path="/pod/:token"
          element={
            <Suspense fallback={<Loading />}>
              <ProofUploadPage />
            </Suspense>
          }
        />
        <Route
          path="*"
          element={
            me.data ? (
              <SessionProvider user={me.data}>
                <LoggedIn />
              </SessionProvider>
            ) : (
              <LoginScreen />
            )
          }
        />
      </Routes>
    </BrowserRouter>
  );
}
