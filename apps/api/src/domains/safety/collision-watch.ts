import { type Fix, METRES_PER_NM, MPS_PER_KNOT, ZoneKindSchema } from '@harbor/shared';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import type { ActiveRule, AlertDraft } from '../alerts/engine.ts';
import { type Approach, approachBetween } from './cpa.ts';
import { ShipGrid } from './ship-grid.ts';

/** What the watch knows of a vessel beyond its fixes: the effective name and AIS ship type. */
export type VesselParticulars = { name: string | null; shipType: number | null };
export type ParticularsOf = (mmsi: string) => VesselParticulars | undefined;

export type CollisionRule = Extract<ActiveRule, { kind: 'COLLISION_RISK' }>;

/** A rule with its limits in metres and seconds and its zone kinds as a bit mask. */
type Limits = {
  rule: CollisionRule;
  zoneMask: number;
  excludedTypes: ReadonlySet<number>;
  cpaM: number;
  tcpaS: number;
  rangeM: number;
  minSpeedKnots: number;
};

type Ship = {
  mmsi: string;
  atMs: number;
  lat: number;
  lon: number;
  speedKnots: number | null;
  /** Course over ground, else the heading; null when neither is known. */
  courseDeg: number | null;
  /** Velocity over ground, metres a second east and north (cpa.ts's ShipTrack). */
  eastMps: number;
  northMps: number;
  /** Speed known, and a course unless it is (nearly) still. */
  hasMotion: boolean;
  /** At a berth or reporting itself moored (AIS status 5). */
  isAlongside: boolean;
  info: VesselParticulars | undefined;
  /** Zones it is in, from the geofence transitions: id -> kind and code; their kinds as bits. */
  zones: Map<string, { kind: string; code: string }>;
  zoneMask: number;
  /**
   * Its open encounters: the other ship -> the ids of the rules that raised them. Both ships
   * of a pair hold the same set.
   */
  raisedWith: Map<Ship, Set<string>>;
  /** The evaluation that last looked at it, so a partner is judged once per fix. */
  seen: number;
};

/** A partner last heard longer ago than this is not dead-reckoned into an encounter (AIS class A at anchor reports every 3 min). */
const STALE_MS = 6 * 60_000;
/** Slower than this a ship's course does not matter. */
const STOPPED_KNOTS = 0.1;
/** An open encounter clears only with this margin past a limit, so noise near it does not raise it again. */
const CLEAR_MARGIN = 1.2;
const KIND_BIT = new Map(ZoneKindSchema.options.map((kind, i) => [kind as string, 1 << i]));
const BERTH_BIT = KIND_BIT.get('BERTH') ?? 0;
const kindMask = (kinds: Iterable<string>) => {
  let mask = 0;
  for (const kind of kinds) mask |= KIND_BIT.get(kind) ?? 0;
  return mask;
};

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
/** A zone a ship is in: its id, kind and code. */
export type ZoneRef = { id: string; kind: string; code: string };

export class CollisionWatch {
  private limits: Limits[] = [];
  private readonly ships = new Map<string, Ship>();
  private grid = new ShipGrid<Ship>(6 * METRES_PER_NM);
  private watchedMask = 0;
  private maxRangeM = 0;
  private evaluation = 0;
  private newestMs = Number.NEGATIVE_INFINITY;
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  /** One approach object reused for every pair. */
  private readonly approach: Approach = { cpaM: 0, tcpaS: null, rangeM: 0, atMs: 0 };
  /** Pairs of ships compared since the watch was made. */
  readonly stats = { comparisons: 0 };

  /** `zonesOf`: the zones a ship is in now, by MMSI (the geofence engine's view). */
  constructor(private readonly zonesOf?: (mmsi: string) => readonly ZoneRef[]) {}

  setRules(rules: readonly ActiveRule[]): void {
    this.limits = rules
      .filter((rule): rule is CollisionRule => rule.kind === 'COLLISION_RISK')
      .map((rule) => ({
        rule,
        zoneMask: kindMask(rule.params.zoneKinds),
        excludedTypes: new Set(rule.params.excludedShipTypes),
        cpaM: rule.params.cpaNm * METRES_PER_NM,
        tcpaS: rule.params.tcpaMinutes * 60,
        rangeM: rule.params.rangeNm * METRES_PER_NM,
        minSpeedKnots: rule.params.minSpeedKnots,
      }));
    const ids = new Set(this.limits.map((limits) => limits.rule.id));
    for (const ship of this.ships.values())
      for (const [other, ruleIds] of ship.raisedWith) {
        for (const id of ruleIds) if (!ids.has(id)) ruleIds.delete(id);
        if (ruleIds.size === 0) this.unlink(ship, other);
      }
    this.watchedMask = this.limits.reduce((mask, limits) => mask | limits.zoneMask, 0);
    this.maxRangeM = Math.max(0, ...this.limits.map((limits) => limits.rangeM));
    this.grid = new ShipGrid<Ship>(this.maxRangeM || 6 * METRES_PER_NM);
    for (const ship of this.ships.values()) this.place(ship);
  }

  /** An encounter alerted before a restart (an open alert), so it is not raised twice. */
  markRaised(ruleId: string, mmsiA: string, mmsiB: string): void {
    this.link(this.shipOf(mmsiA), this.shipOf(mmsiB)).add(ruleId);
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
      const caused = byFix.size === 0 ? undefined : byFix.get(`${fix.assetKey}@${at}`);
      const known = this.ships.get(fix.assetKey);
      // History arriving late changes nothing; a ship outside every zone is not kept.
      if (known && at <= known.atMs) continue;
      // A ship without a fix since the watch started (Harbor restarted, or this tracker took
      // its partition; an open encounter may have named it), already inside zones: the
      // geofences know where it is, and no ENTER will say it again.
      const isFirstFix = !known || known.atMs === Number.NEGATIVE_INFINITY;
      const inside = isFirstFix ? (this.zonesOf?.(fix.assetKey) ?? []) : [];
      if (!known && !caused && inside.length === 0) continue;
      const ship = known ?? this.shipOf(fix.assetKey);
      if (inside.length > 0) {
        for (const zone of inside) ship.zones.set(zone.id, { kind: zone.kind, code: zone.code });
        ship.zoneMask = kindMask(inside.map((zone) => zone.kind));
      }
      if (caused) {
        for (const t of caused) {
          if (t.transition === 'EXIT') ship.zones.delete(t.zoneId);
          else ship.zones.set(t.zoneId, { kind: t.zoneKind, code: t.zoneCode });
        }
        ship.zoneMask = kindMask([...ship.zones.values()].map((zone) => zone.kind));
      }
      this.update(ship, fix, particularsOf);
      if (at > this.newestMs) this.newestMs = at;
      this.place(ship);
      if (this.limits.length > 0) this.evaluate(ship, drafts);
      if (ship.zones.size === 0 && ship.raisedWith.size === 0) this.forget(ship);
    }
    this.sweepStale();
    return drafts;
  }

  private update(ship: Ship, fix: Fix, particularsOf: ParticularsOf): void {
    ship.atMs = fix.fixAt.getTime();
    ship.lat = fix.lat;
    ship.lon = fix.lon;
    ship.speedKnots = fix.speedKnots;
    ship.courseDeg = fix.courseDeg ?? fix.headingDeg;
    const speed = fix.speedKnots ?? 0;
    ship.hasMotion = fix.speedKnots !== null && (ship.courseDeg !== null || speed < STOPPED_KNOTS);
    const mps = ship.hasMotion && speed >= STOPPED_KNOTS ? speed * MPS_PER_KNOT : 0;
    const course = ((ship.courseDeg ?? 0) * Math.PI) / 180;
    ship.eastMps = mps * Math.sin(course);
    ship.northMps = mps * Math.cos(course);
    ship.isAlongside = fix.status === 'MOORED' || (ship.zoneMask & BERTH_BIT) !== 0;
    ship.info = particularsOf(ship.mmsi);
  }

  /** Compares a ship that just reported with every ship near it and those of its open encounters. */
  private evaluate(ship: Ship, drafts: AlertDraft[]): void {
    if (!ship.hasMotion) return;
    const stamp = ++this.evaluation;
    ship.seen = stamp;
    const judge = (other: Ship) => {
      if (other.seen === stamp) return;
      other.seen = stamp;
      if (!other.hasMotion) return;
      this.stats.comparisons++;
      this.judgePair(ship, other, drafts);
    };
    if (this.grid.has(ship)) this.grid.near(ship.lat, ship.lon, this.maxRangeM, judge);
    for (const other of [...ship.raisedWith.keys()]) judge(other);
  }

  private judgePair(ship: Ship, other: Ship, drafts: AlertDraft[]): void {
    const approach = approachBetween(ship, other, this.approach);
    const open = ship.raisedWith.get(other);
    // Most pairs: out of every range, and no encounter open to clear.
    if (!open && approach.rangeM > this.maxRangeM) return;
    const { cpaM, tcpaS, rangeM } = approach;
    const isFresh = ship.atMs - other.atMs <= STALE_MS;
    const shipType = ship.info?.shipType ?? null;
    const otherType = other.info?.shipType ?? null;
    for (const limits of this.limits) {
      const isEncounter =
        isFresh &&
        rangeM <= limits.rangeM &&
        (ship.zoneMask & limits.zoneMask) !== 0 &&
        (other.zoneMask & limits.zoneMask) !== 0 &&
        !(shipType !== null && limits.excludedTypes.has(shipType)) &&
        !(otherType !== null && limits.excludedTypes.has(otherType)) &&
        !(ship.isAlongside && other.isAlongside) &&
        !(
          (ship.speedKnots ?? 0) < limits.minSpeedKnots &&
          (other.speedKnots ?? 0) < limits.minSpeedKnots
        );
      const id = limits.rule.id;
      if (open?.has(id)) {
        const isClear =
          !isEncounter ||
          (rangeM >= limits.cpaM &&
            (tcpaS === null ||
              tcpaS < 0 ||
              cpaM >= limits.cpaM * CLEAR_MARGIN ||
              tcpaS >= limits.tcpaS * CLEAR_MARGIN));
        if (isClear) open.delete(id);
        continue;
      }
      const isRisk =
        isEncounter && tcpaS !== null && tcpaS >= 0 && tcpaS < limits.tcpaS && cpaM < limits.cpaM;
      if (!isRisk) continue;
      (open ?? this.link(ship, other)).add(id);
      drafts.push(draft(limits.rule, ship, other, approach));
    }
    if (open?.size === 0) this.unlink(ship, other);
  }

  private link(ship: Ship, other: Ship): Set<string> {
    let ruleIds = ship.raisedWith.get(other);
    if (!ruleIds) {
      ruleIds = new Set();
      ship.raisedWith.set(other, ruleIds);
      other.raisedWith.set(ship, ruleIds);
    }
    return ruleIds;
  }

  private unlink(ship: Ship, other: Ship): void {
    ship.raisedWith.delete(other);
    other.raisedWith.delete(ship);
  }

  /** In the grid while inside a watched zone and heard within STALE_MS of the newest fix. */
  private place(ship: Ship): void {
    const isWatched =
      this.newestMs - ship.atMs <= STALE_MS && (ship.zoneMask & this.watchedMask) !== 0;
    if (isWatched) this.grid.set(ship, ship.lat, ship.lon);
    else this.grid.delete(ship);
  }

  /** Once a minute of fix time: ships gone silent leave the grid and their encounters (their zones are kept). */
  private sweepStale(): void {
    if (this.newestMs - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = this.newestMs;
    for (const ship of this.ships.values()) {
      if (this.newestMs - ship.atMs <= STALE_MS) continue;
      this.grid.delete(ship);
      for (const other of [...ship.raisedWith.keys()]) this.unlink(ship, other);
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
        eastMps: 0,
        northMps: 0,
        hasMotion: false,
        isAlongside: false,
        info: undefined,
        zones: new Map(),
        zoneMask: 0,
        raisedWith: new Map(),
        seen: 0,
      };
      this.ships.set(mmsi, ship);
    }
    return ship;
  }
}

function draft(rule: CollisionRule, ship: Ship, other: Ship, approach: Approach): AlertDraft {
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
      `Collision risk: ${label(ship)} and ${label(other)}, ` +
      `CPA ${cpaNm.toFixed(2)} nm in ${tcpaMinutes.toFixed(1)} min`,
    data: {
      rule: rule.name,
      cpaNm: round(cpaNm, 3),
      cpaM: Math.round(approach.cpaM),
      tcpaMinutes: round(tcpaMinutes, 1),
      rangeNm: round(approach.rangeM / METRES_PER_NM, 3),
      at: new Date(approach.atMs).toISOString(),
      zoneCode: zone?.[1].code ?? null,
      vessels: [vesselData(ship), vesselData(other)],
    },
    raisedAt: new Date(approach.atMs),
  };
}

function label(ship: Ship): string {
  return ship.info?.name ? `${ship.info.name} (MMSI ${ship.mmsi})` : `MMSI ${ship.mmsi}`;
}

function vesselData(ship: Ship) {
  return {
    mmsi: ship.mmsi,
    name: ship.info?.name ?? null,
    lat: ship.lat,
    lon: ship.lon,
    fixAt: new Date(ship.atMs).toISOString(),
    speedKnots: ship.speedKnots,
    courseDeg: ship.courseDeg,
  };
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
