import { bearingDeg, knotsToMps, type LonLat, normalizeDeg } from '@harbor/shared';
import type { Vessel } from './fleet.ts';
import {
  ANCHORAGES,
  BERTHS,
  type Berth,
  type Box,
  berthPositions,
  craftBases,
  frameOf,
  type Port,
  SEA_LANES,
} from './geography.ts';
import type { Random } from './random.ts';
import { pathLengthM, Track } from './track.ts';

/** Navigational status (ITU-R M.1371 message 1 field 4): 0 under way using engine, 1 at anchor, 5 moored. */
export const NAV_STATUS = { underWay: 0, atAnchor: 1, moored: 5 } as const;

export type VoyageState = {
  status: number;
  destination: string;
  /** Planned arrival at the berth (type 5's ETA); null when none is planned. */
  etaMs: number | null;
  /** Out of the simulated area (beyond VHF range): the ship sends nothing. */
  isAway: boolean;
};

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const NEXT_PORTS = ['KRPUS', 'SGSIN', 'JPTYO', 'CNNGB', 'HKHKG', 'USLAX', 'NLRTM', 'CNXMN'];

/**
 * The ship's life in the scenario, planned one visit at a time: cargo ships come in from the
 * open sea, anchor, berth at their terminal, sail and spend a while beyond VHF range before
 * the next call; tugs shuttle between their base and the berths, pilot boats between their
 * station and the boarding ground. The track starts up to a day and a half before the
 * scenario so that at its start ships are found in every phase.
 */
export function voyageTrack(vessel: Vessel, random: Random, startMs: number): Track<VoyageState> {
  const beganMs = startMs - Math.round(random.between(0, 36 * HOUR_MS));
  const plan =
    vessel.kind === 'tug'
      ? (track: Track<VoyageState>) => planTugJob(track, vessel.port, random)
      : vessel.kind === 'pilot'
        ? (track: Track<VoyageState>) => planPilotRun(track, vessel.port, random)
        : (track: Track<VoyageState>) => planCall(track, vessel, random);
  return new Track<VoyageState>(beganMs, plan);
}

function planCall(track: Track<VoyageState>, vessel: Vessel, random: Random): void {
  const berth = vessel.berth;
  if (!berth) throw new RangeError(`${vessel.name} has no berth to call at`);
  const lanes = SEA_LANES[vessel.port];
  const entry = random.pick(lanes.entries);
  const anchor = pointIn(random, ANCHORAGES[vessel.port]);
  const { alongside, approach } = berthPositions(berth);
  const seaKnots =
    vessel.kind === 'container' ? random.between(14.5, 20) : random.between(11, 13.5);
  const anchorMs = random.between(1, 8) * HOUR_MS;
  const mooredMs = random.between(10, 30) * HOUR_MS;
  const toAnchorage = [...entry, ...lanes.toAnchorage];
  // The berthing time is known once the ship is at anchor: its ETA, in type 5 from the start.
  const startMs = track.plannedUntilMs;
  const etaMs = startMs + (estimateMs(toAnchorage, seaKnots) + anchorMs + 1.5 * HOUR_MS);
  const inbound = (status: number): VoyageState => ({
    status,
    destination: 'CNSHA',
    etaMs,
    isAway: false,
  });
  track
    .move(toAnchorage, knotsToMps(seaKnots), inbound(NAV_STATUS.underWay))
    .move(
      [toAnchorage[toAnchorage.length - 1] as LonLat, anchor],
      knotsToMps(7),
      inbound(NAV_STATUS.underWay),
      800,
    )
    .stay(anchor, anchorMs, inbound(NAV_STATUS.atAnchor), random.between(0, 360))
    .move([anchor, ...lanes.inner, approach], knotsToMps(9), inbound(NAV_STATUS.underWay), 1500)
    .move([approach, alongside], knotsToMps(1.5), inbound(NAV_STATUS.underWay));
  const frame = frameOf(berth.terminal);
  const quayHeading = bearingDeg(frame.at(0, 0), frame.at(frame.lengthM, 0));
  const nextPort = random.pick(NEXT_PORTS);
  const outbound = (status: number): VoyageState => ({
    status,
    destination: nextPort,
    etaMs: null,
    isAway: false,
  });
  const exit = [...entry].reverse();
  track
    .stay(
      alongside,
      mooredMs,
      inbound(NAV_STATUS.moored),
      random.chance(0.5) ? quayHeading : normalizeDeg(quayHeading + 180),
    )
    .move([alongside, approach], knotsToMps(1.5), outbound(NAV_STATUS.underWay))
    .move(
      [approach, ...[...lanes.inner].reverse(), lanes.toAnchorage[0] as LonLat],
      knotsToMps(10),
      outbound(NAV_STATUS.underWay),
      1500,
    )
    .move(exit, knotsToMps(seaKnots), outbound(NAV_STATUS.underWay))
    .stay(exit[exit.length - 1] as LonLat, random.between(4, 12) * HOUR_MS, {
      ...outbound(NAV_STATUS.underWay),
      isAway: true,
    });
}

function planTugJob(track: Track<VoyageState>, port: Port, random: Random): void {
  const base = craftBases(port).tug;
  const berths = SEA_BERTHS[port];
  const { approach, alongside } = berthPositions(random.pick(berths));
  const state = (status: number): VoyageState => ({
    status,
    destination: '',
    etaMs: null,
    isAway: false,
  });
  const speedMps = knotsToMps(random.between(9, 12));
  track
    .stay(base, random.between(30, 150) * MINUTE_MS, state(NAV_STATUS.moored))
    .move([base, approach], speedMps, state(NAV_STATUS.underWay), 300)
    // Pushing the ship alongside at walking pace, then holding her against the quay.
    .move([approach, alongside], knotsToMps(1.2), state(NAV_STATUS.underWay))
    .stay(alongside, random.between(10, 25) * MINUTE_MS, state(NAV_STATUS.underWay))
    .move([alongside, base], speedMps, state(NAV_STATUS.underWay), 300);
}

function planPilotRun(track: Track<VoyageState>, port: Port, random: Random): void {
  const station = craftBases(port).pilot;
  // Pilots board at the seaward end of the anchorage lane.
  const boarding = SEA_LANES[port].toAnchorage[0] as LonLat;
  const state = (status: number): VoyageState => ({
    status,
    destination: '',
    etaMs: null,
    isAway: false,
  });
  const speedMps = knotsToMps(random.between(18, 26));
  track
    .stay(station, random.between(20, 90) * MINUTE_MS, state(NAV_STATUS.moored))
    .move([station, boarding], speedMps, state(NAV_STATUS.underWay), 400)
    .stay(boarding, random.between(4, 10) * MINUTE_MS, state(NAV_STATUS.underWay))
    .move([boarding, station], speedMps, state(NAV_STATUS.underWay), 400);
}

const SEA_BERTHS: Record<Port, Berth[]> = {
  YANGSHAN: BERTHS.filter((berth) => berth.terminal.port === 'YANGSHAN'),
  WAIGAOQIAO: BERTHS.filter((berth) => berth.terminal.port === 'WAIGAOQIAO'),
};

function pointIn(random: Random, box: Box): LonLat {
  // Keep a margin from the anchorage's edges: ships swing on their cable.
  const [minLon, minLat, maxLon, maxLat] = box;
  const marginLon = (maxLon - minLon) * 0.1;
  const marginLat = (maxLat - minLat) * 0.1;
  return [
    random.between(minLon + marginLon, maxLon - marginLon),
    random.between(minLat + marginLat, maxLat - marginLat),
  ];
}

function estimateMs(path: LonLat[], knots: number): number {
  return (pathLengthM(path) / knotsToMps(knots)) * 1000;
}
