import { seed } from '@harbor/db';
import { createTestDb, type TestDb } from '@harbor/db/testing';
import type { AlertRuleParams, Fix } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { type ActiveRule, AlertEngine } from './engine.ts';

// The rules on the seeded Port of Shanghai polygons, with a fixed clock: every time below is
// minutes after T0, and the engine only ever sees fix times and the `sweep` clock.
const T0 = Date.parse('2026-11-25T02:00:00Z');
const min = (minutes: number) => new Date(T0 + minutes * 60_000);

const PORT = 'org-port';
const DHCL = 'org-dhcl';
const LGFT = 'org-lgft';
const OWNERS: Record<string, string> = { '013916001001': DHCL, '013816002001': LGFT };
const DHCL_TRUCK = '013916001001';
const LGFT_TRUCK = '013816002001';
const VESSEL = '477266900';

let nextRule = 0;
function rule(organizationId: string, params: AlertRuleParams): ActiveRule {
  nextRule++;
  return {
    ...params,
    id: `rule-${nextRule}`,
    organization: {
      id: organizationId,
      kind: organizationId === PORT ? 'PORT_AUTHORITY' : 'LOGISTICS_COMPANY',
    },
    name: `${params.kind} ${nextRule}`,
    severity: 'WARNING',
  };
}

function centre(zone: FenceZone): { lon: number; lat: number } {
  const ring = zone.polygon.coordinates[0]?.slice(0, -1) ?? [];
  return {
    lon: ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) / ring.length,
    lat: ring.reduce((sum, p) => sum + (p[1] ?? 0), 0) / ring.length,
  };
}

describe('alert rules on the Port of Shanghai', () => {
  let db: TestDb;
  let zones: FenceZone[];
  const zone = (code: string) => zones.find((z) => z.code === code) as FenceZone;
  // Far from every zone: the East China Sea south-east of Yangshan.
  const OPEN_SEA = { lat: 30.45, lon: 122.45 };

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await seed(db);
    zones = (await loadFenceZones(db)).zones;
  });
  afterAll(() => db.drop());

  /** A geofence engine and an alert engine fed like the tracker feeds them: batch by batch. */
  function pipeline(rules: ActiveRule[], fences: FenceZone[] = zones) {
    const geofence = new GeofenceEngine(fences);
    const alerts = new AlertEngine(fences, (kind, key) =>
      kind === 'VEHICLE' ? (OWNERS[key] ?? null) : null,
    );
    alerts.setRules(rules);
    return {
      alerts,
      feed(...fixes: Fix[]) {
        const { transitions } = geofence.updateBatch(fixes);
        return alerts.observe(fixes, transitions);
      },
    };
  }

  const fix = (
    assetKind: Fix['assetKind'],
    assetKey: string,
    minutes: number,
    where: { lat: number; lon: number },
    speedKnots: number | null = 8,
    status: string | null = null,
  ): Fix => ({
    assetKind,
    assetKey,
    fixAt: min(minutes),
    receivedAt: min(minutes),
    ...where,
    speedKnots,
    courseDeg: null,
    headingDeg: null,
    altitudeM: null,
    status,
    source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
  });

  it('raises one alert per entry into the restricted area under the Donghai Bridge, for the organizations that watch the asset', () => {
    const portRule = rule(PORT, {
      kind: 'RESTRICTED_AREA',
      params: { zoneKinds: ['RESTRICTED_AREA'], assetKinds: ['VESSEL', 'VEHICLE'] },
    });
    const lgftRule = rule(LGFT, {
      kind: 'RESTRICTED_AREA',
      params: { zoneKinds: ['RESTRICTED_AREA'], assetKinds: ['VEHICLE'] },
    });
    const { feed } = pipeline([portRule, lgftRule]);
    const span = centre(zone('DHB-SPAN'));

    expect(feed(fix('VESSEL', VESSEL, 0, OPEN_SEA))).toEqual([]);
    const entered = feed(fix('VESSEL', VESSEL, 1, span));
    expect(entered.map((a) => [a.ruleId, a.kind, a.assetKey, a.zoneId])).toEqual([
      [portRule.id, 'RESTRICTED_AREA', VESSEL, zone('DHB-SPAN').id],
    ]);
    expect(entered[0]?.message).toBe(`Vessel MMSI ${VESSEL} entered DHB-SPAN`);
    expect(entered[0]?.raisedAt).toEqual(min(1));
    // Still inside: nothing new. Out and in again: a new alert.
    expect(feed(fix('VESSEL', VESSEL, 2, span))).toEqual([]);
    expect(feed(fix('VESSEL', VESSEL, 3, OPEN_SEA))).toEqual([]);
    expect(feed(fix('VESSEL', VESSEL, 4, span))).toHaveLength(1);

    // A DHCL truck: the port sees it, LGFT's rule does not; an LGFT truck: both do.
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 5, span)).map((a) => a.organizationId)).toEqual([PORT]);
    expect(
      feed(fix('VEHICLE', LGFT_TRUCK, 5, span))
        .map((a) => a.organizationId)
        .sort(),
    ).toEqual([LGFT, PORT].sort());
  });

  it('raises speeding once while over the zone limit, again only after slowing down, and never outside the zones', () => {
    const speeding = rule(DHCL, {
      kind: 'SPEEDING',
      params: { zoneKinds: ['YARD_BLOCK', 'GATE'], assetKinds: ['VEHICLE'] },
    });
    const { feed } = pipeline([speeding]);
    const block = zone('YSP4-Y01');
    const inBlock = centre(block);
    // Trucks' limits are posted in km/h, as their terminals report speed.
    expect(block.speedLimitKmh).toBe(25);
    expect(block.speedLimitKnots).toBeNull();

    // On the bridge road at 40 kn (74 km/h): no zone with a rule, no alert.
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 0, OPEN_SEA, 40))).toEqual([]);
    // 20 kn is the 37.0 km/h its terminal reported.
    const fast = feed(fix('VEHICLE', DHCL_TRUCK, 1, inBlock, 20));
    expect(fast.map((a) => [a.kind, a.zoneId, a.data.limitKmh, a.data.speedKmh])).toEqual([
      ['SPEEDING', block.id, 25, 37],
    ]);
    expect(fast[0]?.message).toBe(`Truck ${DHCL_TRUCK} at 37.0 km/h in YSP4-Y01 (limit 25 km/h)`);
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 2, inBlock, 22))).toEqual([]);
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 3, inBlock, 10))).toEqual([]);
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 4, inBlock, 18))).toHaveLength(1);
    // Another company's truck speeding in the same block is not DHCL's business.
    expect(feed(fix('VEHICLE', LGFT_TRUCK, 4, inBlock, 30))).toEqual([]);
  });

  it('holds trucks to a zone’s road limit in km/h where it has one', () => {
    const speeding = rule(DHCL, {
      kind: 'SPEEDING',
      params: { zoneKinds: ['YARD_BLOCK'], assetKinds: ['VEHICLE'] },
    });
    const fences = zones.map((z) => (z.code === 'YSP4-Y01' ? { ...z, speedLimitKmh: 30 } : z));
    const { feed } = pipeline([speeding], fences);
    const inBlock = centre(zone('YSP4-Y01'));
    // 15 kn (27.8 km/h) is over the 13.5 kn limit for ships but under the 30 km/h one for trucks.
    expect(feed(fix('VEHICLE', DHCL_TRUCK, 0, inBlock, 15))).toEqual([]);
    const [fast] = feed(fix('VEHICLE', DHCL_TRUCK, 1, inBlock, 20));
    expect(fast?.data).toMatchObject({ speedKmh: 37, limitKmh: 30 });
  });

  it("uses the rule's own limit over the zone's, and skips zones without a posted limit", () => {
    const strict = rule(PORT, {
      kind: 'SPEEDING',
      params: { zoneKinds: ['FAIRWAY'], assetKinds: ['VESSEL'], limitKnots: 6 },
    });
    const anchorage = rule(PORT, {
      kind: 'SPEEDING',
      params: { zoneKinds: ['ANCHORAGE'], assetKinds: ['VESSEL'] },
    });
    const { feed } = pipeline([strict, anchorage]);
    const fairway = zone('YS-FAIRWAY');
    expect(fairway.speedLimitKnots).toBe(10);
    const alerts = feed(fix('VESSEL', VESSEL, 0, centre(fairway), 8, 'UNDER_WAY_USING_ENGINE'));
    expect(alerts.map((a) => [a.ruleId, a.data.limitKnots])).toEqual([[strict.id, 6]]);
    expect(zone('YS-ANCH-E').speedLimitKnots).toBeNull();
    expect(feed(fix('VESSEL', '413000001', 0, centre(zone('YS-ANCH-E')), 25))).toEqual([]);
  });

  it('raises dwell at a gate from the fixes and from the clock, once per stay', () => {
    const dwell = rule(LGFT, {
      kind: 'DWELL',
      params: { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'], maxMinutes: 30 },
    });
    const { feed, alerts } = pipeline([dwell]);
    const gate = centre(zone('DHB-GATE'));

    expect(feed(fix('VEHICLE', LGFT_TRUCK, 0, gate, 0))).toEqual([]);
    expect(feed(fix('VEHICLE', LGFT_TRUCK, 29, gate, 0))).toEqual([]);
    const over = feed(fix('VEHICLE', LGFT_TRUCK, 31, gate, 0));
    expect(over.map((a) => [a.kind, a.zoneId, a.data.minutes, a.data.enteredAt])).toEqual([
      ['DWELL', zone('DHB-GATE').id, 31, min(0).toISOString()],
    ]);
    expect(alerts.sweep(min(45))).toEqual([]);
    // Leaves, comes back, and this time stops reporting at the gate: the clock raises it.
    expect(feed(fix('VEHICLE', LGFT_TRUCK, 50, OPEN_SEA, 30))).toEqual([]);
    expect(feed(fix('VEHICLE', LGFT_TRUCK, 60, gate, 0))).toEqual([]);
    expect(alerts.sweep(min(89))).toEqual([]);
    const silentDwell = alerts.sweep(min(91));
    expect(silentDwell.map((a) => [a.assetKey, a.data.minutes, a.raisedAt])).toEqual([
      [LGFT_TRUCK, 31, min(91)],
    ]);
  });

  it('raises AIS silence for a vessel under way, not for one moored, and again after it is heard and falls silent', () => {
    const silence = rule(PORT, { kind: 'AIS_SILENCE', params: { silenceMinutes: 10 } });
    const { feed, alerts } = pipeline([silence]);
    const moored = '413000002';
    feed(
      fix('VESSEL', VESSEL, 0, OPEN_SEA, 12, 'UNDER_WAY_USING_ENGINE'),
      fix('VESSEL', moored, 0, centre(zone('YSP4-B01')), 0, 'MOORED'),
      // No status (class B) but moving: under way.
      fix('VESSEL', '413000003', 0, OPEN_SEA, 6, null),
    );
    expect(alerts.sweep(min(9))).toEqual([]);
    const silent = alerts.sweep(min(11));
    expect(silent.map((a) => [a.kind, a.assetKey, a.data.silentMinutes]).sort()).toEqual([
      ['AIS_SILENCE', '413000003', 11],
      ['AIS_SILENCE', VESSEL, 11],
    ]);
    expect(silent.find((a) => a.assetKey === VESSEL)?.message).toBe(
      `Vessel MMSI ${VESSEL} not heard for 11 min while under way`,
    );
    expect(alerts.sweep(min(30))).toEqual([]);

    // Heard again: the condition clears; silent again for 10 minutes: a new alert.
    feed(fix('VESSEL', VESSEL, 31, OPEN_SEA, 12, 'UNDER_WAY_USING_ENGINE'));
    expect(alerts.sweep(min(40)).map((a) => a.assetKey)).toEqual([]);
    expect(alerts.sweep(min(42)).map((a) => a.assetKey)).toEqual([VESSEL]);
    // A fix older than the last one heard is history: it neither clears nor re-raises.
    feed(fix('VESSEL', VESSEL, 20, OPEN_SEA, 12, 'UNDER_WAY_USING_ENGINE'));
    expect(alerts.sweep(min(50))).toEqual([]);
  });

  it('judges AIS silence by when the vessel was last heard, not by its fixes’ own times', () => {
    const silence = rule(PORT, { kind: 'AIS_SILENCE', params: { silenceMinutes: 10 } });
    const { feed, alerts } = pipeline([silence]);
    // A feed relayed or replayed an hour late: each report is heard as it arrives.
    const late = (minutes: number) => ({
      ...fix('VESSEL', VESSEL, minutes - 60, OPEN_SEA, 12, 'UNDER_WAY_USING_ENGINE'),
      receivedAt: min(minutes),
    });
    feed(late(0));
    feed(late(8));
    expect(alerts.sweep(min(12))).toEqual([]);
    expect(alerts.sweep(min(19)).map((a) => [a.assetKey, a.data.lastHeardAt])).toEqual([
      [VESSEL, min(8).toISOString()],
    ]);
  });

  it('remembers the stored latest positions and the open alerts across a restart', () => {
    const silence = rule(PORT, { kind: 'AIS_SILENCE', params: { silenceMinutes: 10 } });
    const engine = new AlertEngine(zones, () => null);
    engine.setRules([silence]);
    const latest = {
      assetKind: 'VESSEL' as const,
      speedKnots: 14,
      status: 'UNDER_WAY_USING_ENGINE',
      fixAt: min(0),
    };
    engine.remember({ ...latest, assetKey: VESSEL });
    engine.remember({ ...latest, assetKey: '413000009' });
    engine.markRaised(silence.id, { assetKind: 'VESSEL', assetKey: '413000009' }, null);
    expect(engine.sweep(min(15)).map((a) => a.assetKey)).toEqual([VESSEL]);
  });

  it('forgets a rule that is switched off', () => {
    const silence = rule(PORT, { kind: 'AIS_SILENCE', params: { silenceMinutes: 10 } });
    const { feed, alerts } = pipeline([silence]);
    feed(fix('VESSEL', VESSEL, 0, OPEN_SEA, 12, 'UNDER_WAY_USING_ENGINE'));
    alerts.setRules([]);
    expect(alerts.sweep(min(30))).toEqual([]);
  });
});
