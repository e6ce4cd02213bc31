import type { Alert } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { alertText } from './alert-text.ts';
import { parseFilters } from './merge-alerts.ts';

function alert(extra: Partial<Alert>): Alert {
  return {
    id: 'a',
    organizationId: null,
    ruleId: null,
    kind: 'SPEEDING',
    severity: 'CRITICAL',
    assetKind: 'VESSEL',
    assetKey: '413000002',
    zoneId: null,
    message: 'the api’s message',
    data: null,
    raisedAt: '2026-11-25T02:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedById: null,
    ...extra,
  };
}

// The `data` the api's safety watch stores (apps/api/src/domains/safety).
const collision = alert({
  kind: 'COLLISION_RISK',
  data: {
    cpaNm: 0.071,
    tcpaMinutes: 10.3,
    vessels: [
      { mmsi: '413000002', name: 'COSCO STAR' },
      { mmsi: '413000001', name: null },
    ],
  },
});
const dragging = (data: Record<string, unknown>) =>
  alert({ kind: 'ANCHOR_DRAG', data: { mmsi: '413000004', name: 'ORIENT PEARL', ...data } });

const en = (item: Alert) => alertText(item, i18n.getFixedT('en', 'alerts'), 'en');
const zh = (item: Alert) => alertText(item, i18n.getFixedT('zh-CN', 'alerts'), 'zh-CN');

describe('the text of an alert', () => {
  it('tells a collision risk in the reader’s language, naming both ships', () => {
    expect(en(collision)).toBe(
      'COSCO STAR (MMSI 413000002) and MMSI 413000001: closest point of approach 0.07 nm in 10.3 min',
    );
    expect(zh(collision)).toBe(
      'COSCO STAR（MMSI 413000002） 与 MMSI 413000001：最近会遇距离 0.07 海里，10.3 分钟后到达',
    );
  });

  it('tells a dragging anchor by what gave it away', () => {
    const moving = dragging({ reason: 'MOVING', speedKnots: 1.5, movingReports: 3 });
    expect(en(moving)).toBe(
      'ORIENT PEARL (MMSI 413000004) dragging anchor: 1.5 kn for 3 reports in a row',
    );
    expect(zh(moving)).toBe(
      'ORIENT PEARL（MMSI 413000004） 走锚：锚泊中航速 1.5 节，连续 3 次报告',
    );
    const outside = dragging({ reason: 'OUTSIDE_CIRCLE', distanceM: 1_657, swingRadiusM: 500 });
    expect(en(outside)).toBe(
      'ORIENT PEARL (MMSI 413000004) dragging anchor: 1,657 m from where it anchored (swing radius 500 m)',
    );
    expect(zh(outside)).toBe(
      'ORIENT PEARL（MMSI 413000004） 走锚：距抛锚位置 1,657 米（回旋半径 500 米）',
    );
  });

  it('falls back to the api’s message for other kinds and for data it cannot read', () => {
    expect(en(alert({ kind: 'SPEEDING' }))).toBe('the api’s message');
    expect(en(alert({ kind: 'COLLISION_RISK', data: { cpaNm: 'near' } }))).toBe(
      'the api’s message',
    );
    expect(zh(dragging({ reason: 'MOVING' }))).toBe('the api’s message');
  });

  it('lets the URL filter by the two kinds', () => {
    expect(parseFilters(new URLSearchParams('kind=COLLISION_RISK')).kind).toBe('COLLISION_RISK');
    expect(parseFilters(new URLSearchParams('kind=ANCHOR_DRAG')).kind).toBe('ANCHOR_DRAG');
  });
});
