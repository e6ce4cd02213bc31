import {
  type AlertRuleParams,
  AlertRuleParamsSchema,
  type Fix,
  kmhToKnots,
  type RuleKind,
} from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { type FenceZone, GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import { type ActiveRule, AlertEngine, speedOf } from './engine.ts';

// Rules aimed at zones by id, trucks measured in km/h and vessels in knots, and zones that
// change while the engines run: small square zones side by side, fixes at their centres.

const T0 = Date.parse('2026-12-05T02:00:00Z');
const PORT = 'org-port';
const TRUCK = '013916001001';
const VESSEL = '477266900';

const ids = new Map<string, string>();
/** A zone's id by its name: the same name, the same zone (moved, say). */
const idOf = (name: string) => {
  if (!ids.has(name))
    ids.set(name, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`);
  return ids.get(name) as string;
};

function zone(name: string, kind: string, lon: number, limits: Partial<FenceZone> = {}): FenceZone {
  const ring = [
    [lon, 30],
    [lon + 0.01, 30],
    [lon + 0.01, 30.01],
    [lon, 30.01],
    [lon, 30],
  ];
  return {
    id: idOf(name),
    code: name.toUpperCase(),
    kind,
    polygon: { type: 'Polygon', coordinates: [ring] },
    minLon: lon,
    minLat: 30,
    maxLon: lon + 0.01,
    maxLat: 30.01,
    ...limits,
  };
}

const at = (z: FenceZone) => ({ lon: z.minLon + 0.005, lat: 30.005 });
const OUTSIDE = { lon: 121, lat: 29 };

let nextRule = 0;
/** A port authority rule, its settings parsed as the stored ones are. */
function rule(kind: RuleKind, params: Record<string, unknown>): ActiveRule {
  const parsed: AlertRuleParams = AlertRuleParamsSchema.parse({ kind, params });
  nextRule++;
  return {
    ...parsed,
    id: `rule-${nextRule}`,
    organization: { id: PORT, kind: 'PORT_AUTHORITY' },
    name: `${kind} ${nextRule}`,
    severity: 'WARNING',
  };
}

function engines(zones: FenceZone[], rules: ActiveRule[]) {
  const geofence = new GeofenceEngine(zones);
  const alerts = new AlertEngine(zones, () => null);
  alerts.setRules(rules);
  let minute = 0;
  return {
    geofence,
    alerts,
    setZones(next: FenceZone[]) {
      geofence.setZones(next);
      alerts.setZones(next);
    },
    feed(assetKind: Fix['assetKind'], where: { lon: number; lat: number }, speedKnots = 0) {
      minute++;
      const fix: Fix = {
        assetKind,
        assetKey: assetKind === 'VESSEL' ? VESSEL : TRUCK,
        fixAt: new Date(T0 + minute * 60_000),
        receivedAt: new Date(T0 + minute * 60_000),
        ...where,
        speedKnots,
        courseDeg: null,
        headingDeg: null,
        altitudeM: null,
        status: null,
        source: assetKind === 'VESSEL' ? 'AIS' : 'JT808',
      };
      const { transitions } = geofence.updateBatch([fix]);
      return { transitions, alerts: alerts.observe([fix], transitions) };
    },
  };
}

/** A speed as the JT/T 808 gateway stores what a terminal reported in km/h. */
const reportedKmh = (kmh: number) => Math.round(kmhToKnots(kmh) * 100) / 100;

describe('rules aimed at zones', () => {
  it('asks for zones or zone kinds; a restricted-area rule naming neither watches the restricted areas', () => {
    expect(() => rule('SPEEDING', { assetKinds: ['VEHICLE'] })).toThrow(/name zones or zone kinds/);
    expect(() => rule('DWELL', { maxMinutes: 5 })).toThrow(/name zones or zone kinds/);
    expect(rule('RESTRICTED_AREA', {}).params).toMatchObject({ zoneKinds: ['RESTRICTED_AREA'] });
    const byId = rule('RESTRICTED_AREA', { zoneIds: ['7d1c2a4e-0000-4000-8000-000000000001'] });
    expect(byId.params).not.toHaveProperty('zoneKinds');
  });

  it('raises entry into a listed zone of any kind, and into zones of the listed kinds', () => {
    const gate = zone('gate', 'GATE', 122);
    const otherGate = zone('other-gate', 'GATE', 122.02);
    const restricted = zone('restricted', 'RESTRICTED_AREA', 122.04);
    const depot = zone('depot', 'DEPOT', 122.06);
    const entry = rule('RESTRICTED_AREA', { zoneIds: [gate.id], zoneKinds: ['DEPOT'] });
    const { feed } = engines([gate, otherGate, restricted, depot], [entry]);
    expect(feed('VEHICLE', at(gate)).alerts.map((a) => a.zoneId)).toEqual([gate.id]);
    expect(feed('VEHICLE', at(otherGate)).alerts).toEqual([]);
    // Named by id, the rule no longer watches the restricted areas by default.
    expect(feed('VEHICLE', at(restricted)).alerts).toEqual([]);
    expect(feed('VEHICLE', at(depot)).alerts.map((a) => a.zoneId)).toEqual([depot.id]);
  });

  it('raises dwell in a listed zone only', () => {
    const gate = zone('gate', 'GATE', 122);
    const otherGate = zone('other-gate', 'GATE', 122.02);
    const dwell = rule('DWELL', { zoneIds: [gate.id], maxMinutes: 2 });
    const { feed } = engines([gate, otherGate], [dwell]);
    feed('VEHICLE', at(otherGate));
    feed('VEHICLE', at(otherGate));
    expect(feed('VEHICLE', at(otherGate)).alerts).toEqual([]);
    feed('VEHICLE', at(gate));
    feed('VEHICLE', at(gate));
    expect(feed('VEHICLE', at(gate)).alerts.map((a) => [a.kind, a.zoneId])).toEqual([
      ['DWELL', gate.id],
    ]);
  });
});

describe('speed limits in their own units', () => {
  it('reads a truck in the km/h its terminal reported, a vessel in knots', () => {
    expect(speedOf({ assetKind: 'VEHICLE', speedKnots: reportedKmh(30) })).toEqual({
      value: 30,
      unit: 'km/h',
    });
    expect(speedOf({ assetKind: 'VEHICLE', speedKnots: reportedKmh(42.3) })?.value).toBe(42.3);
    expect(speedOf({ assetKind: 'VESSEL', speedKnots: 12.3 })).toEqual({ value: 12.3, unit: 'kn' });
    expect(speedOf({ assetKind: 'VESSEL', speedKnots: null })).toBeNull();
  });

  it("holds trucks to the zone's km/h limit: at the limit is not over it", () => {
    const yard = zone('yard', 'YARD_BLOCK', 122, { speedLimitKmh: 30, speedLimitKnots: null });
    const speeding = rule('SPEEDING', { zoneIds: [yard.id] });
    const { feed } = engines([yard], [speeding]);
    // 30 km/h is stored as 16.2 kn, which is 30.0024 km/h: not over 30.
    expect(feed('VEHICLE', at(yard), reportedKmh(30)).alerts).toEqual([]);
    const over = feed('VEHICLE', at(yard), reportedKmh(30.1)).alerts;
    expect(over.map((a) => [a.data.speedKmh, a.data.limitKmh, a.message])).toEqual([
      [30.1, 30, `Truck ${TRUCK} at 30.1 km/h in YARD (limit 30 km/h)`],
    ]);
    // A vessel there has no limit in knots: nothing, whatever its speed.
    expect(feed('VESSEL', at(yard), 40).alerts).toEqual([]);
  });

  it("takes the rule's own limit first: limitKmh for trucks, limitKnots for vessels", () => {
    const fairway = zone('fairway', 'FAIRWAY', 122, { speedLimitKnots: 10, speedLimitKmh: 60 });
    const strict = rule('SPEEDING', { zoneKinds: ['FAIRWAY'], limitKmh: 20, limitKnots: 6 });
    const { feed } = engines([fairway], [strict]);
    expect(feed('VEHICLE', at(fairway), reportedKmh(20)).alerts).toEqual([]);
    expect(feed('VEHICLE', at(fairway), reportedKmh(25)).alerts.map((a) => a.data)).toEqual([
      { rule: strict.name, zoneCode: 'FAIRWAY', speedKmh: 25, limitKmh: 20 },
    ]);
    expect(feed('VESSEL', at(fairway), 7).alerts.map((a) => a.data)).toEqual([
      { rule: strict.name, zoneCode: 'FAIRWAY', speedKnots: 7, limitKnots: 6 },
    ]);
  });
});

describe('zones changed while the engines run', () => {
  it('places the next fix among the new zones: a zone drawn raises ENTER, a zone gone stays quiet', () => {
    const before = zone('before', 'GATE', 122);
    const drawn = zone('drawn', 'RESTRICTED_AREA', 122.02, { speedLimitKmh: 10 });
    const entry = rule('RESTRICTED_AREA', { zoneIds: [drawn.id] });
    const speeding = rule('SPEEDING', { zoneIds: [drawn.id] });
    const run = engines([before], [entry, speeding]);
    expect(run.feed('VEHICLE', at(drawn), reportedKmh(30)).transitions).toEqual([]);

    run.setZones([before, drawn]);
    const entered = run.feed('VEHICLE', at(drawn), reportedKmh(30));
    expect(entered.transitions.map((t) => [t.transition, t.zoneId])).toEqual([['ENTER', drawn.id]]);
    expect(entered.alerts.map((a) => a.kind).sort()).toEqual(['RESTRICTED_AREA', 'SPEEDING']);

    // Moved away: the truck, where it was, is out of it.
    const moved = zone('drawn', 'RESTRICTED_AREA', 122.1, { speedLimitKmh: 10 });
    run.setZones([before, moved]);
    const left = run.feed('VEHICLE', at(drawn), reportedKmh(30));
    expect(left.transitions.map((t) => [t.transition, t.zoneId])).toEqual([['EXIT', drawn.id]]);
    expect(left.alerts).toEqual([]);

    // Back inside, then the zone is deleted: no EXIT for a zone that is gone, no more speeding.
    expect(run.feed('VEHICLE', at(moved), 0).transitions).toHaveLength(1);
    run.setZones([before]);
    const gone = run.feed('VEHICLE', OUTSIDE, reportedKmh(30));
    expect(gone.transitions).toEqual([]);
    expect(run.geofence.zonesOf('VEHICLE', TRUCK)).toEqual([]);
    expect(run.feed('VEHICLE', at(moved), reportedKmh(90)).alerts).toEqual([]);
  });

  it('puts an asset back as it was when a batch written across a zone change fails', () => {
    const gate = zone('gate', 'GATE', 122);
    const geofence = new GeofenceEngine([gate]);
    const fix = (minute: number) => ({
      assetKind: 'VEHICLE' as const,
      assetKey: TRUCK,
      fixAt: new Date(T0 + minute * 60_000),
      ...at(gate),
    });
    geofence.updateBatch([fix(0)]);
    const batch = geofence.updateBatch([{ ...fix(1), ...OUTSIDE }]);
    expect(batch.transitions.map((t) => t.transition)).toEqual(['EXIT']);
    geofence.setZones([gate, zone('new', 'DEPOT', 122.5)]);
    batch.rollback();
    expect(geofence.zonesOf('VEHICLE', TRUCK)).toEqual(['GATE']);
    expect(geofence.updateBatch([{ ...fix(1), ...OUTSIDE }]).transitions).toHaveLength(1);
  });
});
