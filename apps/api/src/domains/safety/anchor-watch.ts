import { distanceM, type Fix, type LonLat } from '@harbor/shared';
import type { ActiveRule, AlertDraft } from '../alerts/engine.ts';
import type { ParticularsOf } from './collision-watch.ts';

export type AnchorDragRule = Extract<ActiveRule, { kind: 'ANCHOR_DRAG' }>;

/** One rule's view of one anchoring. */
type Watch = {
  /** Where the ship brought up (its first report at anchor at or below the rule's speed), and when. */
  centre: LonLat | null;
  broughtUpAtMs: number | null;
  /** Reports in a row faster than the rule's speed. */
  movingReports: number;
  isRaised: boolean;
};

/** A ship at anchor: from its first report with AIS status "at anchor" to the first without. */
type Anchoring = { lastFixMs: number; watches: Map<string, Watch> };

/** An anchored ship not heard for this long is forgotten; heard again, its anchoring starts anew. */
const FORGET_MS = 6 * 3_600_000;

/**
 * Anchor dragging by the ANCHOR_DRAG rules. An anchoring runs from a ship's first report with
 * AIS status "at anchor" (ITU-R M.1371-5 table 45, status 1) to its first report with any
 * other status. Once the ship has brought up (reported at anchor at or below the rule's
 * speed, which fixes the centre of its circle), it drags when it makes more than that speed
 * for the rule's number of reports in a row, or is found further than the rule's swing
 * radius from that centre. Each rule raises once per anchoring. Reports without a status
 * (none was decoded) leave the anchoring as it is. Every time is a fix time.
 */
export class AnchorWatch {
  private rules: AnchorDragRule[] = [];
  private readonly anchored = new Map<string, Anchoring>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  setRules(rules: readonly ActiveRule[]): void {
    this.rules = rules.filter((rule): rule is AnchorDragRule => rule.kind === 'ANCHOR_DRAG');
    const ids = new Set(this.rules.map((rule) => rule.id));
    for (const anchoring of this.anchored.values())
      for (const id of anchoring.watches.keys()) if (!ids.has(id)) anchoring.watches.delete(id);
  }

  /**
   * An anchoring alerted before a restart (an open alert, raised at `raisedAt`): not raised
   * again unless the ship weighs anchor first.
   */
  markRaised(ruleId: string, mmsi: string, raisedAt: Date): void {
    const anchoring = this.anchoringOf(mmsi);
    anchoring.lastFixMs = Math.max(anchoring.lastFixMs, raisedAt.getTime());
    anchoring.watches.set(ruleId, { ...newWatch(), isRaised: true });
  }

  /** Ships at anchor Harbor is watching now. */
  get anchoredShips(): number {
    return this.anchored.size;
  }

  /** A committed batch; returns the alerts to raise. */
  observe(fixes: readonly Fix[], particularsOf: ParticularsOf): AlertDraft[] {
    const drafts: AlertDraft[] = [];
    const ordered = [...fixes].sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime());
    let newestMs = Number.NEGATIVE_INFINITY;
    for (const fix of ordered) {
      if (fix.assetKind !== 'VESSEL' || fix.status === null) continue;
      const at = fix.fixAt.getTime();
      newestMs = Math.max(newestMs, at);
      const known = this.anchored.get(fix.assetKey);
      if (known && at <= known.lastFixMs) continue;
      if (fix.status !== 'AT_ANCHOR') {
        if (known) this.anchored.delete(fix.assetKey);
        continue;
      }
      const anchoring = known ?? this.anchoringOf(fix.assetKey);
      anchoring.lastFixMs = at;
      for (const rule of this.rules) {
        let watch = anchoring.watches.get(rule.id);
        if (!watch) {
          watch = newWatch();
          anchoring.watches.set(rule.id, watch);
        }
        const draft = this.check(rule, watch, fix, particularsOf);
        if (draft) drafts.push(draft);
      }
    }
    this.sweep(newestMs);
    return drafts;
  }

  private check(
    rule: AnchorDragRule,
    watch: Watch,
    fix: Fix,
    particularsOf: ParticularsOf,
  ): AlertDraft | null {
    const { dragKnots, consecutiveReports, swingRadiusM } = rule.params;
    const at: LonLat = [fix.lon, fix.lat];
    const speed = fix.speedKnots;
    if (!watch.centre) {
      // Not brought up yet: still running up to its anchor.
      if (speed !== null && speed <= dragKnots) {
        watch.centre = at;
        watch.broughtUpAtMs = fix.fixAt.getTime();
      }
      return null;
    }
    watch.movingReports = speed !== null && speed > dragKnots ? watch.movingReports + 1 : 0;
    const fromCentreM = distanceM(watch.centre, at);
    const isMoving = watch.movingReports >= consecutiveReports;
    const isOutside = fromCentreM > swingRadiusM;
    if (watch.isRaised || (!isMoving && !isOutside)) return null;
    watch.isRaised = true;
    const name = particularsOf(fix.assetKey)?.name ?? null;
    const ship = name ? `${name} (MMSI ${fix.assetKey})` : `MMSI ${fix.assetKey}`;
    const why = isOutside
      ? `${Math.round(fromCentreM)} m from where it brought up (swing radius ${swingRadiusM} m)`
      : `at ${speed?.toFixed(1)} kn for ${watch.movingReports} reports`;
    return {
      organizationId: rule.organization.id,
      ruleId: rule.id,
      kind: 'ANCHOR_DRAG',
      severity: rule.severity,
      assetKind: 'VESSEL',
      assetKey: fix.assetKey,
      zoneId: null,
      message: `${ship} dragging anchor: ${why}`,
      data: {
        rule: rule.name,
        mmsi: fix.assetKey,
        name,
        reason: isOutside ? 'OUTSIDE_CIRCLE' : 'MOVING',
        lat: fix.lat,
        lon: fix.lon,
        speedKnots: speed,
        movingReports: watch.movingReports,
        centre: { lat: watch.centre[1], lon: watch.centre[0] },
        broughtUpAt:
          watch.broughtUpAtMs === null ? null : new Date(watch.broughtUpAtMs).toISOString(),
        distanceM: Math.round(fromCentreM),
        swingRadiusM,
      },
      raisedAt: fix.fixAt,
    };
  }

  /** Once an hour of fix time: anchored ships long silent are forgotten. */
  private sweep(newestMs: number): void {
    if (newestMs - this.lastSweepMs < 3_600_000) return;
    this.lastSweepMs = newestMs;
    for (const [mmsi, anchoring] of this.anchored)
      if (newestMs - anchoring.lastFixMs > FORGET_MS) this.anchored.delete(mmsi);
  }

  private anchoringOf(mmsi: string): Anchoring {
    let anchoring = this.anchored.get(mmsi);
    if (!anchoring) {
      anchoring = { lastFixMs: Number.NEGATIVE_INFINITY, watches: new Map() };
      this.anchored.set(mmsi, anchoring);
    }
    return anchoring;
  }
}

function newWatch(): Watch {
  return { centre: null, broughtUpAtMs: null, movingReports: 0, isRaised: false };
}
