import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { ADMIN_SCREENS, SCREEN_PATHS, screensFor } from '../auth/screens.ts';
import { useSession } from '../auth/session.tsx';
import { useLiveState } from '../live/connection.ts';
import { useUnreadAlerts } from '../screens/alerts/use-unread-alerts.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Shell() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const live = useLiveState();
  const screens = screensFor(user);
  const unreadAlerts = useUnreadAlerts(screens.includes('alerts'));
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <span className={`live-indicator live-${live}`} role="status" data-live={live}>
          {t(`live.${live}`)}
        </span>
        <span className="spacer" />
        <span className="who" data-testid="who">
          {user.name} · {user.organization.name} · {t(`role.${user.role}`)}
        </span>
        <LanguageSwitch />
        <button type="button" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </header>
      <nav className="sidenav" aria-label="Harbor">
        {screens
          .filter((screen) => !ADMIN_SCREENS.includes(screen))
          .map((screen) => (
            <NavLink key={screen} to={SCREEN_PATHS[screen]} data-screen={screen}>
              {t(`nav.${screen}`)}
              {screen === 'alerts' && unreadAlerts > 0 ? (
                <span
                  className="badge bad nav-badge"
                  data-testid="unread-alerts"
                  data-count={unreadAlerts}
                >
                  <span aria-hidden="true">{unreadAlerts > 99 ? '99+' : unreadAlerts}</span>
                  <span className="visually-hidden">
                    {t('nav.unreadAlerts', { count: unreadAlerts })}
                  </span>
                </span>
              ) : null}
            </NavLink>
          ))}
        <span className="sidenav-group">{t('nav.adminGroup')}</span>
        {screens
          .filter((screen) => ADMIN_SCREENS.includes(screen))
          .map((screen) => (
            <NavLink key={screen} to={SCREEN_PATHS[screen]} data-screen={screen}>
              {t(`nav.${screen}`)}
            </NavLink>
          ))}
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
