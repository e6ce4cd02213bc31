import type { Db, VesselVisitStatus } from '@harbor/db';
import { distanceM, type Fix, METRES_PER_NM, OPEN_VISIT_STATUSES } from '@harbor/shared';
import type { Logger } from 'pino';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { effectiveParticulars } from '../vessels/particulars.ts';
import { ensureVessel } from '../vessels/static-data.ts';
import {
  APPROACH_RADIUS_NM,
  approachEta,
  isHarbourCraft,
  loadPortGeometry,
  MIN_SOG_KNOTS,
  mmsiOf,
  type PortGeometry,
  type ZoneInfo,
} from './approach.ts';

type WorkingVisit = {
  id: string | null;
  vesselId: string;
  portId: string;
  terminalId: string | null;
  berthId: string | null;
  status: VesselVisitStatus;
  eta: Date | null;
  anchoredAt: Date | null;
  /** The fields to write at the end of the batch. */
  changes: Record<string, unknown>;
};

export type VisitTrackerStats = {
  approaching: number;
  anchored: number;
  berthed: number;
  departed: number;
  unplanned: number;
  failed: number;
};

type Event = { at: number; order: number } & (
  | { type: 'transition'; transition: GeofenceTransition; zone: ZoneInfo }
  | { type: 'fix'; fix: Fix }
);

const RANK: Record<string, number> = { BERTHED: 0, AT_ANCHOR: 1, APPROACHING: 2, PLANNED: 3 };

/**
 * Matches vessel visits to the AIS track, fed after each committed tracker batch:
 * ENTER an anchorage of the port: AT_ANCHOR (anchoredAt, the first time); under way
 * towards the visit's terminal within APPROACH_RADIUS_NM: APPROACHING with a predicted ETA
 * (straight-line distance to the planned berth, else the terminal, over speed over ground;
 * fine over open water, optimistic along a winding channel); ENTER a berth: BERTHED (ata,
 * berthId becomes the actual berth; plannedBerthId keeps the plan, so a berth other than
 * planned shows on the visit and its timeline); EXIT the berth: DEPARTED (atd). A vessel berthing with no open
 * visit gets an unplanned visit (no schedule, status BERTHED), created with the vessel if
 * Harbor has never seen its MMSI; harbour craft (tugs, pilots) get none. A vessel moving
 * between adjacent berths (an exit and an entry at one fix) shifts berth, it does not
 * depart. All times are fix times, so a replayed track gives the same visit.
 */
export class VisitTracker {
  readonly stats: VisitTrackerStats = {
    approaching: 0,
    anchored: 0,
    berthed: 0,
    departed: 0,
    unplanned: 0,
    failed: 0,
  };
  private geometry: PortGeometry = {
    zones: new Map(),
    berthCentres: new Map(),
    terminalCentres: new Map(),
  };
  /** MMSIs inside an anchorage now, from the transitions seen. */
  private readonly anchored = new Set<number>();
  private readonly lastDistance = new Map<number, number>();

  constructor(private readonly deps: { db: Pick<Db, 'prisma'>; logger?: Logger }) {}

  async load(): Promise<void> {
    this.geometry = await loadPortGeometry(this.deps.db);
  }

  /** The tracker's after-write step; a failure for one vessel is logged and counted, never thrown. */
  async observe(fixes: readonly Fix[], transitions: readonly GeofenceTransition[]): Promise<void> {
    const events = new Map<number, Event[]>();
    const push = (mmsi: number, event: Event) => {
      const list = events.get(mmsi) ?? [];
      list.push(event);
      events.set(mmsi, list);
    };
    transitions.forEach((transition, order) => {
      const zone = this.geometry.zones.get(transition.zoneId);
      const mmsi = mmsiOf(transition.assetKind, transition.assetKey);
      if (zone && mmsi)
        push(mmsi, { type: 'transition', transition, zone, at: transition.at.getTime(), order });
    });
    for (const fix of fixes) {
      const mmsi = mmsiOf(fix.assetKind, fix.assetKey);
      if (mmsi && (fix.speedKnots ?? 0) > MIN_SOG_KNOTS && this.nearAnyTerminal(fix))
        push(mmsi, { type: 'fix', fix, at: fix.fixAt.getTime(), order: Number.MAX_SAFE_INTEGER });
    }
    if (events.size === 0) return;
    const open = await this.deps.db.prisma.vesselVisit.findMany({
      where: {
        status: { in: [...OPEN_VISIT_STATUSES] },
        vessel: { mmsi: { in: [...events.keys()] } },
      },
      include: { vessel: { select: { mmsi: true } } },
    });
    for (const [mmsi, list] of events) {
      list.sort((a, b) => a.at - b.at || a.order - b.order);
      try {
        const candidates = open
          .filter((visit) => visit.vessel.mmsi === mmsi)
          .map(({ id, vesselId, portId, terminalId, berthId, status, eta, anchoredAt }) => ({
            ...{ id, vesselId, portId, terminalId, berthId, status, eta, anchoredAt },
            changes: {},
          }));
        await this.track(mmsi, list, candidates);
      } catch (error) {
        this.stats.failed++;
        this.deps.logger?.error(
          { err: error, mmsi },
          'vessel visit not updated from the AIS track',
        );
      }
    }
  }

  private nearAnyTerminal(fix: Fix): boolean {
    for (const centre of this.geometry.terminalCentres.values())
      if (distanceM([fix.lon, fix.lat], centre) <= APPROACH_RADIUS_NM * METRES_PER_NM) return true;
    return false;
  }

  private async track(mmsi: number, events: Event[], candidates: WorkingVisit[]) {
    const pick = (portId: string | null): WorkingVisit | null => {
      const sorted = candidates
        .filter((visit) => (portId === null || visit.portId === portId) && isOpen(visit.status))
        .sort(
          (a, b) =>
            (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) ||
            (a.eta?.getTime() ?? Infinity) - (b.eta?.getTime() ?? Infinity),
        );
      return sorted[0] ?? null;
    };
    const touched = new Set<WorkingVisit>();
    const change = (visit: WorkingVisit, data: Record<string, unknown>) => {
      Object.assign(visit, data);
      Object.assign(visit.changes, data);
      touched.add(visit);
    };
    for (const [i, event] of events.entries()) {
      if (event.type === 'fix') {
        this.approach(mmsi, event.fix, pick(null), change);
        continue;
      }
      const { transition, zone } = event;
      const at = transition.at;
      if (zone.kind === 'ANCHORAGE') {
        if (transition.transition === 'EXIT') {
          this.anchored.delete(mmsi);
          continue;
        }
        this.anchored.add(mmsi);
        const visit = pick(zone.portId);
        if (visit && (visit.status === 'PLANNED' || visit.status === 'APPROACHING')) {
          change(visit, { status: 'AT_ANCHOR', ...(visit.anchoredAt ? {} : { anchoredAt: at }) });
          this.stats.anchored++;
        }
        continue;
      }
      const berth = zone.berth;
      if (!berth) continue;
      if (transition.transition === 'EXIT') {
        // An exit and an entry at the same fix is a shift along the quay, not a departure.
        const shifting = events.some(
          (other, j) =>
            j > i &&
            other.at === event.at &&
            other.type === 'transition' &&
            other.transition.transition === 'ENTER' &&
            other.zone.kind === 'BERTH',
        );
        const visit = pick(zone.portId);
        if (!shifting && visit?.status === 'BERTHED' && visit.berthId === berth.id) {
          change(visit, { status: 'DEPARTED', atd: at });
          this.stats.departed++;
        }
        continue;
      }
      let visit = pick(zone.portId);
      if (!visit) {
        visit = await this.unplannedVisit(mmsi, zone.portId);
        if (!visit) continue;
        candidates.push(visit);
        this.stats.unplanned++;
      }
      if (visit.status === 'BERTHED') {
        change(visit, { berthId: berth.id, terminalId: berth.terminalId });
        continue;
      }
      change(visit, {
        status: 'BERTHED',
        ata: at,
        berthId: berth.id,
        terminalId: berth.terminalId,
      });
      this.stats.berthed++;
    }
    await this.save(touched);
  }

  private approach(
    mmsi: number,
    fix: Fix,
    visit: WorkingVisit | null,
    change: (visit: WorkingVisit, data: Record<string, unknown>) => void,
  ) {
    if (!visit?.terminalId) return;
    const leftAnchorage = visit.status === 'AT_ANCHOR' && !this.anchored.has(mmsi);
    if (visit.status !== 'PLANNED' && visit.status !== 'APPROACHING' && !leftAnchorage) return;
    const terminal = this.geometry.terminalCentres.get(visit.terminalId);
    const target = (visit.berthId && this.geometry.berthCentres.get(visit.berthId)) || terminal;
    if (!terminal || !target) return;
    const { predictedEtaMs, distanceM: toTargetM } = approachEta({
      at: [fix.lon, fix.lat],
      fixAtMs: fix.fixAt.getTime(),
      speedKnots: fix.speedKnots,
      courseDeg: fix.courseDeg,
      terminal,
      target,
      previousDistanceM: this.lastDistance.get(mmsi),
    });
    this.lastDistance.set(mmsi, toTargetM);
    if (predictedEtaMs === null) return;
    if (visit.status !== 'APPROACHING') this.stats.approaching++;
    change(visit, { status: 'APPROACHING', predictedEta: new Date(predictedEtaMs) });
  }

  /** A new visit for a vessel berthing unannounced; none for harbour craft working the berths. */
  private async unplannedVisit(mmsi: number, portId: string): Promise<WorkingVisit | null> {
    const vessel = await ensureVessel(this.deps.db.prisma, mmsi);
    // The curated ship type, else the AIS one: a spoofed type 5 cannot make a ship a tug.
    if (isHarbourCraft(effectiveParticulars(vessel).shipType)) return null;
    return {
      id: null,
      vesselId: vessel.id,
      portId,
      terminalId: null,
      berthId: null,
      status: 'PLANNED',
      eta: null,
      anchoredAt: null,
      changes: {},
    };
  }

  private async save(touched: Set<WorkingVisit>) {
    const prisma = this.deps.db.prisma;
    for (const visit of touched) {
      if (visit.id === null) {
        const created = await prisma.vesselVisit.create({
          data: { vesselId: visit.vesselId, portId: visit.portId, ...visit.changes },
        });
        visit.id = created.id;
      } else {
        await prisma.vesselVisit.update({ where: { id: visit.id }, data: visit.changes });
      }
    }
  }
}

function isOpen(status: VesselVisitStatus): boolean {
  return (OPEN_VISIT_STATUSES as readonly string[]).includes(status);
}
