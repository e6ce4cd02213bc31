import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { DriversTab } from './DriversTab.tsx';
import { ShiftsTab } from './ShiftsTab.tsx';
import { TerminalsTab } from './TerminalsTab.tsx';
import { VehiclesTab } from './VehiclesTab.tsx';
import './fleet.css';

export type FleetTab = 'vehicles' | 'drivers' | 'terminals' | 'shifts';

/** The tabs a user has: terminals are the company's ADMINs' (as `devices.*` are in the api). */
export function fleetTabs(role: string): FleetTab[] {
  return role === 'ADMIN'
    ? ['vehicles', 'drivers', 'terminals', 'shifts']
    : ['vehicles', 'drivers', 'shifts'];
}

/**
 * The company's fleet (车队管理): vehicles, drivers, JT/T 808 terminals and shifts, each tab
 * at its own address (`/fleet/vehicles`, ...). Admins and dispatchers change them; viewers
 * read them.
 */
export function FleetScreen() {
  const { t } = useTranslation('fleet');
  const { user } = useSession();
  const editable = canEdit(user, 'fleet');
  const tabs = fleetTabs(user.role);
  return (
    <div className="fleet">
      <header className="fleet-head">
        <h1>{t('title')}</h1>
        <nav className="fleet-tabs" aria-label={t('tabsLabel')}>
          {tabs.map((tab) => (
            <NavLink key={tab} to={`/fleet/${tab}`} data-tab={tab}>
              {t(`tab.${tab}`)}
            </NavLink>
          ))}
        </nav>
        {editable ? null : <p className="hint">{t('readOnly')}</p>}
      </header>
      <Routes>
        <Route index element={<Navigate to="/fleet/vehicles" replace />} />
        <Route path="vehicles" element={<VehiclesTab editable={editable} />} />
        <Route path="drivers" element={<DriversTab editable={editable} />} />
        {tabs.includes('terminals') ? <Route path="terminals" element={<TerminalsTab />} /> : null}
        <Route path="shifts" element={<ShiftsTab editable={editable} />} />
        <Route path="*" element={<Navigate to="/fleet/vehicles" replace />} />
      </Routes>
    </div>
  );
}
