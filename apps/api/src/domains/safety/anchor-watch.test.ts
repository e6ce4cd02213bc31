import { AnchorDragParams, type Fix } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { place, type Run, report, T0 } from '../../../test/safety-scene.ts';
import type { ActiveRule, AlertDraft } from '../alerts/engine.ts';
import { AnchorWatch } from './anchor-watch.ts';

const MMSI = '413000001';
const NAMES: Record<string, { name: string; shipType: number }> = {
  [MMSI]: { name: 'ZHEN HUA 1', shipType: 70 },
};
const MINUTE = 60;

function anchorRule(params: Partial<AnchorDragParams> = {}): ActiveRule {
  return {
    kind: 'ANCHOR_DRAG',
    params: AnchorDragParams.parse(params),
    id: 'rule-anchor',
    organization: { id: 'org-port', kind: 'PORT_AUTHORITY' },
    name: 'Anchor dragging',
    severity: 'WARNING',
  };
}

function watchWith(rule = anchorRule()) {
  const watch = new AnchorWatch();
  watch.setRules([rule]);
  return {
    watch,
    feed: (...fixes: Fix[]): AlertDraft[] => watch.observe(fixes, (mmsi) => NAMES[mmsi]),
  };
}

/** A report of the ship at anchor, `minutes` after T0, `eastM`/`northM` metres from (1, 1) nm. */
function atAnchor(minutes: number, knots: number, eastM = 0, northM = 0, status = 'AT_ANCHOR') {
  const run: Run = {
    mmsi: MMSI,
    from: [1 + eastM / 1852, 1 + northM / 1852],
    knots,
    courseDeg: 45,
    status,
  };
  return report(run, 0, T0 + minutes * MINUTE * 1000);
}

/** Reports every 3 minutes (AIS class A at anchor) from `from` to `to` minutes. */
function swinging(from: number, to: number, knots = 0.3, radiusM = 150) {
  const fixes: Fix[] = [];
  for (let m = from; m <= to; m += 3) {
    const angle = (m / 60) * Math.PI;
    fixes.push(atAnchor(m, knots, radiusM * Math.sin(angle), radiusM * (1 - Math.cos(angle))));
  }
  return fixes;
}

describe('the anchor watch', () => {
  it('stays quiet for a ship swinging to its anchor for hours', () => {
    expect(watchWith().feed(...swinging(0, 6 * 60))).toEqual([]);
  });

  it('raises once when the ship makes more than the speed for three reports in a row', () => {
    const { feed } = watchWith();
    expect(feed(...swinging(0, 30))).toEqual([]);
    expect(feed(atAnchor(33, 1.4, 0, 20), atAnchor(36, 1.6, 0, 60))).toEqual([]);
    const drafts = feed(atAnchor(39, 1.8, 0, 120), atAnchor(42, 2.0, 0, 200));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      kind: 'ANCHOR_DRAG',
      assetKind: 'VESSEL',
      assetKey: MMSI,
      organizationId: 'org-port',
      raisedAt: new Date(T0 + 39 * MINUTE * 1000),
      message: 'ZHEN HUA 1 (MMSI 413000001) dragging anchor: at 1.8 kn for 3 reports',
    });
    expect(drafts[0]?.data).toMatchObject({
      reason: 'MOVING',
      movingReports: 3,
      speedKnots: 1.8,
      broughtUpAt: new Date(T0).toISOString(),
      centre: place(1, 1),
      swingRadiusM: 500,
    });
  });

  it('does not count reports that are not in a row', () => {
    const { feed } = watchWith();
    const fixes = [
      atAnchor(0, 0),
      atAnchor(3, 1.5),
      atAnchor(6, 1.5),
      atAnchor(9, 0.2),
      atAnchor(12, 1.5),
      atAnchor(15, 1.5),
    ];
    expect(feed(...fixes)).toEqual([]);
  });

  it('raises once when the ship is found outside its circle, however slowly it crept there', () => {
    const { feed } = watchWith(anchorRule({ swingRadiusM: 300 }));
    const creeping = Array.from({ length: 12 }, (_, i) => atAnchor(i * 3, 0.4, 0, i * 40));
    const drafts = feed(...creeping);
    // 320 m from where it brought up at the ninth report (8 · 40 m).
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.data).toMatchObject({ reason: 'OUTSIDE_CIRCLE', distanceM: 320 });
    expect(drafts[0]?.raisedAt).toEqual(new Date(T0 + 24 * MINUTE * 1000));
  });

  it('waits until the ship has brought up: running in to its anchor is not dragging', () => {
    const { feed } = watchWith();
    // Status "at anchor" set while still making 3 kn to the spot, 1.5 km away.
    const running = Array.from({ length: 6 }, (_, i) => atAnchor(i, 3, 0, -1500 + i * 300));
    expect(feed(...running, ...swinging(6, 60))).toEqual([]);
  });

  it('raises again in a new anchoring, after the ship has weighed anchor', () => {
    const { feed } = watchWith();
    const first = feed(atAnchor(0, 0), atAnchor(3, 0.2, 0, 600));
    const underWay = feed(atAnchor(10, 8, 0, 3000, 'UNDER_WAY_USING_ENGINE'));
    const second = feed(atAnchor(60, 0, 0, 6000), atAnchor(63, 0.2, 0, 6600));
    expect([first.length, underWay.length, second.length]).toEqual([1, 0, 1]);
  });

  it('does not raise an anchoring alerted before a restart again', () => {
    const { watch, feed } = watchWith();
    watch.markRaised('rule-anchor', MMSI, new Date(T0));
    expect(
      feed(
        atAnchor(3, 0),
        atAnchor(6, 0.1, 0, 700),
        atAnchor(9, 2),
        atAnchor(12, 2),
        atAnchor(15, 2),
      ),
    ).toEqual([]);
  });

  it('leaves an anchoring as it is on a report without a status', () => {
    const { feed } = watchWith();
    const noStatus = { ...atAnchor(6, 0.1, 0, 50), status: null };
    expect(feed(atAnchor(0, 0), atAnchor(3, 0.1), noStatus, atAnchor(9, 0.1, 0, 600))).toHaveLength(
      1,
    );
  });
});
