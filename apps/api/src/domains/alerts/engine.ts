import {
  type AlertRuleParams,
  type AlertSeverity,
  type AssetKind,
  assetId,
  type Fix,
  knotsToKmh,
  type OrganizationKind,
  type RuleKind,
  watchesZone,
} from '@harbor/shared';
import type { FenceZone, GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { canSeeAsset } from '../auth/scope.ts';

/** An enabled rule as the engine runs it. */
export type ActiveRule = AlertRuleParams & {
  id: string;
  /** A rule watches what its organization may see (auth/scope.ts): the port authority's, every fleet. */
  organization: { id: string; kind: OrganizationKind };
  name: string;
  severity: AlertSeverity;
};

/** An alert the engine decided to raise; the monitor stores and streams it. */
export type AlertDraft = {
  organizationId: string;
  ruleId: string;
  kind: RuleKind;
  severity: AlertSeverity;
  assetKind: AssetKind;
  assetKey: string;
  zoneId: string | null;
  message: string;
  data: Record<string, unknown>;
  raisedAt: Date;
};

type Asset = { assetKind: AssetKind; assetKey: string };
type AssetState = {
  lastFixMs: number;
  /**
   * When Harbor last received a report of it: AIS silence is about not being heard, so a
   * feed replayed or relayed late still counts as hearing the vessel.
   */
  lastHeardMs: number;
  /** Zone id -> when the asset entered it (fix time). */
  zones: Map<string, number>;
  /** Whether its zones were taken from the geofences (at its first fix since start). */
  hasZones: boolean;
  underway: boolean;
  /** An AIS silence alert is open for it: the next fix clears it. */
  isSilent: boolean;
};

const UNDERWAY_STATUSES = new Set(['UNDER_WAY_USING_ENGINE', 'UNDER_WAY_SAILING']);
/** Slower than this with no usable AIS status, a vessel counts as stopped. */
const MOVING_KNOTS = 0.5;

const idOf = (asset: Asset) => assetId(asset.assetKind, asset.assetKey);
const label = (asset: Asset) =>
  asset.assetKind === 'VESSEL' ? `Vessel MMSI ${asset.assetKey}` : `Truck ${asset.assetKey}`;
const minutes = (ms: number) => Math.floor(ms / 60_000);

/**
 * Turns committed fixes and geofence transitions into alerts, by the organizations' rules.
 * Event rules (restricted area, speeding) are checked per fix in time order; time rules (AIS
 * silence, dwell) also by `sweep`, on a clock, since silence is the absence of fixes. A
 * condition raises one alert and stays quiet until it clears (the speed drops, the asset
 * leaves the zone, the vessel is heard again), then may raise again.
 */
export class AlertEngine {
  private rules: ActiveRule[] = [];
  private readonly assets = new Map<string, AssetState>();
  private readonly raised = new Set<string>();
  private zones = new Map<string, FenceZone>();

  constructor(
    zones: readonly FenceZone[],
    /** The organization owning a vehicle (null if unknown); vessels are port data. */
    private readonly ownerOf: (assetKind: AssetKind, assetKey: string) => string | null,
    /**
     * The zones an asset is in and since when (the geofence engine's), for an asset met
     * after a restart or a takeover, already inside: no ENTER will tell of them again.
     */
    private readonly zonesIn?: (
      assetKind: AssetKind,
      assetKey: string,
    ) => readonly { id: string; enteredAtMs: number }[],
  ) {
    this.setZones(zones);
  }

  /**
   * The zones as they are now (one drawn, changed or deleted while Harbor runs): their limits
   * apply from the next fix; an asset is no longer held in a zone that is gone.
   */
  setZones(zones: readonly FenceZone[]): void {
    this.zones = new Map(zones.map((zone) => [zone.id, zone]));
    for (const state of this.assets.values())
      for (const zoneId of state.zones.keys())
        if (!this.zones.has(zoneId)) state.zones.delete(zoneId);
  }

  setRules(rules: readonly ActiveRule[]): void {
    this.rules = [...rules];
    const ids = new Set(rules.map((rule) => rule.id));
    for (const key of this.raised) if (!ids.has(key.split('|')[0] ?? '')) this.raised.delete(key);
  }

  /** A condition already alerted before a restart (an open alert), so it is not raised twice. */
  markRaised(ruleId: string, asset: Asset, zoneId: string | null): void {
    this.raised.add(this.conditionKey(ruleId, asset, zoneId));
    if (zoneId === null) this.stateOf(asset).isSilent = true;
  }

  /** Starting state from the stored latest positions: who was last heard when, and moving or not. */
  remember(position: Asset & { fixAt: Date; speedKnots: number | null; status: string | null }) {
    const state = this.stateOf(position);
    const at = position.fixAt.getTime();
    // A stored position carries no receipt time; it was heard no earlier than it was taken.
    state.lastHeardMs = Math.max(state.lastHeardMs, at);
    if (at <= state.lastFixMs) return;
    state.lastFixMs = at;
    state.underway = isUnderway(position);
  }

  /** A committed batch with the transitions it caused; returns the alerts to raise. */
  observe(fixes: readonly Fix[], transitions: readonly GeofenceTransition[]): AlertDraft[] {
    const byFix = new Map<string, GeofenceTransition[]>();
    const noTransitions: GeofenceTransition[] = [];
    for (const t of transitions) {
      const key = `${idOf(t)}@${t.at.getTime()}`;
      byFix.set(key, [...(byFix.get(key) ?? []), t]);
    }
    const drafts: AlertDraft[] = [];
    const ordered = [...fixes].sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime());
    for (const fix of ordered) {
      const state = this.stateOf(fix);
      const at = fix.fixAt.getTime();
      const heardMs = fix.receivedAt.getTime();
      if (heardMs > state.lastHeardMs) {
        state.lastHeardMs = heardMs;
        if (state.isSilent) {
          state.isSilent = false;
          this.clearKind('AIS_SILENCE', fix);
        }
      }
      // History arriving late changes nothing else that is happening now.
      if (at <= state.lastFixMs) continue;
      if (!state.hasZones) {
        state.hasZones = true;
        for (const zone of this.zonesIn?.(fix.assetKind, fix.assetKey) ?? [])
          if (!state.zones.has(zone.id)) state.zones.set(zone.id, zone.enteredAtMs);
      }
      state.lastFixMs = at;
      state.underway = isUnderway(fix);
      const caused =
        byFix.size === 0 ? noTransitions : (byFix.get(`${idOf(fix)}@${at}`) ?? noTransitions);
      for (const t of caused) {
        if (t.transition === 'EXIT') {
          state.zones.delete(t.zoneId);
          this.clearZone(fix, t.zoneId);
        } else {
          state.zones.set(t.zoneId, at);
          this.onEnter(fix, t, drafts);
        }
      }
      this.checkSpeed(fix, state, drafts);
      this.checkDwell(fix, state, at, drafts);
    }
    return drafts;
  }

  /**
   * The clock's part: vessels gone silent and assets overstaying, as of `now`, among the
   * assets `isMine` accepts (a tracker's own partitions; the others are another's to judge).
   */
  sweep(now: Date, isMine?: (assetKind: AssetKind, assetKey: string) => boolean): AlertDraft[] {
    const drafts: AlertDraft[] = [];
    const nowMs = now.getTime();
    for (const [id, state] of this.assets) {
      const [assetKind, assetKey] = splitId(id);
      if (isMine && !isMine(assetKind, assetKey)) continue;
      const asset = { assetKind, assetKey };
      this.checkDwell(asset, state, nowMs, drafts);
      if (assetKind !== 'VESSEL' || !state.underway) continue;
      const silentMs = nowMs - state.lastHeardMs;
      for (const rule of this.rulesFor('AIS_SILENCE', asset)) {
        if (rule.kind !== 'AIS_SILENCE' || silentMs < rule.params.silenceMinutes * 60_000) continue;
        state.isSilent = true;
        const draft = this.raise(rule, asset, null, now, {
          message: `${label(asset)} not heard for ${minutes(silentMs)} min while under way`,
          data: {
            lastHeardAt: new Date(state.lastHeardMs).toISOString(),
            silentMinutes: minutes(silentMs),
          },
        });
        if (draft) drafts.push(draft);
      }
    }
    return drafts;
  }

  /** Adds to `drafts` the alerts an entry raises (as checkSpeed and checkDwell: no array per fix). */
  private onEnter(fix: Fix, t: GeofenceTransition, drafts: AlertDraft[]): void {
    for (const rule of this.rulesFor('RESTRICTED_AREA', fix)) {
      if (
        rule.kind !== 'RESTRICTED_AREA' ||
        !watchesZone(rule.params, { id: t.zoneId, kind: t.zoneKind })
      )
        continue;
      // Every entry is its own alert: nothing to remember until it clears.
      const draft = this.raise(rule, fix, t.zoneId, fix.fixAt, {
        message: `${label(fix)} entered ${t.zoneCode}`,
        data: { zoneCode: t.zoneCode, zoneKind: t.zoneKind, lat: fix.lat, lon: fix.lon },
        everyTime: true,
      });
      if (draft) drafts.push(draft);
    }
  }

  private checkSpeed(fix: Fix, state: AssetState, drafts: AlertDraft[]): void {
    if (state.zones.size === 0) return;
    const rules = this.rulesFor('SPEEDING', fix);
    const speed = speedOf(fix);
    for (const zoneId of state.zones.keys()) {
      const zone = this.zones.get(zoneId);
      if (!zone) continue;
      for (const rule of rules) {
        if (rule.kind !== 'SPEEDING' || !watchesZone(rule.params, zone)) continue;
        const limit =
          fix.assetKind === 'VEHICLE'
            ? (rule.params.limitKmh ?? zone.speedLimitKmh ?? null)
            : (rule.params.limitKnots ?? zone.speedLimitKnots ?? null);
        if (limit === null) continue;
        const key = this.conditionKey(rule.id, fix, zoneId);
        if (speed === null || speed.value <= limit) {
          this.raised.delete(key);
          continue;
        }
        const draft = this.raise(rule, fix, zoneId, fix.fixAt, {
          message: `${label(fix)} at ${speed.value.toFixed(1)} ${speed.unit} in ${zone.code} (limit ${limit} ${speed.unit})`,
          data:
            speed.unit === 'km/h'
              ? { zoneCode: zone.code, speedKmh: speed.value, limitKmh: limit }
              : { zoneCode: zone.code, speedKnots: speed.value, limitKnots: limit },
        });
        if (draft) drafts.push(draft);
      }
    }
  }

  private checkDwell(asset: Asset, state: AssetState, atMs: number, drafts: AlertDraft[]): void {
    if (state.zones.size === 0) return;
    const rules = this.rulesFor('DWELL', asset);
    for (const [zoneId, enteredMs] of state.zones) {
      const zone = this.zones.get(zoneId);
      if (!zone) continue;
      for (const rule of rules) {
        if (rule.kind !== 'DWELL' || !watchesZone(rule.params, zone)) continue;
        const stayedMs = atMs - enteredMs;
        if (stayedMs < rule.params.maxMinutes * 60_000) continue;
        const draft = this.raise(rule, asset, zoneId, new Date(atMs), {
          message: `${label(asset)} in ${zone.code} for ${minutes(stayedMs)} min (limit ${rule.params.maxMinutes} min)`,
          data: {
            zoneCode: zone.code,
            enteredAt: new Date(enteredMs).toISOString(),
            minutes: minutes(stayedMs),
          },
        });
        if (draft) drafts.push(draft);
      }
    }
  }

  private raise(
    rule: ActiveRule,
    asset: Asset,
    zoneId: string | null,
    at: Date,
    detail: { message: string; data: Record<string, unknown>; everyTime?: boolean },
  ): AlertDraft | null {
    if (!detail.everyTime) {
      const key = this.conditionKey(rule.id, asset, zoneId);
      if (this.raised.has(key)) return null;
      this.raised.add(key);
    }
    return {
      organizationId: rule.organization.id,
      ruleId: rule.id,
      kind: rule.kind,
      severity: rule.severity,
      assetKind: asset.assetKind,
      assetKey: asset.assetKey,
      zoneId,
      message: detail.message,
      data: { rule: rule.name, ...detail.data },
      raisedAt: at,
    };
  }

  /** The rules of a kind that watch this asset. */
  private rulesFor(kind: RuleKind, asset: Asset): ActiveRule[] {
    const owner = {
      assetKind: asset.assetKind,
      organizationId:
        asset.assetKind === 'VEHICLE' ? this.ownerOf('VEHICLE', asset.assetKey) : null,
    };
    return this.rules.filter((rule) => {
      if (rule.kind !== kind) return false;
      if ('assetKinds' in rule.params && !rule.params.assetKinds.includes(asset.assetKind))
        return false;
      if (rule.kind === 'AIS_SILENCE' && asset.assetKind !== 'VESSEL') return false;
      return canSeeAsset(rule, owner);
    });
  }

  private clearKind(kind: RuleKind, asset: Asset): void {
    for (const rule of this.rules)
      if (rule.kind === kind) this.raised.delete(this.conditionKey(rule.id, asset, null));
  }

  private clearZone(asset: Asset, zoneId: string): void {
    for (const rule of this.rules) {
      if (rule.kind === 'SPEEDING' || rule.kind === 'DWELL')
        this.raised.delete(this.conditionKey(rule.id, asset, zoneId));
    }
  }

  private conditionKey(ruleId: string, asset: Asset, zoneId: string | null): string {
    return `${ruleId}|${idOf(asset)}|${zoneId ?? ''}`;
  }

  private stateOf(asset: Asset): AssetState {
    const id = idOf(asset);
    let state = this.assets.get(id);
    if (!state) {
      state = {
        lastFixMs: Number.NEGATIVE_INFINITY,
        lastHeardMs: Number.NEGATIVE_INFINITY,
        zones: new Map(),
        hasZones: false,
        underway: false,
        isSilent: false,
      };
      this.assets.set(id, state);
    }
    return state;
  }
}

function isUnderway(fix: {
  assetKind: AssetKind;
  speedKnots: number | null;
  status: string | null;
}) {
  if (fix.assetKind !== 'VESSEL') return false;
  if (fix.status && UNDERWAY_STATUSES.has(fix.status)) return true;
  const noStatus = fix.status === null || fix.status === 'NOT_DEFINED';
  return noStatus && (fix.speedKnots ?? 0) >= MOVING_KNOTS;
}

/**
 * A fix's speed in the unit its limits are posted in: a vessel's in knots as AIS gives it; a
 * truck's in km/h, as its JT/T 808 terminal reported it. The gateway stored that as knots
 * (rounded to 0.01 kn); converting back and rounding to the report's 0.1 km/h (the JT/T 808
 * location report 0x0200 gives speed in 1/10 km/h) gives the reported figure again, so a truck at exactly the
 * limit is not over it.
 */
export function speedOf(fix: Pick<Fix, 'assetKind' | 'speedKnots'>): {
  value: number;
  unit: 'kn' | 'km/h';
} | null {
  if (fix.speedKnots === null) return null;
  if (fix.assetKind === 'VESSEL') return { value: fix.speedKnots, unit: 'kn' };
  return { value: Math.round(knotsToKmh(fix.speedKnots) * 10) / 10, unit: 'km/h' };
}

function splitId(id: string): [AssetKind, string] {
  const colon = id.indexOf(':');
  return [id.slice(0, colon) as AssetKind, id.slice(colon + 1)];
}
