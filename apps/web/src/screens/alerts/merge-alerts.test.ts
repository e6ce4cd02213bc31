import type { Alert } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  type AlertFilters,
  addLive,
  matchesFilters,
  mergeAlerts,
  newestRaised,
  parseFilters,
} from './merge-alerts.ts';

function alert(id: string, raisedAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    id,
    organizationId: null,
    ruleId: null,
    kind: 'SPEEDING',
    severity: 'WARNING',
    assetKind: 'VESSEL',
    assetKey: '413000001',
    zoneId: null,
    message: `alert ${id}`,
    data: null,
    raisedAt,
    acknowledgedAt: null,
    acknowledgedById: null,
    asset: null,
    zone: null,
    rule: null,
    acknowledgedBy: null,
    acknowledgeComment: null,
    ...extra,
  };
}
const none: AlertFilters = { state: null, kind: null, severity: null };

describe('merging live alerts into the list', () => {
  const listed = [alert('b', '2026-11-25T10:00:00Z'), alert('a', '2026-11-25T09:00:00Z')];

  it('puts new live alerts on top, newest first', () => {
    const live = [alert('c', '2026-11-25T11:00:00Z'), alert('d', '2026-11-25T11:05:00Z')];
    expect(mergeAlerts(listed, live, none).map((item) => item.id)).toEqual(['d', 'c', 'b', 'a']);
  });
  it('keeps one entry per id, the live version winning', () => {
    const acknowledged = alert('b', '2026-11-25T10:00:00Z', {
      acknowledgedAt: '2026-11-25T10:30:00Z',
    });
    const merged = mergeAlerts(listed, [acknowledged], none);
    expect(merged.map((item) => item.id)).toEqual(['b', 'a']);
    expect(merged[0]?.acknowledgedAt).toBe('2026-11-25T10:30:00Z');
  });
  it('orders equal times by id, descending like the api', () => {
    const same = [alert('x1', '2026-11-25T10:00:00Z'), alert('x2', '2026-11-25T10:00:00Z')];
    expect(mergeAlerts(same, [], none).map((item) => item.id)).toEqual(['x2', 'x1']);
  });
  it('drops what no longer matches the filters (an acknowledged alert from the open list)', () => {
    const acknowledged = alert('b', '2026-11-25T10:00:00Z', {
      acknowledgedAt: '2026-11-25T10:30:00Z',
    });
    const open = { ...none, state: 'open' as const };
    expect(mergeAlerts(listed, [acknowledged], open).map((item) => item.id)).toEqual(['a']);
  });
  it('keeps a bounded live buffer, later versions replacing earlier ones', () => {
    const kept = addLive([], [alert('a', '2026-11-25T09:00:00Z')]);
    const next = addLive(
      kept,
      [
        alert('a', '2026-11-25T09:00:00Z', { acknowledgedAt: '2026-11-25T09:10:00Z' }),
        alert('b', '2026-11-25T10:00:00Z'),
        alert('c', '2026-11-25T11:00:00Z'),
      ],
      2,
    );
    expect(next.map((item) => item.id)).toEqual(['c', 'b']);
    expect(
      addLive(kept, [alert('a', '2026-11-25T09:00:00Z', { severity: 'CRITICAL' })])[0]?.severity,
    ).toBe('CRITICAL');
  });
});

describe('filters', () => {
  it('reads known filters from the URL and ignores others', () => {
    expect(parseFilters(new URLSearchParams('state=open&kind=DWELL&severity=CRITICAL'))).toEqual({
      state: 'open',
      kind: 'DWELL',
      severity: 'CRITICAL',
    });
    expect(parseFilters(new URLSearchParams('state=maybe&kind=FIRE'))).toEqual(none);
  });
  it('matches state, kind and severity', () => {
    const item = alert('a', '2026-11-25T09:00:00Z', { kind: 'DWELL', severity: 'CRITICAL' });
    expect(matchesFilters(item, { state: 'open', kind: 'DWELL', severity: 'CRITICAL' })).toBe(true);
    expect(matchesFilters(item, { ...none, state: 'acknowledged' })).toBe(false);
    expect(matchesFilters(item, { ...none, kind: 'SPEEDING' })).toBe(false);
    expect(matchesFilters(item, { ...none, severity: 'INFO' })).toBe(false);
  });
});

describe('newestRaised', () => {
  it('tells the api the newest alert shown, whatever the order and offset', () => {
    expect(
      newestRaised([
        alert('a', '2026-11-25T09:00:00Z'),
        alert('b', '2026-11-25T17:30:00+08:00'),
        alert('c', '2026-11-25T08:00:00Z'),
      ]),
    ).toEqual({ upTo: '2026-11-25T17:30:00+08:00' });
  });
  it('leaves the time to the api when nothing was shown', () => {
    expect(newestRaised([])).toEqual({});
  });
});
