import { type Fix, METRES_PER_NM } from '@harbor/shared';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import type { ActiveRule, AlertDraft } from '../alerts/engine.ts';
import { type Approach, closestApproach } from './cpa.ts';
import { ShipGrid } from './ship-grid.ts';

/** What the watch knows of a vessel beyond its fixes: the effective name and AIS ship type. */
export type VesselParticulars = { name: string | null; shipType: number | null };
export type ParticularsOf = (mmsi: string) => VesselParticulars | undefined;

export type CollisionRule = Extract<ActiveRule, { kind: 'COLLISION_RISK' }>;

type Ship = {
  mmsi: string;
  atMs: number;
  lat: number;
  lon: number;
  speedKnots: number | null;
  /** Course over ground, else the heading; null when neither is known. */
  courseDeg: number | null;
  status: string | null;
  /** Zones it is in, from the geofence transitions: id -> kind and code. */
  zones: Map<string, { kind: string; code: string }>;
  /** The other ships of its open encounters (any rule). */
  raisedWith: Set<Ship>;
  /** The evaluation that last looked at it, so a partner is judged once per fix. */
  seen: number;
};

/** A partner last heard longer ago than this is not dead-reckoned into an encounter (AIS class A at anchor reports every 3 min). */
const STALE_MS = 6 * 60_000;
/** Slower than this a ship's course does not matter. */
const STOPPED_KNOTS = 0.1;
/** An open encounter clears only with this margin past a limit, so noise near it does not raise it again. */
const CLEAR_MARGIN = 1.2;

/**
 * Collision risk between ships in the port's approach, fairway and anchorages, by the
 * COLLISION_RISK rules. It keeps the latest fix of every vessel and the zones it is in (from
 * the geofence transitions); ships inside a zone of a watched kind sit in a grid of cells as
 * large as the longest range, so each fix is compared only with the ships near it. For each
 * vessel fix, in time order, it computes the CPA and TCPA with every ship within range
 * (cpa.ts) and raises one alert for a pair whose CPA is under the limit within the time
 * limit; the pair stays quiet until the risk clears (they pass and open past the CPA limit,
 * or their CPA or TCPA grows past the limits with a margin, or the pair is no longer an
 * encounter), then may raise again. Not encounters: a pair with a ship of an excluded AIS
 * type (tugs and pilot boats working alongside), both at a berth or moored, both slower than
 * the minimum speed. Every time is a fix time, so a replay raises the same alerts.
 */
export class CollisionWatch {
  private rules: CollisionRule[] = [];
  private readonly ships = new Map<string, Ship>();
  private grid = new ShipGrid<Ship>(6 * METRES_PER_NM);
  private watchedKinds = new Set<string>();
  private maxRangeM = 0;
  /** Open encounters: `ruleId|mmsi|mmsi`, the MMSIs in order. */
  private readonly raised = new Set<string>();
  private evaluation = 0;
  private newestMs = Number.NEGATIVE_INFINITY;
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  /** Pairs of ships compared (CPA computed or ruled out) since the watch was made. */
  readonly stats = { comparisons: 0 };

  setRules(rules: readonly ActiveRule[]): void {
    this.rules = rules.filter((rule): rule is CollisionRule => rule.kind === 'COLLISION_RISK');
    const ids = new Set(this.rules.map((rule) => rule.id));
    for (const key of this.raised) if (!ids.has(key.split('|')[0] ?? '')) this.raised.delete(key);
    this.watchedKinds = new Set(this.rules.flatMap((rule) => rule.params.zoneKinds));
    this.maxRangeM = Math.max(0, ...this.rules.map((rule) => rule.params.rangeNm * METRES_PER_NM));
    this.grid = new ShipGrid<Ship>(this.maxRangeM || 6 * METRES_PER_NM);
    for (const ship of this.ships.values()) this.place(ship);
  }

  /** An encounter alerted before a restart (an open alert), so it is not raised twice. */
  markRaised(ruleId: string, mmsiA: string, mmsiB: string): void {
    this.raised.add(pairKey(ruleId, mmsiA, mmsiB));
    const a = this.shipOf(mmsiA);
    const b = this.shipOf(mmsiB);
    a.raisedWith.add(b);
    b.raisedWith.add(a);
  }

  /** Ships in the grid: inside a zone of a watched kind and heard lately. */
  get watchedShips(): number {
    return this.grid.size;
  }

  /** A committed batch with the transitions it caused; returns the alerts to raise. */
  observe(
    fixes: readonly Fix[],
    transitions: readonly GeofenceTransition[],
    particularsOf: ParticularsOf,
  ): AlertDraft[] {
    const byFix = new Map<string, GeofenceTransition[]>();
    for (const t of transitions) {
      if (t.assetKind !== 'VESSEL') continue;
      const key = `${t.assetKey}@${t.at.getTime()}`;
      const list = byFix.get(key);
      if (list) list.push(t);
      else byFix.set(key, [t]);
    }
    const drafts: AlertDraft[] = [];
    const ordered = [...fixes].sort((a, b) => a.fixAt.getTime() - b.fixAt.getTime());
    for (const fix of ordered) {
      if (fix.assetKind !== 'VESSEL') continue;
      const at = fix.fixAt.getTime();
      const caused = byFix.get(`${fix.assetKey}@${at}`);
      const known = this.ships.get(fix.assetKey);
      // History arriving late changes nothing; a ship outside every zone is not kept.
      if (known && at <= known.atMs) continue;
      if (!known && !caused) continue;
      const ship = known ?? this.shipOf(fix.assetKey);
      for (const t of caused ?? []) {
        if (t.transition === 'EXIT') ship.zones.delete(t.zoneId);
        else ship.zones.set(t.zoneId, { kind: t.zoneKind, code: t.zoneCode });
      }
      ship.atMs = at;
      ship.lat = fix.lat;
      ship.lon = fix.lon;
      ship.speedKnots = fix.speedKnots;
      ship.courseDeg = fix.courseDeg ?? fix.headingDeg;
      ship.status = fix.status;
      if (at > this.newestMs) this.newestMs = at;
      this.place(ship);
      if (this.rules.length > 0) this.evaluate(ship, particularsOf, drafts);
      if (ship.zones.size === 0 && ship.raisedWith.size === 0) this.forget(ship);
    }
    this.sweepStale();
    return drafts;
  }

  /** Compares a ship that just reported with every ship near it and those of its open encounters. */
  private evaluate(ship: Ship, particularsOf: ParticularsOf, drafts: AlertDraft[]): void {
    if (!hasMotion(ship)) return;
    const stamp = ++this.evaluation;
    ship.seen = stamp;
    const judge = (other: Ship) => {
      if (other.seen === stamp) return;
      other.seen = stamp;
      if (!hasMotion(other)) return;
      this.stats.comparisons++;
      this.judgePair(ship, other, particularsOf, drafts);
    };
    if (this.grid.has(ship)) this.grid.near(ship.lat, ship.lon, this.maxRangeM, judge);
    for (const other of [...ship.raisedWith]) judge(other);
  }

  private judgePair(
    ship: Ship,
    other: Ship,
    particularsOf: ParticularsOf,
    drafts: AlertDraft[],
  ): void {
    const shipInfo = particularsOf(ship.mmsi);
    const otherInfo = particularsOf(other.mmsi);
    const isFresh = ship.atMs - other.atMs <= STALE_MS;
    let approach: Approach | null = null;
    for (const rule of this.rules) {
      const { params } = rule;
      const key = pairKey(rule.id, ship.mmsi, other.mmsi);
      const isEncounter =
        isFresh &&
        isInZones(ship, params.zoneKinds) &&
        isInZones(other, params.zoneKinds) &&
        !isExcluded(shipInfo, params.excludedShipTypes) &&
        !isExcluded(otherInfo, params.excludedShipTypes) &&
        !(isAlongside(ship) && isAlongside(other)) &&
        !(
          (ship.speedKnots ?? 0) < params.minSpeedKnots &&
          (other.speedKnots ?? 0) < params.minSpeedKnots
        );
      if (!isEncounter) {
        this.raised.delete(key);
        continue;
      }
      approach ??= closestApproach(motionOf(ship), motionOf(other));
      const cpaLimitM = params.cpaNm * METRES_PER_NM;
      const tcpaLimitS = params.tcpaMinutes * 60;
      const { cpaM, tcpaS, rangeM } = approach;
      const inRange = rangeM <= params.rangeNm * METRES_PER_NM;
      const isRisk =
        inRange && tcpaS !== null && tcpaS >= 0 && tcpaS < tcpaLimitS && cpaM < cpaLimitM;
      if (this.raised.has(key)) {
        const isClear =
          !inRange ||
          (rangeM >= cpaLimitM &&
            (tcpaS === null ||
              tcpaS < 0 ||
              cpaM >= cpaLimitM * CLEAR_MARGIN ||
              tcpaS >= tcpaLimitS * CLEAR_MARGIN));
        if (isClear) this.raised.delete(key);
        continue;
      }
      if (!isRisk) continue;
      this.raised.add(key);
      ship.raisedWith.add(other);
      other.raisedWith.add(ship);
      drafts.push(this.draft(rule, ship, other, shipInfo, otherInfo, approach));
    }
    if (ship.raisedWith.has(other) && !this.isOpen(ship, other)) this.unlink(ship, other);
  }

  private draft(
    rule: CollisionRule,
    ship: Ship,
    other: Ship,
    shipInfo: VesselParticulars | undefined,
    otherInfo: VesselParticulars | undefined,
    approach: Approach,
  ): AlertDraft {
    const cpaNm = approach.cpaM / METRES_PER_NM;
    const tcpaMinutes = (approach.tcpaS ?? 0) / 60;
    const zone = [...ship.zones].find(([, z]) => rule.params.zoneKinds.includes(z.kind as never));
    return {
      organizationId: rule.organization.id,
      ruleId: rule.id,
      kind: 'COLLISION_RISK',
      severity: rule.severity,
      assetKind: 'VESSEL',
      assetKey: ship.mmsi,
      zoneId: zone?.[0] ?? null,
      message:
        `Collision risk: ${label(ship, shipInfo)} and ${label(other, otherInfo)}, ` +
        `CPA ${cpaNm.toFixed(2)} nm in ${tcpaMinutes.toFixed(1)} min`,
      data: {
        rule: rule.name,
        cpaNm: round(cpaNm, 3),
        cpaM: Math.round(approach.cpaM),
        tcpaMinutes: round(tcpaMinutes, 1),
        rangeNm: round(approach.rangeM / METRES_PER_NM, 3),
        at: new Date(approach.atMs).toISOString(),
        zoneCode: zone?.[1].code ?? null,
        vessels: [vesselData(ship, shipInfo), vesselData(other, otherInfo)],
      },
      raisedAt: new Date(approach.atMs),
    };
  }

  /** Whether any rule has an open encounter of the two. */
  private isOpen(ship: Ship, other: Ship): boolean {
    return this.rules.some((rule) => this.raised.has(pairKey(rule.id, ship.mmsi, other.mmsi)));
  }

  private unlink(ship: Ship, other: Ship): void {
    ship.raisedWith.delete(other);
    other.raisedWith.delete(ship);
  }

  /** In the grid while inside a watched zone and heard within STALE_MS of the newest fix. */
  private place(ship: Ship): void {
    const isWatched =
      this.newestMs - ship.atMs <= STALE_MS &&
      [...ship.zones.values()].some((zone) => this.watchedKinds.has(zone.kind));
    if (isWatched) this.grid.set(ship, ship.lat, ship.lon);
    else this.grid.delete(ship);
  }

  /** Once a minute of fix time: ships gone silent leave the grid (their zones are kept). */
  private sweepStale(): void {
    if (this.newestMs - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = this.newestMs;
    for (const ship of this.ships.values()) {
      if (this.newestMs - ship.atMs <= STALE_MS) continue;
      this.grid.delete(ship);
      for (const other of [...ship.raisedWith]) {
        for (const rule of this.rules) this.raised.delete(pairKey(rule.id, ship.mmsi, other.mmsi));
        this.unlink(ship, other);
      }
      if (ship.zones.size === 0) this.forget(ship);
    }
  }

  private forget(ship: Ship): void {
    this.grid.delete(ship);
    this.ships.delete(ship.mmsi);
  }

  private shipOf(mmsi: string): Ship {
    let ship = this.ships.get(mmsi);
    if (!ship) {
      ship = {
        mmsi,
        atMs: Number.NEGATIVE_INFINITY,
        lat: 0,
        lon: 0,
        speedKnots: null,
        courseDeg: null,
        status: null,
        zones: new Map(),
        raisedWith: new Set(),
        seen: 0,
      };
      this.ships.set(mmsi, ship);
    }
    return ship;
  }
}

function pairKey(ruleId: string, a: string, b: string): string {
  return a < b ? `${ruleId}|${a}|${b}` : `${ruleId}|${b}|${a}`;
}

/** Speed known, and a course unless it is (nearly) still. */
function hasMotion(ship: Ship): boolean {
  return (
    ship.speedKnots !== null &&
    Number.isFinite(ship.atMs) &&
    (ship.courseDeg !== null || ship.speedKnots < STOPPED_KNOTS)
  );
}

function motionOf(ship: Ship) {
  return {
    lat: ship.lat,
    lon: ship.lon,
    atMs: ship.atMs,
    speedKnots: ship.speedKnots ?? 0,
    courseDeg: ship.courseDeg ?? 0,
  };
}

function isInZones(ship: Ship, kinds: readonly string[]): boolean {
  for (const zone of ship.zones.values()) if (kinds.includes(zone.kind)) return true;
  return false;
}

function isExcluded(info: VesselParticulars | undefined, types: readonly number[]): boolean {
  const type = info?.shipType;
  return type !== undefined && type !== null && types.includes(type);
}

/** At a berth or reporting itself moored (AIS status 5). */
function isAlongside(ship: Ship): boolean {
  if (ship.status === 'MOORED') return true;
  for (const zone of ship.zones.values()) if (zone.kind === 'BERTH') return true;
  return false;
}

function label(ship: Ship, info: VesselParticulars | undefined): string {
  return info?.name ? `${info.name} (MMSI ${ship.mmsi})` : `MMSI ${ship.mmsi}`;
}

function vesselData(ship: Ship, info: VesselParticulars | undefined) {
  return {
    mmsi: ship.mmsi,
    name: info?.name ?? null,
    lat: ship.lat,
    lon: ship.lon,
    fixAt: new Date(ship.atMs).toISOString(),
    speedKnots: ship.speedKnots,
    courseDeg: ship.courseDeg,
  };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
