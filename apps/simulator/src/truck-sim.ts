import { distanceM, type LonLat, normalizeDeg } from '@harbor/shared';
import { offsetM } from './geodesy.ts';
import { frameOf, type Port, type Terminal, yardDepthM } from './geography.ts';
import type { Random } from './random.ts';
import type { TruckFix, TruckReport } from './reports.ts';
import { OFF_DOCK, type RoadClass, roadNode, route, terminalsOf } from './road-network.ts';
import { type Motion, Track } from './track.ts';

/** A truck and its JT/T 808 terminal as registered (0x0100, §8.5). */
export type Vehicle = {
  terminalPhone: string;
  plate: string;
  /** Plate colour (JT/T 415): 2 yellow, as on heavy goods vehicles. */
  plateColor: number;
  manufacturerId: string;
  terminalModel: string;
  terminalId: string;
  /** The port whose terminals and depots the truck works. */
  port: Port;
};

export type TruckState = { roadClass: RoadClass | 'stop'; isAccOn: boolean };

/**
 * One haul as planned: from a road node (a terminal gate such as `YSP4-GATE`, a depot or a
 * warehouse, named as the seed's zones are) to another. What a dispatcher would have put in
 * a job, so tests can plan jobs the trucks then carry out.
 */
export type TruckHaul = {
  from: string;
  to: string;
  /** The truck sets off from its spot at `from`. */
  departsAtMs: number;
  /** It reaches its spot at `to` (inside the terminal for a terminal gate). */
  arrivesAtMs: number;
  /** It has finished working there. */
  doneAtMs: number;
};

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const KMH_PER_MPS = 3.6;
/** Reporting while parked: the slow end of the 10-30 s range terminals are configured with. */
const PARKED_INTERVAL_MS = 30 * SECOND_MS;
const DHB_SPAN: LonLat = [121.975, 30.755];

/** Rates of the faults real terminals show, per report. */
const DROPOUT_RATE = 0.003;
const MISS_RATE = 0.004;
const DUPLICATE_RATE = 0.005;

type Place = { nodeId: string; inside: LonLat | null; dwellMs: [number, number] };

/**
 * One truck: container hauls between terminal quays and yards, depots and warehouses over
 * the road network, at road speeds (bridge 60-75 km/h, roads 40-55, terminals 15-25), with
 * gate checks, loading stops and drivers' breaks (ignition off); reporting every 10-20 s
 * while moving and 30 s parked, with GNSS noise of a few metres, and (unless `hasFaults` is
 * false) dropouts whose fixes come later as a batch, lost reports and duplicates.
 */
export class TruckSim {
  private readonly track: Track<TruckState>;
  private nextReportMs: number;
  private readonly movingIntervalMs: number;
  private readonly cruiseKmh: { bridge: number; road: number; terminal: number };
  private place: Place;
  private blindUntilMs = Number.NEGATIVE_INFINITY;
  private blindFixes: TruckFix[] = [];
  /** The hauls planned so far, oldest first (planned ahead of the reports, as time advances). */
  readonly hauls: TruckHaul[] = [];

  constructor(
    readonly vehicle: Vehicle,
    private readonly random: Random,
    startMs: number,
    private readonly hasFaults = true,
  ) {
    const plan = random.fork('jobs');
    this.movingIntervalMs = random.pick([10, 15, 20]) * SECOND_MS;
    this.cruiseKmh = {
      bridge: plan.between(60, 75),
      road: plan.between(40, 55),
      terminal: plan.between(15, 25),
    };
    this.place = this.choosePlace(plan, null);
    const beganMs = startMs - Math.round(plan.between(0, 15 * MINUTE_MS));
    this.track = new Track<TruckState>(beganMs, (track) => this.planJob(track, plan));
    const first = this.place.inside ?? roadNode(this.place.nodeId).at;
    this.track.stay(
      first,
      plan.between(0, 20 * MINUTE_MS),
      { roadClass: 'stop', isAccOn: true },
      plan.between(0, 360),
    );
    this.nextReportMs = startMs + random.int(0, this.movingIntervalMs / SECOND_MS - 1) * SECOND_MS;
  }

  /** Appends every report due up to `untilMs` (inclusive). */
  collect(untilMs: number, out: TruckReport[]): void {
    const r = this.random;
    while (this.nextReportMs <= untilMs) {
      const at = this.nextReportMs;
      const motion = this.track.at(at);
      this.nextReportMs += motion.isMoving ? this.movingIntervalMs : PARKED_INTERVAL_MS;
      const fix = this.fix(at, motion);
      if (this.hasFaults) {
        if (at < this.blindUntilMs) {
          this.blindFixes.push(fix);
          continue;
        }
        if (r.chance(DROPOUT_RATE)) {
          // Out of network coverage: the terminal keeps its fixes for a blind-area upload.
          this.blindUntilMs = at + r.between(1, 5) * MINUTE_MS;
          this.blindFixes.push(fix);
          continue;
        }
        if (this.blindFixes.length === 0 && r.chance(MISS_RATE)) continue;
      }
      const report: TruckReport = {
        kind: 'truck',
        sentAt: new Date(at),
        terminalPhone: this.vehicle.terminalPhone,
        fixes: [...this.blindFixes, fix],
        isDuplicate: false,
      };
      this.blindFixes = [];
      out.push(report);
      if (this.hasFaults && r.chance(DUPLICATE_RATE)) out.push({ ...report, isDuplicate: true });
    }
  }

  private fix(at: number, motion: Motion<TruckState>): TruckFix {
    const r = this.random;
    const [lon, lat] = offsetM(motion.position, r.normal(0, 2.5), r.normal(0, 2.5));
    const speedKmh = motion.isMoving
      ? Math.max(0, motion.speedMps * KMH_PER_MPS + r.normal(0, 1.5))
      : 0;
    const altitudeM =
      motion.meta.roadClass === 'bridge'
        ? Math.max(10, 40 - (distanceM(motion.position, DHB_SPAN) / 16_000) * 30)
        : 5;
    return {
      time: new Date(at),
      lat: Math.round(lat * 1e6) / 1e6,
      lon: Math.round(lon * 1e6) / 1e6,
      speedKmh: Math.round(speedKmh * 10) / 10,
      courseDeg:
        Math.round(normalizeDeg(motion.courseDeg + (motion.isMoving ? r.normal(0, 2) : 0))) % 360,
      altitudeM: Math.round(altitudeM + r.normal(0, 1)),
      isAccOn: motion.meta.isAccOn,
    };
  }

  /** The next haul: drive from where the truck is to a new place, and work there. */
  private planJob(track: Track<TruckState>, plan: Random): void {
    const from = this.place;
    const to = this.choosePlace(plan, from);
    const departsAtMs = track.plannedUntilMs;
    const kmh = this.cruiseKmh;
    const drive = (path: LonLat[], roadClass: RoadClass) =>
      track.move(path, kmh[roadClass] / KMH_PER_MPS, { roadClass, isAccOn: true }, 60);
    const gateCheck = (at: LonLat) =>
      track.stay(at, plan.between(0.5, 2) * MINUTE_MS, { roadClass: 'stop', isAccOn: true });
    const fromNode = roadNode(from.nodeId);
    if (from.inside) {
      drive([from.inside, fromNode.at], 'terminal');
      gateCheck(fromNode.at);
    }
    // Consecutive legs of one road class are driven as one stretch; gates stop the truck.
    let stretch: LonLat[] = [fromNode.at];
    let stretchClass: RoadClass | null = null;
    for (const leg of route(from.nodeId, to.nodeId)) {
      if (stretchClass !== null && leg.roadClass !== stretchClass) {
        drive(stretch, stretchClass);
        stretch = [leg.from.at];
      }
      stretchClass = leg.roadClass;
      stretch.push(leg.to.at);
      if (leg.to.isGate && leg.to.id !== to.nodeId) {
        drive(stretch, stretchClass);
        gateCheck(leg.to.at);
        stretch = [leg.to.at];
        stretchClass = null;
      }
    }
    if (stretchClass !== null && stretch.length > 1) drive(stretch, stretchClass);
    if (to.inside) {
      gateCheck(roadNode(to.nodeId).at);
      drive([roadNode(to.nodeId).at, to.inside], 'terminal');
    }
    const here = to.inside ?? roadNode(to.nodeId).at;
    const arrivesAtMs = track.plannedUntilMs;
    track.stay(here, plan.between(...to.dwellMs), { roadClass: 'stop', isAccOn: true });
    this.hauls.push({
      from: from.nodeId,
      to: to.nodeId,
      departsAtMs,
      arrivesAtMs,
      doneAtMs: track.plannedUntilMs,
    });
    // Now and then the driver takes a break with the engine off.
    if (plan.chance(0.1))
      track.stay(here, plan.between(15, 40) * MINUTE_MS, { roadClass: 'stop', isAccOn: false });
    this.place = to;
  }

  private choosePlace(plan: Random, current: Place | null): Place {
    const port = this.vehicle.port;
    for (;;) {
      const roll = plan.next();
      let place: Place;
      if (roll < 0.6) {
        const terminal = plan.pick(terminalsOf(port));
        const isQuay = plan.chance(0.55);
        place = {
          nodeId: `${terminal.code}-GATE`,
          inside: spotIn(plan, terminal, isQuay),
          dwellMs: isQuay ? [2 * MINUTE_MS, 6 * MINUTE_MS] : [3 * MINUTE_MS, 10 * MINUTE_MS],
        };
      } else if (roll < 0.85) {
        place = {
          nodeId: plan.pick(OFF_DOCK[port].depots),
          inside: null,
          dwellMs: [5 * MINUTE_MS, 20 * MINUTE_MS],
        };
      } else {
        place = {
          nodeId: plan.pick(OFF_DOCK[port].warehouses),
          inside: null,
          dwellMs: [15 * MINUTE_MS, 45 * MINUTE_MS],
        };
      }
      if (!current || place.nodeId !== current.nodeId) return place;
    }
  }
}

/** A spot under a quay crane (on the apron) or beside a yard block. */
function spotIn(plan: Random, terminal: Terminal, isQuay: boolean): LonLat {
  const frame = frameOf(terminal);
  const s = plan.between(0.05, 0.95) * frame.lengthM;
  const t = isQuay ? plan.between(25, 60) : plan.between(140, yardDepthM(terminal) - 10);
  return frame.at(s, t);
}
