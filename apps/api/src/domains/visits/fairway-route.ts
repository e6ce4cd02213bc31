import { EARTH_RADIUS_M, type FairwayNetwork, type LonLat } from '@harbor/shared';

/** A pilot boarding ground stands for the network node nearest it, when one is this close. */
export const PILOT_NODE_RADIUS_M = 1_000;

/**
 * The way from a ship to a berth along the port's fairway network, as distances from the
 * ship. `path` is the polyline: the ship, where it joins the network, the nodes, the
 * berth's turning point (where its final approach leaves the network), the berth.
 */
export type FairwayRoute = {
  path: LonLat[];
  lengthM: number;
  /** From the ship to where it joins the network: 0 on it. */
  joinM: number;
  /** Where the route passes a pilot boarding ground's node; null when it does not (passed, or none). */
  pilotAtM: number | null;
  /** Where the final approach to the berth begins (its turning point on the network). */
  turningAtM: number;
  /** Whether the port knows a pilot boarding ground on this part of the network. */
  hasPilotBoarding: boolean;
  /** False when there is no network to follow: the route is the straight line over open water. */
  hasNetwork: boolean;
};

export type RouteTarget = { centre: LonLat; terminalCode: string };

type Point = [number, number];
type Leg = { a: number; b: number; lengthM: number };
type Join = { leg: Leg; at: Point; t: number; offM: number };

/**
 * The shortest way from `from` to the berth along the network. The berth joins the network
 * at the nearest point of a leg touching its terminal's node (the node whose id is the
 * terminal's code; any leg when there is none): its turning point. The ship joins at the
 * nearest point of a leg of the same connected part (its projection on the leg, or the
 * leg's end when it lies beyond it), then Dijkstra's shortest path over the legs (both
 * ways) leads to the turning point, then a straight final approach to the berth. A ship
 * already closer to the berth than the turning point is goes straight in. Without a
 * network (null, or no leg), the route is the straight line.
 */
export function routeToBerth(
  network: FairwayNetwork | null,
  from: LonLat,
  berth: RouteTarget,
  pilotBoardings: readonly LonLat[],
): FairwayRoute {
  const plane = localPlane(berth.centre);
  const ship = plane.toXY(from);
  const target = plane.toXY(berth.centre);
  const straight = (): FairwayRoute => ({
    path: [from, berth.centre],
    lengthM: dist(ship, target),
    joinM: 0,
    pilotAtM: null,
    turningAtM: 0,
    hasPilotBoarding: false,
    hasNetwork: false,
  });
  if (!network || network.legs.length === 0) return straight();
  const index = new Map(network.nodes.map((node, i) => [node.id, i]));
  const points: Point[] = network.nodes.map((node) => plane.toXY([node.lon, node.lat]));
  const legs: Leg[] = network.legs.flatMap(([a, b]) => {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined || ib === undefined) return [];
    return [{ a: ia, b: ib, lengthM: dist(at(points, ia), at(points, ib)) }];
  });
  const terminalNode = index.get(berth.terminalCode);
  const berthLegs = legs.filter((leg) => leg.a === terminalNode || leg.b === terminalNode);
  const berthJoin = nearestJoin(target, berthLegs.length > 0 ? berthLegs : legs, points);
  if (!berthJoin) return straight();
  const part = connectedPart(berthJoin.leg.a, legs);
  const partLegs = legs.filter((leg) => part.has(leg.a));
  const pilotNodes = new Set<number>();
  for (const boarding of pilotBoardings) {
    const xy = plane.toXY(boarding);
    let best = -1;
    let bestM = PILOT_NODE_RADIUS_M;
    for (const i of part) {
      const d = dist(xy, at(points, i));
      if (d <= bestM) [best, bestM] = [i, d];
    }
    if (best >= 0) pilotNodes.add(best);
  }
  const hasPilotBoarding = pilotNodes.size > 0;
  if (dist(ship, target) <= berthJoin.offM)
    return { ...straight(), hasPilotBoarding, hasNetwork: true };
  const shipJoin = nearestJoin(ship, partLegs, points) as Join;

  // Dijkstra over the part's nodes plus two more: the ship's join (s) and the berth's (b).
  const s = points.length;
  const b = s + 1;
  const edges: [number, number, number][] = partLegs.map((leg) => [leg.a, leg.b, leg.lengthM]);
  for (const [v, join] of [
    [s, shipJoin],
    [b, berthJoin],
  ] as const)
    edges.push(
      [v, join.leg.a, join.t * join.leg.lengthM],
      [v, join.leg.b, (1 - join.t) * join.leg.lengthM],
    );
  if (shipJoin.leg === berthJoin.leg)
    edges.push([s, b, Math.abs(shipJoin.t - berthJoin.t) * shipJoin.leg.lengthM]);
  const order = shortestPath(s, b, edges, s + 2);
  const position = (v: number): Point =>
    v === s ? shipJoin.at : v === b ? berthJoin.at : at(points, v);

  const path: Point[] = [ship, ...order.map(position), target];
  const along = [0];
  for (let i = 1; i < path.length; i++)
    along.push((along[i - 1] ?? 0) + dist(path[i - 1] as Point, path[i] as Point));
  // path[0] is the ship, path[1 + k] is order[k]; the turning point is the last but one. A
  // ship joining at the boarding ground's node itself (beyond the end of its leg) may leave
  // along the leg without the node on the path: it is there when it joins.
  const pilotStep = order.findIndex((v) => pilotNodes.has(v));
  const joinsAtPilot = [...pilotNodes].some((v) => dist(shipJoin.at, at(points, v)) < 1);
  return {
    path: path.map(plane.toLonLat),
    lengthM: along.at(-1) ?? 0,
    joinM: shipJoin.offM,
    pilotAtM: pilotStep >= 0 ? (along[pilotStep + 1] ?? null) : joinsAtPilot ? shipJoin.offM : null,
    turningAtM: along.at(-2) ?? 0,
    hasPilotBoarding,
    hasNetwork: true,
  };
}

/** An equirectangular plane around a point: metres east and north, good to 0.1 % over 100 km. */
function localPlane(origin: LonLat) {
  const metresPerDeg = (EARTH_RADIUS_M * Math.PI) / 180;
  const cosLat = Math.cos((origin[1] * Math.PI) / 180);
  return {
    toXY: ([lon, lat]: LonLat): Point => [
      (lon - origin[0]) * metresPerDeg * cosLat,
      (lat - origin[1]) * metresPerDeg,
    ],
    toLonLat: ([x, y]: Point): LonLat => [
      origin[0] + x / (metresPerDeg * cosLat),
      origin[1] + y / metresPerDeg,
    ],
  };
}

function nearestJoin(p: Point, legs: readonly Leg[], points: readonly Point[]): Join | null {
  let best: Join | null = null;
  for (const leg of legs) {
    const a = at(points, leg.a);
    const b = at(points, leg.b);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const squared = dx * dx + dy * dy;
    const t =
      squared === 0
        ? 0
        : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / squared));
    const foot: Point = [a[0] + t * dx, a[1] + t * dy];
    const offM = dist(p, foot);
    if (!best || offM < best.offM) best = { leg, at: foot, t, offM };
  }
  return best;
}

function connectedPart(start: number, legs: readonly Leg[]): Set<number> {
  const part = new Set([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const leg of legs)
      if (part.has(leg.a) !== part.has(leg.b)) {
        part.add(leg.a);
        part.add(leg.b);
        grew = true;
      }
  }
  return part;
}

/** Dijkstra's algorithm over an undirected graph of a few dozen nodes: the vertices from `from` to `to`. */
function shortestPath(
  from: number,
  to: number,
  edges: readonly [number, number, number][],
  size: number,
): number[] {
  const distance = new Array<number>(size).fill(Infinity);
  const previous = new Array<number>(size).fill(-1);
  const done = new Array<boolean>(size).fill(false);
  distance[from] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < size; v++)
      if (!done[v] && (distance[v] ?? Infinity) < (u < 0 ? Infinity : (distance[u] ?? Infinity)))
        u = v;
    if (u < 0 || u === to) break;
    done[u] = true;
    for (const [a, b, lengthM] of edges) {
      const v = a === u ? b : b === u ? a : -1;
      if (v < 0 || done[v]) continue;
      const through = (distance[u] ?? Infinity) + lengthM;
      if (through < (distance[v] ?? Infinity)) {
        distance[v] = through;
        previous[v] = u;
      }
    }
  }
  const order: number[] = [];
  for (let v = to; v >= 0; v = v === from ? -1 : (previous[v] ?? -1)) order.unshift(v);
  return order;
}

function at(points: readonly Point[], i: number): Point {
  return points[i] ?? [0, 0];
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
