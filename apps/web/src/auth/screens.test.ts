import { describe, expect, it } from 'vitest';
import { canEdit, screensFor } from './screens.ts';

const user = (
  role: 'ADMIN' | 'PORT_OPERATOR' | 'DISPATCHER' | 'VIEWER',
  kind: 'PORT_AUTHORITY' | 'LOGISTICS_COMPANY' | 'TERMINAL_OPERATOR' | 'SHIPPING_LINE',
) => ({
  role,
  organization: { kind },
});

describe('screens by role', () => {
  it('gives port and terminal staff the port, a logistics company its own work', () => {
    expect(screensFor(user('VIEWER', 'PORT_AUTHORITY'))).toEqual([
      'map',
      'vessels',
      'berthPlan',
      'portKpis',
      'yard',
      'containers',
      'dispatch',
      'alerts',
      'reports',
      'zones',
      'settings',
    ]);
    expect(screensFor(user('PORT_OPERATOR', 'TERMINAL_OPERATOR'))).toContain('yard');
    expect(screensFor(user('VIEWER', 'TERMINAL_OPERATOR'))).toContain('portKpis');
    expect(screensFor(user('VIEWER', 'SHIPPING_LINE'))).not.toContain('portKpis');
    expect(screensFor(user('DISPATCHER', 'LOGISTICS_COMPANY'))).toEqual([
      'map',
      'containers',
      'dispatch',
      'alerts',
      'reports',
      'fleet',
      'supervision',
      'settings',
    ]);
  });

  it('gives administrators their organization’s people and keys, the port authority’s also the organizations', () => {
    expect(screensFor(user('ADMIN', 'LOGISTICS_COMPANY'))).toEqual(
      expect.arrayContaining(['users', 'apiKeys', 'fleet', 'settings']),
    );
    expect(screensFor(user('ADMIN', 'LOGISTICS_COMPANY'))).not.toContain('organizations');
    expect(screensFor(user('ADMIN', 'PORT_AUTHORITY'))).toEqual(
      expect.arrayContaining(['users', 'apiKeys', 'organizations', 'zones', 'settings']),
    );
    expect(screensFor(user('PORT_OPERATOR', 'PORT_AUTHORITY'))).not.toContain('users');
  });

  it('gives a logistics company’s administrators and dispatchers its supervision link, the admins to change', () => {
    expect(screensFor(user('ADMIN', 'LOGISTICS_COMPANY'))).toContain('supervision');
    expect(screensFor(user('DISPATCHER', 'LOGISTICS_COMPANY'))).toContain('supervision');
    expect(screensFor(user('VIEWER', 'LOGISTICS_COMPANY'))).not.toContain('supervision');
    expect(screensFor(user('ADMIN', 'PORT_AUTHORITY'))).not.toContain('supervision');
    expect(canEdit(user('ADMIN', 'LOGISTICS_COMPANY'), 'supervision')).toBe(true);
    expect(canEdit(user('DISPATCHER', 'LOGISTICS_COMPANY'), 'supervision')).toBe(false);
    expect(canEdit(user('ADMIN', 'PORT_AUTHORITY'), 'supervision')).toBe(false);
  });

  it('lets only a logistics company dispatcher or admin dispatch', () => {
    expect(canEdit(user('DISPATCHER', 'LOGISTICS_COMPANY'), 'dispatch')).toBe(true);
    expect(canEdit(user('ADMIN', 'LOGISTICS_COMPANY'), 'dispatch')).toBe(true);
    expect(canEdit(user('VIEWER', 'LOGISTICS_COMPANY'), 'dispatch')).toBe(false);
    expect(canEdit(user('ADMIN', 'PORT_AUTHORITY'), 'dispatch')).toBe(false);
    expect(canEdit(user('DISPATCHER', 'LOGISTICS_COMPANY'), 'fleet')).toBe(true);
    expect(canEdit(user('VIEWER', 'LOGISTICS_COMPANY'), 'fleet')).toBe(false);
  });

  it('lets port authority operators plan berths, and port-side operators record container events', () => {
    expect(canEdit(user('PORT_OPERATOR', 'PORT_AUTHORITY'), 'berthPlan')).toBe(true);
    expect(canEdit(user('PORT_OPERATOR', 'TERMINAL_OPERATOR'), 'berthPlan')).toBe(false);
    expect(canEdit(user('PORT_OPERATOR', 'TERMINAL_OPERATOR'), 'containers')).toBe(true);
    expect(canEdit(user('DISPATCHER', 'LOGISTICS_COMPANY'), 'containers')).toBe(false);
    expect(canEdit(user('VIEWER', 'PORT_AUTHORITY'), 'alerts')).toBe(false);
    expect(canEdit(user('DISPATCHER', 'LOGISTICS_COMPANY'), 'alerts')).toBe(true);
  });

  it('lets port authority admins and operators change zones; others only look, a company not at all', () => {
    expect(canEdit(user('ADMIN', 'PORT_AUTHORITY'), 'zones')).toBe(true);
    expect(canEdit(user('PORT_OPERATOR', 'PORT_AUTHORITY'), 'zones')).toBe(true);
    expect(canEdit(user('VIEWER', 'PORT_AUTHORITY'), 'zones')).toBe(false);
    expect(canEdit(user('ADMIN', 'TERMINAL_OPERATOR'), 'zones')).toBe(false);
    expect(screensFor(user('VIEWER', 'TERMINAL_OPERATOR'))).toContain('zones');
    expect(screensFor(user('ADMIN', 'LOGISTICS_COMPANY'))).not.toContain('zones');
    expect(canEdit(user('ADMIN', 'LOGISTICS_COMPANY'), 'zones')).toBe(false);
  });
});
