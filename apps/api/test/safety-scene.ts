import { CollisionRiskParams, EARTH_RADIUS_M, type Fix, METRES_PER_NM } from '@harbor/shared';
import type { ActiveRule } from '../src/domains/alerts/engine.ts';
import type { FenceZone } from '../src/pipeline/geofence-engine.ts';

// What the safety tests and the benchmark build their encounters from: a point in the open
// sea east of Yangshan (clear of the seeded zones), ships placed in nautical miles east and
// north of it, moving in straight lines at their speed and course.

export const ORIGIN = { lat: 30.5, lon: 122.6 };
export const T0 = Date.parse('2026-11-25T02:00:00Z');
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const M_PER_DEG_LON = M_PER_DEG * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** Latitude and longitude of a point `eastNm` and `northNm` from the origin. */
export function place(eastNm: number, northNm: number): { lat: number; lon: number } {
  return {
    lat: ORIGIN.lat + (northNm * METRES_PER_NM) / M_PER_DEG,
    lon: ORIGIN.lon + (eastNm * METRES_PER_NM) / M_PER_DEG_LON,
  };
}

/** A box zone, corners in nautical miles from the origin. */
export function boxZone(
  id: string,
  kind: string,
  [west, south]: [number, number],
  [east, north]: [number, number],
): FenceZone {
  const sw = place(west, south);
  const ne = place(east, north);
  return {
    id,
    code: id.toUpperCase(),
    kind,
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [sw.lon, sw.lat],
          [ne.lon, sw.lat],
          [ne.lon, ne.lat],
          [sw.lon, ne.lat],
          [sw.lon, sw.lat],
        ],
      ],
    },
    minLon: sw.lon,
    minLat: sw.lat,
    maxLon: ne.lon,
    maxLat: ne.lat,
  };
}

/** A ship's straight run: where it starts (nm from the origin), its speed and course. */
export type Run = {
  mmsi: string;
  from: [eastNm: number, northNm: number];
  knots: number;
  courseDeg: number;
  status?: string;
};

/** The AIS report of a run `seconds` after `startMs`. */
export function report(run: Run, seconds: number, startMs = T0): Fix {
  const hours = seconds / 3600;
  const rad = (run.courseDeg * Math.PI) / 180;
  const at = place(
    run.from[0] + run.knots * hours * Math.sin(rad),
    run.from[1] + run.knots * hours * Math.cos(rad),
  );
  const fixAt = new Date(startMs + seconds * 1000);
  return {
    assetKind: 'VESSEL',
    assetKey: run.mmsi,
    fixAt,
    receivedAt: fixAt,
    ...at,
    speedKnots: run.knots,
    courseDeg: run.courseDeg,
    headingDeg: run.courseDeg,
    altitudeM: null,
    status: run.status ?? 'UNDER_WAY_USING_ENGINE',
    source: 'AIS',
  };
}

/** Reports of every run every `everyS` seconds from `fromS` to `toS` (inclusive), in time order. */
export function reports(runs: readonly Run[], fromS: number, toS: number, everyS = 10): Fix[] {
  const fixes: Fix[] = [];
  for (let s = fromS; s <= toS; s += everyS) for (const run of runs) fixes.push(report(run, s));
  return fixes;
}

let rules = 0;
/** A port authority's COLLISION_RISK rule with these settings over the defaults. */
export function collisionRule(params: Partial<CollisionRiskParams> = {}): ActiveRule {
  rules++;
  return {
    kind: 'COLLISION_RISK',
    params: CollisionRiskParams.parse(params),
    id: `rule-collision-${rules}`,
    organization: { id: 'org-port', kind: 'PORT_AUTHORITY' },
    name: `Collision risk ${rules}`,
    severity: 'CRITICAL',
  };
}
