import type { Alert } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { criticalNews, notifySettings, setNotifySettings } from './alert-notify.ts';

const alert = (id: string, extra: Partial<Alert> = {}) =>
  ({ id, severity: 'CRITICAL', acknowledgedAt: null, ...extra }) as Alert;

describe('notifying new critical alerts', () => {
  it('is off until switched on, and remembers the choice in this browser', () => {
    expect(notifySettings()).toEqual({ sound: false, desktop: false });
    setNotifySettings({ sound: true, desktop: false });
    expect(JSON.parse(localStorage.getItem('harbor.alerts.notify') ?? '')).toEqual({
      sound: true,
      desktop: false,
    });
    expect(notifySettings()).toEqual({ sound: true, desktop: false });
  });

  it('announces each new open critical alert once', () => {
    const known = new Set<string>();
    const batch = [
      alert('a'),
      alert('b', { severity: 'WARNING' }),
      alert('c', { acknowledgedAt: '2026-12-05T07:00:00.000Z' }),
    ];
    expect(criticalNews(batch, known).map((item) => item.id)).toEqual(['a']);
    expect(criticalNews([alert('a'), alert('d')], known).map((item) => item.id)).toEqual(['d']);
  });
});
