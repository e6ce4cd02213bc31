import type { Fix } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  boxZone,
  collisionRule,
  type Run,
  report,
  reports,
  T0,
} from '../../../test/safety-scene.ts';
import { GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import type { ActiveRule, AlertDraft } from '../alerts/engine.ts';
import { CollisionWatch, type VesselParticulars } from './collision-watch.ts';

// The approach area is 20 nm square around the origin; an anchorage and a berth inside it,
// and a fairway outside it to the west.
const ZONES = [
  boxZone('approach', 'APPROACH', [-10, -10], [10, 10]),
  boxZone('anchorage', 'ANCHORAGE', [2, 2], [6, 6]),
  boxZone('berth', 'BERTH', [-9, 8], [-8, 9]),
  boxZone('fairway', 'FAIRWAY', [-30, -1], [-11, 1]),
];
const SHIPS: Record<string, VesselParticulars> = {
  '413000001': { name: 'ZHEN HUA 1', shipType: 70 },
  '413000002': { name: 'COSCO STAR', shipType: 71 },
  '413000003': { name: 'HAI GANG 8', shipType: 52 },
};

/** A geofence engine and a collision watch fed as the tracker feeds them: batch by batch. */
function watchWith(rules: ActiveRule[]) {
  const geofence = new GeofenceEngine(ZONES);
  const watch = new CollisionWatch();
  watch.setRules(rules);
  return {
    watch,
    feed(fixes: Fix[], batchSize = 20): AlertDraft[] {
      const drafts: AlertDraft[] = [];
      for (let i = 0; i < fixes.length; i += batchSize) {
        const batch = fixes.slice(i, i + batchSize);
        const { transitions } = geofence.updateBatch(batch);
        drafts.push(...watch.observe(batch, transitions, (mmsi) => SHIPS[mmsi]));
      }
      return drafts;
    },
  };
}

const pairs = (drafts: AlertDraft[]) =>
  drafts.map((d) =>
    (d.data.vessels as { mmsi: string }[])
      .map((v) => v.mmsi)
      .sort()
      .join('-'),
  );

// A crosses northwards at 12 kn; B, from 2 nm east and 0.1 nm north, westwards at 12 kn.
// r = (2, 2.1), w = (-12, -12): TCPA = (24 + 25.2)/288 h = 10.25 min,
// CPA = |(2 - 2.05, 2.1 - 2.05)| = 0.05·√2 = 0.0707 nm.
const A: Run = { mmsi: '413000001', from: [0, -2], knots: 12, courseDeg: 0 };
const B: Run = { mmsi: '413000002', from: [2, 0.1], knots: 12, courseDeg: 270 };

describe('the collision watch', () => {
  it('raises one alert for a crossing, naming both ships with CPA, TCPA and positions, and stays quiet while it lasts', () => {
    const { feed } = watchWith([collisionRule()]);
    const drafts = feed(reports([A, B], 0, 20 * 60));
    expect(drafts).toHaveLength(1);
    const [draft] = drafts as [AlertDraft];
    expect(draft).toMatchObject({
      kind: 'COLLISION_RISK',
      severity: 'CRITICAL',
      organizationId: 'org-port',
      assetKind: 'VESSEL',
      // B's report at T0 completes the pair.
      assetKey: B.mmsi,
      raisedAt: new Date(T0),
    });
    expect(draft.zoneId).toBe('approach');
    // To a few metres: the test places ships with the origin's longitude scale, the watch at their mean latitude.
    expect(draft.data.cpaNm as number).toBeCloseTo(0.0707, 2);
    expect(draft.data.tcpaMinutes).toBe(10.3);
    expect(draft.data.rangeNm as number).toBeCloseTo(Math.hypot(2, 2.1), 3);
    expect(draft.data.vessels).toEqual([
      expect.objectContaining({ mmsi: B.mmsi, name: 'COSCO STAR', speedKnots: 12, courseDeg: 270 }),
      expect.objectContaining({ mmsi: A.mmsi, name: 'ZHEN HUA 1', speedKnots: 12, courseDeg: 0 }),
    ]);
    expect(draft.message).toBe(
      'Collision risk: COSCO STAR (MMSI 413000002) and ZHEN HUA 1 (MMSI 413000001), CPA 0.07 nm in 10.3 min',
    );
  });

  it('raises the pair again for a new encounter once the first has cleared', () => {
    const { feed } = watchWith([collisionRule()]);
    const first = feed(reports([A, B], 0, 20 * 60));
    // Half an hour later the same two ships meet head-on, 0.2 nm apart abeam.
    const later = T0 + 30 * 60_000;
    const A2: Run = { ...A, from: [-5, -5], courseDeg: 0 };
    const B2: Run = { ...B, from: [-4.8, -3], knots: 10, courseDeg: 180 };
    const again = feed(
      Array.from({ length: 61 }, (_, i) => [
        report(A2, i * 10, later),
        report(B2, i * 10, later),
      ]).flat(),
    );
    expect(pairs([...first, ...again])).toEqual(['413000001-413000002', '413000001-413000002']);
    expect(again[0]?.data.cpaNm as number).toBeCloseTo(0.2, 3);
  });

  it('keeps one alert while the CPA hovers about the limit', () => {
    const { feed } = watchWith([collisionRule({ cpaNm: 0.5 })]);
    // Head-on, 4 nm apart; B's offset abeam wavers between 0.48 and 0.52 nm report by report.
    const fixes: Fix[] = [];
    for (let i = 0; i <= 60; i++) {
      const offset = i % 2 === 0 ? 0.48 : 0.52;
      fixes.push(report(A, i * 10));
      fixes.push(report({ ...B, from: [offset, 2], knots: 12, courseDeg: 180 }, i * 10));
    }
    expect(pairs(feed(fixes))).toEqual(['413000001-413000002']);
  });

  it('leaves out harbour craft by their AIS type, unless the rule excludes no type', () => {
    const tug: Run = { ...B, mmsi: '413000003' };
    expect(watchWith([collisionRule()]).feed(reports([A, tug], 0, 600))).toEqual([]);
    const everyType = watchWith([collisionRule({ excludedShipTypes: [] })]);
    expect(pairs(everyType.feed(reports([A, tug], 0, 600)))).toEqual(['413000001-413000003']);
  });

  it('needs one ship making the minimum speed: two drifting ships are no encounter, a ship at anchor and one heading for it are', () => {
    const slowA: Run = { ...A, from: [0, -0.1], knots: 0.5 };
    const slowB: Run = { ...B, from: [0.1, 0], knots: 0.5 };
    expect(watchWith([collisionRule()]).feed(reports([slowA, slowB], 0, 300))).toEqual([]);
    // At anchor in the anchorage; B from 2 nm south-east-ish, north at 8 kn, 0.25 nm off.
    const anchored: Run = {
      mmsi: '413000001',
      from: [4, 4],
      knots: 0,
      courseDeg: 0,
      status: 'AT_ANCHOR',
    };
    const passing: Run = { mmsi: '413000002', from: [3.75, 2], knots: 8, courseDeg: 0 };
    const drafts = watchWith([collisionRule()]).feed(reports([anchored, passing], 0, 300));
    expect(pairs(drafts)).toEqual(['413000001-413000002']);
    // r = (-0.25, -2), w = (0, 8): TCPA 15 min, CPA 0.25 nm.
    expect(drafts[0]?.data.tcpaMinutes).toBe(15);
    expect(drafts[0]?.data.cpaNm as number).toBeCloseTo(0.25, 3);
  });

  it('leaves out two ships both at a berth or moored', () => {
    const rule = collisionRule({ zoneKinds: ['APPROACH'] });
    // Both inside the berth (and the approach), "moving" at 1.5 kn towards each other.
    const a: Run = { mmsi: '413000001', from: [-8.8, 8.5], knots: 1.5, courseDeg: 90 };
    const b: Run = { mmsi: '413000002', from: [-8.2, 8.5], knots: 1.5, courseDeg: 270 };
    expect(watchWith([rule]).feed(reports([a, b], 0, 60))).toEqual([]);
    const mooredA: Run = { ...a, from: [1, 1], status: 'MOORED' };
    const mooredB: Run = { ...b, from: [1.6, 1], status: 'MOORED' };
    expect(watchWith([rule]).feed(reports([mooredA, mooredB], 0, 60))).toEqual([]);
    // The same two under way in the open approach are an encounter.
    const underWay = [mooredA, mooredB].map(({ status: _, ...run }) => run);
    expect(watchWith([rule]).feed(reports(underWay, 0, 60))).toHaveLength(1);
  });

  it('watches only ships inside zones of the rule kinds, within its range', () => {
    // The same crossing in the fairway, outside the approach.
    const inFairway = (run: Run): Run => ({ ...run, from: [run.from[0] - 20, run.from[1]] });
    const fixes = reports([inFairway(A), inFairway(B)], 0, 600);
    expect(watchWith([collisionRule({ zoneKinds: ['APPROACH'] })]).feed(fixes)).toEqual([]);
    expect(watchWith([collisionRule({ zoneKinds: ['FAIRWAY'] })]).feed(fixes)).toHaveLength(1);
    // Out of a 2 nm range at first (2.9 nm apart), in range a little over 3 minutes later.
    const short = watchWith([collisionRule({ rangeNm: 2 })]).feed(reports([A, B], 0, 600));
    // |(2 - u, 2.1 - u)| = 2 at u = 12 kn · t = 0.637 nm, 191 s: the report at 200 s.
    expect(short.map((d) => d.raisedAt.getTime())).toEqual([T0 + 200_000]);
  });

  it('raises nothing for ships diverging or sailing in company', () => {
    const diverging: Run[] = [
      { mmsi: '413000001', from: [0, 0], knots: 10, courseDeg: 180 },
      { mmsi: '413000002', from: [0.3, 0.2], knots: 10, courseDeg: 0 },
    ];
    const parallel: Run[] = [
      { mmsi: '413000001', from: [0, 0], knots: 10, courseDeg: 0 },
      { mmsi: '413000002', from: [0.1, 0], knots: 10, courseDeg: 0 },
    ];
    expect(watchWith([collisionRule()]).feed(reports(diverging, 0, 300))).toEqual([]);
    expect(watchWith([collisionRule()]).feed(reports(parallel, 0, 300))).toEqual([]);
  });

  it('does not dead-reckon a ship silent for more than 6 minutes into an encounter', () => {
    const { feed } = watchWith([collisionRule()]);
    // B is heard once, 7 minutes before A comes within its range.
    const fixes = [report(B, 0), ...reports([A], 7 * 60, 9 * 60)];
    expect(feed(fixes)).toEqual([]);
  });

  it('raises the same alerts whatever the batches, since it reads only fix times', () => {
    const runs: Run[] = [A, B, { mmsi: '413000003', from: [-3, 0], knots: 9, courseDeg: 90 }];
    const rule = collisionRule({ excludedShipTypes: [] });
    const fixes = reports(runs, 0, 15 * 60);
    const one = watchWith([rule]).feed(fixes, 1);
    const many = watchWith([rule]).feed(fixes, 500);
    expect(one.length).toBeGreaterThan(1);
    expect(many).toEqual(one);
  });
});
