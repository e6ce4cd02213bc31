import type { SessionUser } from '@harbor/shared';

export const SCREENS = [
  'map',
  'vessels',
  'berthPlan',
  'portKpis',
  'yard',
  'containers',
  'dispatch',
  'alerts',
  'reports',
  // Administration
  'users',
  'apiKeys',
  'organizations',
  'fleet',
  'supervision',
  'zones',
  'settings',
] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_PATHS: Record<Screen, string> = {
  map: '/map',
  vessels: '/vessels',
  berthPlan: '/berth-plan',
  portKpis: '/port-kpis',
  yard: '/yard',
  containers: '/containers',
  dispatch: '/dispatch',
  alerts: '/alerts',
  reports: '/reports',
  users: '/users',
  apiKeys: '/api-keys',
  organizations: '/organizations',
  fleet: '/fleet',
  supervision: '/supervision',
  zones: '/zones',
  settings: '/settings',
};

/** The administration screens, listed apart in the navigation. */
export const ADMIN_SCREENS: readonly Screen[] = [
  'users',
  'apiKeys',
  'organizations',
  'fleet',
  'supervision',
  'zones',
  'settings',
];

type Who = Pick<SessionUser, 'role'> & { organization: Pick<SessionUser['organization'], 'kind'> };

/**
 * The screens a user has, as the api scopes them: port and terminal staff watch the port
 * (vessels, berths, yard) and read every company's jobs; a logistics company's people
 * work their own fleet and look containers up. Everyone has the map, containers, alerts
 * and reports (each scoped by the api). Port KPIs are the port authority's and a terminal
 * operator's (its own terminals).
 */
export function screensFor(user: Who): Screen[] {
  const kind = user.organization.kind;
  const isPortSide = kind !== 'LOGISTICS_COMPANY';
  return SCREENS.filter((screen) => {
    if (screen === 'vessels' || screen === 'berthPlan' || screen === 'yard') return isPortSide;
    if (screen === 'portKpis') return kind === 'PORT_AUTHORITY' || kind === 'TERMINAL_OPERATOR';
    // An organization's administrators manage its people and keys; the port authority's
    // administrators also the organizations.
    if (screen === 'users' || screen === 'apiKeys') return user.role === 'ADMIN';
    if (screen === 'organizations') return user.role === 'ADMIN' && kind === 'PORT_AUTHORITY';
    // A fleet is its company's: its vehicles, drivers, terminals and shifts.
    if (screen === 'fleet') return kind === 'LOGISTICS_COMPANY';
    // The company's JT/T 809 link to its road-transport supervision platform: its
    // administrators set it up, its dispatchers answer the platform's inspections.
    if (screen === 'supervision')
      return kind === 'LOGISTICS_COMPANY' && (user.role === 'ADMIN' || user.role === 'DISPATCHER');
    // The port's zones and their rules: port and terminal staff.
    if (screen === 'zones') return isPortSide;
    return true;
  });
}

/** Whether the user may change things on a screen, not only look. */
export function canEdit(user: Who, screen: Screen): boolean {
  const isPortAuthority = user.organization.kind === 'PORT_AUTHORITY';
  const isLogistics = user.organization.kind === 'LOGISTICS_COMPANY';
  switch (screen) {
    case 'dispatch':
    case 'fleet':
      return isLogistics && (user.role === 'ADMIN' || user.role === 'DISPATCHER');
    case 'vessels':
    case 'berthPlan':
      return isPortAuthority && (user.role === 'ADMIN' || user.role === 'PORT_OPERATOR');
    case 'containers':
    case 'yard':
      return !isLogistics && (user.role === 'ADMIN' || user.role === 'PORT_OPERATOR');
    case 'alerts':
      return user.role !== 'VIEWER';
    // The supervision link's settings and shared vehicles: the company's administrators
    // (its dispatchers answer inspections, see the screen).
    case 'supervision':
      return isLogistics && user.role === 'ADMIN';
    // The port's zones and their rules: port authority administrators and operators.
    case 'zones':
      return isPortAuthority && (user.role === 'ADMIN' || user.role === 'PORT_OPERATOR');
    default:
      return false;
  }
}
