import { type Alert, AlertKindSchema } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { alertText, mapLinkOf } from './alert-text.ts';
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
    asset: null,
    zone: null,
    rule: null,
    acknowledgedBy: null,
    acknowledgeComment: null,
    ...extra,
  };
}

const truck = {
  assetKind: 'VEHICLE' as const,
  assetKey: '013917000012',
  asset: {
    kind: 'VEHICLE' as const,
    key: '013917000012',
    plate: '沪DF00012',
    name: null,
    mmsi: null,
  },
};
const ship = {
  assetKind: 'VESSEL' as const,
  assetKey: '413000002',
  asset: {
    kind: 'VESSEL' as const,
    key: '413000002',
    plate: null,
    name: '中远之星',
    mmsi: '413000002',
  },
};
const yard = {
  zoneId: '5f0f9c1e-2a1b-4c3d-8e9f-0a1b2c3d4e5f',
  zone: {
    id: '5f0f9c1e-2a1b-4c3d-8e9f-0a1b2c3d4e5f',
    code: 'YSP4-Y01',
    name: 'Yangshan IV yard block 01',
    nameZh: '洋山四期 01 堆场',
  },
};

// Each kind with the `data` the api stores for it (apps/api/src/domains/alerts, safety/).
const EXAMPLES: Record<Alert['kind'], Alert> = {
  SPEEDING: alert({
    ...truck,
    ...yard,
    kind: 'SPEEDING',
    data: { zoneCode: 'YSP4-Y01', speedKnots: 25, limitKnots: 13.5, speedKmh: 46.3, limitKmh: 25 },
  }),
  RESTRICTED_AREA: alert({
    ...ship,
    ...yard,
    kind: 'RESTRICTED_AREA',
    data: { zoneCode: 'YSP4-Y01', zoneKind: 'RESTRICTED_AREA', lat: 30.6, lon: 122.1 },
  }),
  DWELL: alert({
    ...truck,
    ...yard,
    kind: 'DWELL',
    data: { zoneCode: 'YSP4-Y01', enteredAt: '2026-11-25T01:20:00.000Z', minutes: 40 },
  }),
  AIS_SILENCE: alert({
    ...ship,
    kind: 'AIS_SILENCE',
    data: { lastHeardAt: '2026-11-25T01:48:00.000Z', silentMinutes: 12 },
  }),
  ROUTE_DEVIATION: alert({ ...truck, kind: 'ROUTE_DEVIATION', data: null }),
  COLLISION_RISK: alert({
    ...ship,
    kind: 'COLLISION_RISK',
    data: {
      cpaNm: 0.071,
      tcpaMinutes: 10.3,
      vessels: [
        { mmsi: '413000002', name: 'COSCO STAR' },
        { mmsi: '413000001', name: null },
      ],
    },
  }),
  ANCHOR_DRAG: alert({
    ...ship,
    kind: 'ANCHOR_DRAG',
    data: {
      mmsi: '413000004',
      name: 'ORIENT PEARL',
      reason: 'MOVING',
      speedKnots: 1.5,
      movingReports: 3,
    },
  }),
};

const en = (item: Alert) => alertText(item, i18n.getFixedT('en', 'alerts'), 'en');
const zh = (item: Alert) => alertText(item, i18n.getFixedT('zh-CN', 'alerts'), 'zh-CN');
/** Latin words left once the plate, the ships' own names and the acronyms Chinese uses (AIS, MMSI) are taken out. */
const englishIn = (text: string) =>
  text
    .replace(/沪DF00012|COSCO STAR|ORIENT PEARL/g, '')
    .match(/[A-Za-z_]{2,}/g)
    ?.filter((word) => word !== 'MMSI' && word !== 'AIS') ?? [];

describe('the text of an alert', () => {
  it.each(AlertKindSchema.options)('tells %s in Chinese, with no English and no codes', (kind) => {
    const text = zh(EXAMPLES[kind]);
    expect(englishIn(text)).toEqual([]);
    expect(text).not.toContain('the api’s message');
    expect(text).not.toContain('YSP4-Y01');
    // And without its figures: the kind and the asset, still in Chinese.
    const bare = zh({ ...EXAMPLES[kind], data: null });
    expect(englishIn(bare)).toEqual([]);
  });

  it('names a truck by its plate, its speed in km/h, the zone in the reader’s language', () => {
    expect(zh(EXAMPLES.SPEEDING)).toBe(
      '沪DF00012 在洋山四期 01 堆场内车速 46.3 公里/小时（限速 25 公里/小时）',
    );
    expect(en(EXAMPLES.SPEEDING)).toBe(
      '沪DF00012 at 46.3 km/h in Yangshan IV yard block 01 (limit 25 km/h)',
    );
  });

  it('tells an older truck alert (knots only) in km/h, and a ship’s speed in knots', () => {
    const older = {
      ...EXAMPLES.SPEEDING,
      data: { zoneCode: 'YSP4-Y01', speedKnots: 20, limitKnots: 13.5 },
    };
    expect(en(older)).toBe('沪DF00012 at 37 km/h in Yangshan IV yard block 01 (limit 25 km/h)');
    const vessel = alert({
      ...ship,
      kind: 'SPEEDING',
      zone: null,
      data: { zoneCode: 'FW-N', speedKnots: 12.25, limitKnots: 10 },
    });
    expect(en(vessel)).toBe('中远之星 (MMSI 413000002) at 12.3 kn in FW-N (limit 10 kn)');
    expect(zh(vessel)).toBe('中远之星（MMSI 413000002） 在FW-N内航速 12.3 节（限速 10 节）');
  });

  it('names a truck with no plate by its terminal, and a ship with no name by its MMSI', () => {
    const unknown = alert({
      ...EXAMPLES.DWELL,
      asset: { kind: 'VEHICLE', key: '013917000099', plate: null, name: null, mmsi: null },
    });
    expect(en(unknown)).toBe(
      'truck with terminal 013917000099 in Yangshan IV yard block 01 for 40 min',
    );
    expect(zh(unknown)).toBe('终端号 013917000099 的车辆 在洋山四期 01 堆场已停留 40 分钟');
    const nameless = alert({ ...EXAMPLES.AIS_SILENCE, asset: { ...ship.asset, name: null } });
    expect(en(nameless)).toBe('MMSI 413000002 not heard for 12 min while under way');
  });

  it('tells a collision risk and a dragging anchor in the reader’s language', () => {
    expect(en(EXAMPLES.COLLISION_RISK)).toBe(
      'COSCO STAR (MMSI 413000002) and MMSI 413000001: closest point of approach 0.07 nm in 10.3 min',
    );
    expect(zh(EXAMPLES.COLLISION_RISK)).toBe(
      'COSCO STAR（MMSI 413000002） 与 MMSI 413000001：最近会遇距离 0.07 海里，10.3 分钟后到达',
    );
    expect(zh(EXAMPLES.ANCHOR_DRAG)).toBe(
      'ORIENT PEARL（MMSI 413000004） 走锚：锚泊中航速 1.5 节，连续 3 次报告',
    );
    const outside = alert({
      ...EXAMPLES.ANCHOR_DRAG,
      data: {
        mmsi: '413000004',
        name: 'ORIENT PEARL',
        reason: 'OUTSIDE_CIRCLE',
        distanceM: 1_657,
        swingRadiusM: 500,
      },
    });
    expect(en(outside)).toBe(
      'ORIENT PEARL (MMSI 413000004) dragging anchor: 1,657 m from where it anchored (swing radius 500 m)',
    );
  });

  it('never shows the api’s English message: data it cannot read gives the kind and the asset', () => {
    const unreadable = alert({ ...EXAMPLES.COLLISION_RISK, data: { cpaNm: 'near' } });
    expect(en(unreadable)).toBe('Collision risk: 中远之星 (MMSI 413000002)');
    expect(zh(unreadable)).toBe('碰撞风险：中远之星（MMSI 413000002）');
    expect(zh(alert({ kind: 'DWELL', assetKind: null, assetKey: null }))).toBe('停留超时：港区');
  });

  it('links to the asset on the map at the time it was raised', () => {
    expect(mapLinkOf(EXAMPLES.SPEEDING)).toBe(
      '/map?asset=VEHICLE:013917000012&at=2026-11-25T02:00:00.000Z',
    );
    expect(mapLinkOf(alert({ assetKind: null, assetKey: null }))).toBeNull();
  });

  it('lets the URL filter by the safety kinds', () => {
    expect(parseFilters(new URLSearchParams('kind=COLLISION_RISK')).kind).toBe('COLLISION_RISK');
    expect(parseFilters(new URLSearchParams('kind=ANCHOR_DRAG')).kind).toBe('ANCHOR_DRAG');
  });
});
