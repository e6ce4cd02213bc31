import type { AisMessage } from '@harbor/protocols/ais';
import { type LonLat, mpsToKnots, normalizeDeg } from '@harbor/shared';
import type { Vessel } from './fleet.ts';
import { offsetM } from './geodesy.ts';
import type { Random } from './random.ts';
import type { AisReport } from './reports.ts';
import type { Track } from './track.ts';
import { NAV_STATUS, type VoyageState, voyageTrack } from './voyage.ts';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
/** Static and voyage data (type 5) and class B static data (type 24 A+B): every 6 min (M.1371-5 annex 2 §4.2.1). */
export const STATIC_INTERVAL_MS = 6 * MINUTE_MS;

/**
 * Reporting interval of a position report, ITU-R M.1371-5 annex 1 table 1 (class A) and
 * table 2 (class B "CS"). The shorter intervals while changing course are not simulated.
 */
export function reportIntervalMs(aisClass: 'A' | 'B', status: number, speedKnots: number): number {
  if (aisClass === 'B') return speedKnots > 2 ? 30 * SECOND_MS : 3 * MINUTE_MS;
  const isAtRest = status === NAV_STATUS.atAnchor || status === NAV_STATUS.moored;
  if (isAtRest && speedKnots <= 3) return 3 * MINUTE_MS;
  if (speedKnots <= 14) return 10 * SECOND_MS;
  if (speedKnots <= 23) return 6 * SECOND_MS;
  return 2 * SECOND_MS;
}

/** One ship of the scenario: its track and the reports its transponder sends. */
export class VesselSim {
  private readonly track: Track<VoyageState>;
  private nextPositionMs: number;
  private nextStaticMs: number;
  /** SOTDMA communication state (M.1371 §3.3.7.2.2), carried along from report to report. */
  private radio: number;

  constructor(
    readonly vessel: Vessel,
    private readonly random: Random,
    startMs: number,
  ) {
    this.track = voyageTrack(vessel, random.fork('voyage'), startMs);
    // Transponders were switched on long ago: the first reports fall anywhere in their cycle.
    this.nextPositionMs = startMs + random.int(0, 9) * SECOND_MS;
    this.nextStaticMs = startMs + random.int(0, STATIC_INTERVAL_MS / SECOND_MS - 1) * SECOND_MS;
    this.radio = random.int(0, 0x7ffff);
  }

  /** Appends every report due up to `untilMs` (inclusive). */
  collect(untilMs: number, out: AisReport[]): void {
    while (Math.min(this.nextPositionMs, this.nextStaticMs) <= untilMs) {
      if (this.nextStaticMs <= this.nextPositionMs) {
        const at = this.nextStaticMs;
        this.nextStaticMs += STATIC_INTERVAL_MS;
        const { meta } = this.track.at(at);
        if (!meta.isAway)
          out.push({
            kind: 'ais',
            sentAt: new Date(at),
            mmsi: this.vessel.mmsi,
            messages: this.staticMessages(meta),
          });
      } else {
        const at = this.nextPositionMs;
        const motion = this.track.at(at);
        const speedKnots = mpsToKnots(motion.speedMps);
        this.nextPositionMs += motion.meta.isAway
          ? 3 * MINUTE_MS
          : reportIntervalMs(this.vessel.aisClass, motion.meta.status, speedKnots);
        if (motion.meta.isAway) continue;
        out.push({
          kind: 'ais',
          sentAt: new Date(at),
          mmsi: this.vessel.mmsi,
          messages: [this.position(at, motion.position, speedKnots, motion.courseDeg, motion.meta)],
        });
      }
    }
  }

  private position(
    at: number,
    position: LonLat,
    speedKnots: number,
    courseDeg: number,
    meta: VoyageState,
  ): AisMessage {
    const r = this.random;
    // GNSS noise of a few metres; at anchor the ship also swings and drifts on her cable.
    const [lon, lat] = offsetM(position, r.normal(0, 3), r.normal(0, 3));
    const isMoving = speedKnots > 0.05;
    const sog = isMoving
      ? Math.max(0, speedKnots + r.normal(0, 0.15))
      : meta.status === NAV_STATUS.atAnchor
        ? r.between(0, 0.3)
        : 0;
    const heading = Math.round(normalizeDeg(courseDeg + r.normal(0, isMoving ? 2 : 4))) % 360;
    const cog = isMoving
      ? normalizeDeg(courseDeg + r.normal(0, 1.2))
      : normalizeDeg(heading + r.normal(0, 40));
    const common = {
      repeat: 0,
      mmsi: this.vessel.mmsi,
      speedKnots: Math.round(sog * 10) / 10,
      lon: round6(lon),
      lat: round6(lat),
      courseDeg: (Math.round(cog * 10) / 10) % 360,
      second: Math.floor(at / SECOND_MS) % 60,
      raim: false,
    };
    if (this.vessel.aisClass === 'B') {
      return {
        ...common,
        type: 18,
        accuracy: false,
        // Small CS units seldom have a heading sensor.
        headingDeg: null,
        regional: 0,
        cs: true,
        display: false,
        dsc: true,
        band: true,
        msg22: true,
        assigned: false,
        // "1100000000000000110": the fixed communication state of a carrier-sense unit.
        radio: 0b1100000000000000110,
      };
    }
    this.radio = (this.radio + 1) & 0x7ffff;
    return {
      ...common,
      type: 1,
      status: meta.status,
      turn: 0,
      rateOfTurnDegPerMin: 0,
      accuracy: true,
      headingDeg: heading,
      maneuver: 0,
      radio: this.radio,
    };
  }

  private staticMessages(meta: VoyageState): AisMessage[] {
    const v = this.vessel;
    if (v.aisClass === 'B') {
      return [
        { type: 24, repeat: 0, mmsi: v.mmsi, part: 'A', shipName: v.name },
        {
          type: 24,
          repeat: 0,
          mmsi: v.mmsi,
          part: 'B',
          shipType: v.shipType,
          vendorId: 'SRT',
          model: 1,
          serial: v.mmsi % 1_000_000,
          callSign: v.callSign,
          dimensions: v.dimensions,
          mothershipMmsi: null,
        },
      ];
    }
    const eta = meta.etaMs === null ? null : new Date(meta.etaMs);
    return [
      {
        type: 5,
        repeat: 0,
        mmsi: v.mmsi,
        aisVersion: 2,
        imo: v.imo,
        callSign: v.callSign,
        shipName: v.name,
        shipType: v.shipType,
        dimensions: v.dimensions,
        epfd: 1,
        eta: {
          month: eta ? eta.getUTCMonth() + 1 : null,
          day: eta ? eta.getUTCDate() : null,
          hour: eta ? eta.getUTCHours() : null,
          minute: eta ? eta.getUTCMinutes() : null,
        },
        draughtM: v.draughtM,
        destination: meta.destination,
        dte: false,
      },
    ];
  }
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
