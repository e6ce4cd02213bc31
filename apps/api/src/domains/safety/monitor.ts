import type { Db } from '@harbor/db';
import type { Alert, Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import type { Topic } from '../../core/topic.ts';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { loadActiveRules, storeAlerts } from '../alerts/monitor.ts';
import { effectiveParticulars, particularsSelect } from '../vessels/particulars.ts';
import { AnchorWatch } from './anchor-watch.ts';
import { CollisionWatch, type VesselParticulars, type ZoneRef } from './collision-watch.ts';

export type SafetyMonitorStats = {
  raised: number;
  failedStores: number;
  failedLookups: number;
  invalidRules: number;
  /** Pairs of ships compared by the collision watch. */
  comparisons: number;
  watchedShips: number;
  anchoredShips: number;
};

const SAFETY_KINDS = ['COLLISION_RISK', 'ANCHOR_DRAG'] as const;
/** A vessel's name and type are read again after this much fix time (AIS static data comes every 6 min). */
const PARTICULARS_FOR_MS = 10 * 60_000;

/**
 * Safety in the fairway, after each committed batch: collision risk between ships
 * (collision-watch.ts) and anchors dragging (anchor-watch.ts), by the organizations'
 * COLLISION_RISK and ANCHOR_DRAG rules. It reads the vessels' effective names and AIS types
 * (curated, else AIS: vessels/particulars.ts) for the MMSIs it has not read lately, in one
 * query per batch; stores what the watches raise and publishes it on the alerts topic.
 * Rules are read at start and whenever one changes; open alerts of its kinds are remembered
 * at start, so a restart does not raise an encounter or a dragging anchor again.
 */
export class SafetyMonitor {
  private readonly counts = { raised: 0, failedStores: 0, failedLookups: 0, invalidRules: 0 };
  private readonly collisions: CollisionWatch;
  private readonly anchors = new AnchorWatch();
  private readonly particulars = new Map<string, VesselParticulars & { readAtMs: number }>();
  private hasRules = false;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma'>;
      /** Where raised alerts go to the `alerts.live` subscriptions (LiveTopics.alerts). */
      alerts: Topic<Alert>;
      logger?: Logger;
      /** The zones a vessel is in now (the geofence engine's), for ships met after a restart. */
      zonesOf?: (mmsi: string) => readonly ZoneRef[];
    },
  ) {
    this.collisions = new CollisionWatch(deps.zonesOf);
  }

  get stats(): SafetyMonitorStats {
    return {
      ...this.counts,
      comparisons: this.collisions.stats.comparisons,
      watchedShips: this.collisions.watchedShips,
      anchoredShips: this.anchors.anchoredShips,
    };
  }

  /** Loads the rules and remembers the open alerts of its kinds. */
  async start(): Promise<void> {
    await this.reloadRules();
    const open = await this.deps.db.prisma.alert.findMany({
      where: { acknowledgedAt: null, ruleId: { not: null }, kind: { in: [...SAFETY_KINDS] } },
      select: { ruleId: true, kind: true, assetKey: true, data: true, raisedAt: true },
    });
    for (const alert of open) {
      if (!alert.ruleId || !alert.assetKey) continue;
      if (alert.kind === 'ANCHOR_DRAG')
        this.anchors.markRaised(alert.ruleId, alert.assetKey, alert.raisedAt);
      const [a, b] = vesselsOf(alert.data);
      if (alert.kind === 'COLLISION_RISK' && a && b) this.collisions.markRaised(alert.ruleId, a, b);
    }
  }

  /** Reads the enabled COLLISION_RISK and ANCHOR_DRAG rules again. */
  async reloadRules(): Promise<number> {
    const { rules, invalid } = await loadActiveRules(this.deps, SAFETY_KINDS);
    this.counts.invalidRules = invalid;
    this.collisions.setRules(rules);
    this.anchors.setRules(rules);
    this.hasRules = rules.length > 0;
    return rules.length;
  }

  /** The tracker's after-write step. */
  async observe(fixes: readonly Fix[], transitions: readonly GeofenceTransition[]) {
    if (this.hasRules) await this.readParticulars(fixes);
    const particularsOf = (mmsi: string) => this.particulars.get(mmsi);
    const drafts = [
      ...this.collisions.observe(fixes, transitions, particularsOf),
      ...this.anchors.observe(fixes, particularsOf),
    ];
    return storeAlerts(this.deps, this.counts, drafts);
  }

  /** Names and types of the batch's vessels not read within PARTICULARS_FOR_MS of their fix. */
  private async readParticulars(fixes: readonly Fix[]): Promise<void> {
    const due = new Map<number, number>();
    for (const fix of fixes) {
      if (fix.assetKind !== 'VESSEL' || !/^\d{9}$/.test(fix.assetKey)) continue;
      const at = fix.fixAt.getTime();
      const known = this.particulars.get(fix.assetKey);
      if (!known || at - known.readAtMs >= PARTICULARS_FOR_MS)
        due.set(Number(fix.assetKey), Math.max(at, due.get(Number(fix.assetKey)) ?? at));
    }
    if (due.size === 0) return;
    try {
      const rows = await this.deps.db.prisma.vessel.findMany({
        where: { mmsi: { in: [...due.keys()] } },
        select: { mmsi: true, ...particularsSelect },
      });
      const found = new Map(rows.map((row) => [row.mmsi, effectiveParticulars(row)]));
      for (const [mmsi, readAtMs] of due) {
        const row = found.get(mmsi);
        this.particulars.set(String(mmsi).padStart(9, '0'), {
          name: row?.name ?? null,
          shipType: row?.shipType ?? null,
          readAtMs,
        });
      }
    } catch (error) {
      // Judged with what is known; the next batch asks again.
      this.counts.failedLookups++;
      this.deps.logger?.error({ err: error }, 'vessel particulars not read for the safety watch');
    }
  }
}

/** The MMSIs of the two ships a stored COLLISION_RISK alert names. */
function vesselsOf(data: unknown): [string?, string?] {
  const vessels = (data as { vessels?: { mmsi?: unknown }[] } | null)?.vessels;
  if (!Array.isArray(vessels)) return [];
  const [a, b] = vessels.map((vessel) => vessel?.mmsi);
  return typeof a === 'string' && typeof b === 'string' ? [a, b] : [];
}
