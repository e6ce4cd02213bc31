import type { Db } from '@harbor/db';
import { bearingDeg, distanceM, type LonLat, METRES_PER_NM } from '@harbor/shared';
import { angleBetweenDeg, ringCentre } from '../port/geodesy.ts';

/*
 * The straight-line arrival estimate Harbor used before the fairway predictor (eta.ts): kept
 * as the baseline the accuracy benchmark (bench/eta-accuracy.ts) and eta.test.ts compare the
 * predictor with. The port call tracker uses eta.ts; from here it takes only `mmsiOf`.
 */

/** A vessel this close to its terminal and heading in counts as approaching (about 4 h out at 12 kn). */
export const APPROACH_RADIUS_NM = 50;
/** Below this speed over ground a vessel is drifting or swinging at anchor: no ETA from it. */
export const MIN_SOG_KNOTS = 1;
/** A course no more than this away from the bearing to the berth counts as "towards". */
const TOWARDS_DEG = 90;

export type ZoneInfo = {
  kind: 'ANCHORAGE' | 'BERTH';
  portId: string;
  berth: { id: string; code: string; terminalId: string } | null;
};

/** What the visit tracker knows of the port: its anchorages and berths, berth and terminal centres. */
export type PortGeometry = {
  zones: Map<string, ZoneInfo>;
  berthCentres: Map<string, LonLat>;
  /** The mean of a terminal's berth centres: a point on its quay, good for "within 50 nm". */
  terminalCentres: Map<string, LonLat>;
};

export async function loadPortGeometry(db: Pick<Db, 'prisma'>): Promise<PortGeometry> {
  const rows = await db.prisma.zone.findMany({
    where: { kind: { in: ['ANCHORAGE', 'BERTH'] } },
    include: { berth: { select: { id: true, code: true, terminalId: true } } },
  });
  const geometry: PortGeometry = {
    zones: new Map(),
    berthCentres: new Map(),
    terminalCentres: new Map(),
  };
  const perTerminal = new Map<string, LonLat[]>();
  for (const row of rows) {
    geometry.zones.set(row.id, {
      kind: row.kind as ZoneInfo['kind'],
      portId: row.portId,
      berth: row.berth,
    });
    if (!row.berth) continue;
    const centre = ringCentre(row.polygon as { coordinates: number[][][] });
    geometry.berthCentres.set(row.berth.id, centre);
    const list = perTerminal.get(row.berth.terminalId) ?? [];
    list.push(centre);
    perTerminal.set(row.berth.terminalId, list);
  }
  for (const [terminalId, centres] of perTerminal) {
    const lon = centres.reduce((sum, c) => sum + c[0], 0) / centres.length;
    const lat = centres.reduce((sum, c) => sum + c[1], 0) / centres.length;
    geometry.terminalCentres.set(terminalId, [lon, lat]);
  }
  return geometry;
}

/**
 * The predicted arrival of a vessel heading in, or null when it is not approaching: further
 * than APPROACH_RADIUS_NM from the terminal, slower than MIN_SOG_KNOTS, or not heading
 * towards the target (its course over ground more than 90° off the bearing; without a
 * course, not closer than at its previous fix). The estimate is the straight-line distance
 * to the target over the speed over ground: right over open water, early along a channel.
 */
export function approachEta(input: {
  at: LonLat;
  fixAtMs: number;
  speedKnots: number | null;
  courseDeg: number | null;
  terminal: LonLat;
  target: LonLat;
  previousDistanceM: number | undefined;
}): { predictedEtaMs: number | null; distanceM: number } {
  const toTargetM = distanceM(input.at, input.target);
  const speed = input.speedKnots ?? 0;
  const towards =
    input.courseDeg !== null
      ? angleBetweenDeg(input.courseDeg, bearingDeg(input.at, input.target)) <= TOWARDS_DEG
      : input.previousDistanceM !== undefined && toTargetM < input.previousDistanceM;
  const isApproaching =
    speed > MIN_SOG_KNOTS &&
    towards &&
    distanceM(input.at, input.terminal) <= APPROACH_RADIUS_NM * METRES_PER_NM;
  return {
    distanceM: toTargetM,
    predictedEtaMs: isApproaching
      ? input.fixAtMs + (toTargetM / METRES_PER_NM / speed) * 3_600_000
      : null,
  };
}

/** The MMSI of a vessel fix or transition (its asset key, nine digits), else null. */
export function mmsiOf(assetKind: string, assetKey: string): number | null {
  return assetKind === 'VESSEL' && /^\d{9}$/.test(assetKey) ? Number(assetKey) : null;
}
