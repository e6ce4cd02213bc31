import type { Db } from '@harbor/db';
import {
  type Alert,
  AlertRuleParamsSchema,
  type AssetKind,
  type Fix,
  type RuleKind,
} from '@harbor/shared';
import type { Logger } from 'pino';
import type { Topic } from '../../core/topic.ts';
import type { FenceZone, GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { describeAlerts } from './describe.ts';
import { type ActiveRule, type AlertDraft, AlertEngine } from './engine.ts';

export type AlertMonitorStats = { raised: number; failedStores: number; invalidRules: number };

/** Open alerts of these kinds describe a condition that may still hold after a restart. */
const LASTING_KINDS = ['AIS_SILENCE', 'SPEEDING', 'DWELL'] as const;

/**
 * Runs the alert rules inside the tracker's process: feeds the engine each committed batch
 * and, on a timer, the clock; stores what it raises and publishes it on the alerts topic.
 * Rules are read from the database at start and again whenever one changes.
 */
export class AlertMonitor {
  readonly stats: AlertMonitorStats = { raised: 0, failedStores: 0, invalidRules: 0 };
  private readonly engine: AlertEngine;
  private timer: NodeJS.Timeout | null = null;
  private owns: ((assetKind: AssetKind, assetKey: string) => boolean) | null = null;

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma'>;
      /** Where raised alerts go to the `alerts.live` subscriptions (LiveTopics.alerts). */
      alerts: Topic<Alert>;
      zones: readonly FenceZone[];
      ownerOf: (assetKind: AssetKind, assetKey: string) => string | null;
      now: () => Date;
      logger?: Logger;
      /** The zones an asset is in and since when (the geofence engine's): see AlertEngine. */
      zonesIn?: (
        assetKind: AssetKind,
        assetKey: string,
      ) => readonly { id: string; enteredAtMs: number }[];
    },
  ) {
    this.engine = new AlertEngine(deps.zones, deps.ownerOf, deps.zonesIn);
  }

  /**
   * Sweeps raise alerts (silence, dwell) only for the assets `owns` accepts: with several
   * trackers, each for the assets of its partitions, so no alert is raised twice.
   */
  restrictTo(owns: (assetKind: AssetKind, assetKey: string) => boolean): void {
    this.owns = owns;
  }

  /** Loads the rules and the open alerts, remembers the last known positions, starts the clock. */
  async start(
    options: {
      latest?: Iterable<{
        assetKind: AssetKind;
        assetKey: string;
        fixAt: string;
        speedKnots: number | null;
        status: string | null;
      }>;
      sweepEveryMs?: number;
    } = {},
  ): Promise<void> {
    await this.reloadRules();
    for (const position of options.latest ?? [])
      this.engine.remember({ ...position, fixAt: new Date(position.fixAt) });
    await this.rememberOpenAlerts(() => true);
    if (options.sweepEveryMs) {
      this.timer = setInterval(() => void this.sweep(), options.sweepEveryMs);
      this.timer.unref();
    }
  }

  /**
   * Assets another tracker watched until now (their partitions were taken over): their latest
   * stored positions and open alerts, so a ship that kept reporting there is not taken for
   * silent here, and a condition already raised is not raised again.
   */
  async takeOver(isGained: (assetKind: AssetKind, assetKey: string) => boolean): Promise<void> {
    const latest = await this.deps.db.prisma.latestPosition.findMany({
      select: { assetKind: true, assetKey: true, fixAt: true, speedKnots: true, status: true },
    });
    for (const position of latest)
      if (isGained(position.assetKind, position.assetKey)) this.engine.remember(position);
    await this.rememberOpenAlerts(isGained);
  }

  private async rememberOpenAlerts(
    isMine: (assetKind: AssetKind, assetKey: string) => boolean,
  ): Promise<void> {
    const open = await this.deps.db.prisma.alert.findMany({
      where: { acknowledgedAt: null, ruleId: { not: null }, kind: { in: [...LASTING_KINDS] } },
      select: { ruleId: true, assetKind: true, assetKey: true, zoneId: true },
    });
    for (const alert of open) {
      if (
        alert.ruleId &&
        alert.assetKind &&
        alert.assetKey &&
        isMine(alert.assetKind, alert.assetKey)
      )
        this.engine.markRaised(
          alert.ruleId,
          { assetKind: alert.assetKind, assetKey: alert.assetKey },
          alert.zoneId,
        );
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads every enabled rule again; a stored rule whose settings no longer validate is skipped and counted. */
  async reloadRules(): Promise<number> {
    const { rules, invalid } = await loadActiveRules(this.deps);
    this.stats.invalidRules = invalid;
    this.engine.setRules(rules);
    return rules.length;
  }

  /** The zones as they are now, after one was drawn, changed or deleted. */
  setZones(zones: readonly FenceZone[]): void {
    this.engine.setZones(zones);
  }

  /** The tracker's after-write step. */
  async observe(fixes: readonly Fix[], transitions: readonly GeofenceTransition[]) {
    return this.store(this.engine.observe(fixes, transitions));
  }

  async sweep(now = this.deps.now()): Promise<Alert[]> {
    return this.store(this.engine.sweep(now, this.owns ?? undefined));
  }

  private store(drafts: AlertDraft[]): Promise<Alert[]> {
    return storeAlerts(this.deps, this.stats, drafts);
  }
}

/**
 * The enabled rules (of the given kinds, else all), parsed by their kind's contract; a stored
 * rule whose settings no longer validate is skipped, logged and counted.
 */
export async function loadActiveRules(
  deps: { db: Pick<Db, 'prisma'>; logger?: Logger | undefined },
  kinds?: readonly RuleKind[],
): Promise<{ rules: ActiveRule[]; invalid: number }> {
  const rows = await deps.db.prisma.alertRule.findMany({
    where: { enabled: true, ...(kinds ? { kind: { in: [...kinds] } } : {}) },
    include: { organization: { select: { kind: true } } },
  });
  const rules: ActiveRule[] = [];
  let invalid = 0;
  for (const row of rows) {
    const parsed = AlertRuleParamsSchema.safeParse({ kind: row.kind, params: row.params });
    if (!parsed.success) {
      invalid++;
      deps.logger?.warn({ rule: row.id }, 'alert rule with invalid settings skipped');
      continue;
    }
    rules.push({
      ...parsed.data,
      id: row.id,
      organization: { id: row.organizationId, kind: row.organization.kind },
      name: row.name,
      severity: row.severity,
    });
  }
  return { rules, invalid };
}

/**
 * Stores what a monitor raised in one statement and publishes it on the alerts topic, with
 * the names people know its assets, zones and rules by (one read for the batch); a failed
 * store is logged and counted, never thrown (the fixes are stored already).
 */
export async function storeAlerts(
  deps: { db: Pick<Db, 'prisma'>; alerts: Topic<Alert>; logger?: Logger | undefined },
  stats: { raised: number; failedStores: number },
  drafts: readonly AlertDraft[],
): Promise<Alert[]> {
  if (drafts.length === 0) return [];
  try {
    const rows = await deps.db.prisma.alert.createManyAndReturn({
      data: drafts.map((draft) => ({ ...draft, data: draft.data as object })),
    });
    stats.raised += rows.length;
    const alerts = await describeAlerts(deps.db.prisma, rows);
    for (const alert of alerts) deps.alerts.publish(alert);
    return alerts;
  } catch (error) {
    stats.failedStores++;
    deps.logger?.error({ err: error, alerts: drafts.length }, 'alerts not stored');
    return [];
  }
}
